/**
 * Where the history file lives: `--history-file PATH` when given; else
 * `$XDG_STATE_HOME/letta-fleet/history.sqlite`, with `~/.local/state` standing in when
 * XDG_STATE_HOME is unset, empty or relative (the XDG Base Directory spec says a relative value
 * is invalid and ignored); else, with no real home (home-dir.ts: never the current folder), no
 * file. The demo (`--demo`, `serve-demo`) records nothing unless `--history-file` names a file,
 * so a demo never mixes simulated listeners into a user's history.
 */
import path from 'node:path';
import {type Home, realHome} from './home-dir.js';
import type {Options} from './flags.js';

/** The file's name inside its state folder. */
export const HISTORY_FILE_NAME = 'history.sqlite';

/** The history file's absolute path, or why there is none, in words (for a notice and `letta-fleet config`). */
export type HistoryPath = {file: string; why?: undefined} | {file?: undefined; why: string};

/** The history file for these options and environment; never throws, touches no file but HOME's stat. */
export function historyPath(
	options: Pick<Options, 'historyFile' | 'noHistory' | 'demo' | 'command'>,
	env: NodeJS.ProcessEnv,
	home: Home = realHome(env),
): HistoryPath {
	if (options.noHistory) return {why: 'history is off (--no-history)'};
	if (options.historyFile !== undefined) return {file: path.resolve(options.historyFile)};
	if (options.demo || options.command === 'serve-demo') {
		return {why: 'the demo records no history unless --history-file names a file'};
	}

	const state = stateHome(env, home);
	if (state.dir === undefined) return {why: `no home folder (${state.why}); name a file with --history-file PATH`};
	return {file: path.join(state.dir, 'letta-fleet', HISTORY_FILE_NAME)};
}

/** $XDG_STATE_HOME when absolute, else <home>/.local/state, else none and why. */
export function stateHome(env: NodeJS.ProcessEnv, home: Home): Home {
	const xdg = env['XDG_STATE_HOME'];
	if (xdg && path.isAbsolute(xdg)) return {dir: xdg};
	return home.dir === undefined ? home : {dir: path.join(home.dir, '.local', 'state')};
}
