/**
 * The home directory settings are read from, and only a real one: HOME
 * absolute and an existing folder. An empty HOME once made `path.join('',
 * '.letta', 'settings.json')` a path relative to the current folder, so any
 * cloned repository holding .letta/settings.json could name the base URL our
 * key was sent to. There is no fallback to the current folder, nor to
 * os.homedir() when HOME is set but unusable: a bad HOME means no home.
 */
import {statSync} from 'node:fs';
import path from 'node:path';

/** A usable home folder, or why there is none, in words for `letta-fleet config`. */
export type Home = {dir: string; why?: undefined} | {dir?: undefined; why: string};

/** $HOME when it is an absolute path to an existing folder. Never throws. */
export function realHome(env: NodeJS.ProcessEnv): Home {
	const home = env['HOME'];
	if (home === undefined) return {why: 'HOME is not set'};
	if (home === '') return {why: 'HOME is empty'};
	if (!path.isAbsolute(home)) return {why: `HOME (${home}) is not an absolute path`};
	try {
		// stat, not open: a FIFO or a device at that path is reported, never opened.
		if (!statSync(home).isDirectory()) return {why: `HOME (${home}) is not a folder`};
	} catch (error) {
		return {why: `HOME (${home}) cannot be used (${(error as NodeJS.ErrnoException).code ?? 'error'})`};
	}

	return {dir: home};
}

/**
 * The XDG config folder: $XDG_CONFIG_HOME when absolute (the XDG Base Directory
 * spec says a relative value is invalid and ignored), else <home>/.config, else none.
 */
export function configHome(env: NodeJS.ProcessEnv, home: Home): Home {
	const xdg = env['XDG_CONFIG_HOME'];
	if (xdg && path.isAbsolute(xdg)) return {dir: xdg};
	return home.dir === undefined ? home : {dir: path.join(home.dir, '.config')};
}
