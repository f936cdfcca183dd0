/**
 * Where `e` and `E` write when `--export-dir` does not say: `$XDG_STATE_HOME/letta-fleet/exports`
 * (`~/.local/state/...`), beside the history, as k9s keeps its screen dumps, so an export never
 * lands in whatever folder the monitor was started from (often a repository). With no usable home
 * it is the current folder, as before.
 */
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {realHome} from './home-dir.js';
import {stateHome} from './history-path.js';

/**
 * The folder for exports, absolute: `chosen` when given, else the default, made (0700) if it is
 * missing; a default that cannot be made is still returned, and the export says why it failed.
 */
export function exportFolder(chosen: string | undefined, env: NodeJS.ProcessEnv): string {
	const folder = exportFolderPath(chosen, env);
	if (chosen !== undefined || folder === process.cwd()) return folder;
	try {
		mkdirSync(folder, {recursive: true, mode: 0o700});
	} catch {
		// The export's own message names the folder and the reason.
	}

	return folder;
}

/** The folder exports go to, absolute, without touching the disk (for `letta-fleet config`). */
export function exportFolderPath(chosen: string | undefined, env: NodeJS.ProcessEnv): string {
	if (chosen !== undefined) return path.resolve(chosen);
	const state = stateHome(env, realHome(env));
	return state.dir === undefined ? process.cwd() : path.join(state.dir, 'letta-fleet', 'exports');
}
