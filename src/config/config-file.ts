/**
 * The optional config file, $XDG_CONFIG_HOME/letta-fleet/config.json
 * (default ~/.config/letta-fleet/config.json): the flags' names as keys. This file only reads
 * it as a JSON object; parseOptions checks each key and value against the flags table.
 * It is read only from a real home (src/config/home-dir.ts) and only when it is a regular file of at
 * most SETTINGS_FILE_MAX_BYTES (src/config/bounded-file.ts).
 */
import path from 'node:path';
import {FileRefusedError, readRegularFile, SETTINGS_FILE_MAX_BYTES} from './bounded-file.js';
import {configHome, type Home, realHome} from './home-dir.js';
import type {ConfigValues} from './flags.js';
import {UsageError} from './usage-error.js';

/**
 * The file's path (undefined when there is no home to hold it, `why` then says so),
 * its values ({} when it is missing), and whether it exists.
 */
export type ConfigFile = {path: string | undefined; values: ConfigValues; found: boolean; why?: string};

/** Where the config file is, or why there is none (no real home and no absolute XDG_CONFIG_HOME). */
export function configFilePath(
	env: NodeJS.ProcessEnv,
	home: Home = realHome(env),
): {path: string; why?: undefined} | {path?: undefined; why: string} {
	const folder = configHome(env, home);
	return folder.dir === undefined
		? {why: `no home folder: ${folder.why}`}
		: {path: path.join(folder.dir, 'letta-fleet', 'config.json')};
}

/**
 * Reads the config file. Missing (or no home): no values.
 *
 * @throws UsageError when it exists but is not a regular file, is larger than
 * SETTINGS_FILE_MAX_BYTES, cannot be read, or is not a JSON object; the message names the path and why.
 */
export async function loadConfigFile(env: NodeJS.ProcessEnv, home: Home = realHome(env)): Promise<ConfigFile> {
	const located = configFilePath(env, home);
	if (located.path === undefined) {
		return {path: undefined, values: {}, found: false, why: located.why};
	}

	const file = located.path;
	let text: string;
	try {
		text = await readRegularFile(file, SETTINGS_FILE_MAX_BYTES);
	} catch (error) {
		if (!(error instanceof FileRefusedError)) throw error;
		if (error.code === 'ENOENT') {
			return {path: file, values: {}, found: false};
		}

		throw new UsageError(`cannot use the config file ${file}: ${error.reason}`);
	}

	let values: unknown;
	try {
		values = JSON.parse(text);
	} catch (error) {
		throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
	}

	if (typeof values !== 'object' || values === null || Array.isArray(values)) {
		throw new UsageError(`${file} must hold a JSON object, like {"interval": 5}`);
	}

	return {path: file, values: values as ConfigValues, found: true};
}
