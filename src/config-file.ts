/**
 * The optional config file, $XDG_CONFIG_HOME/letta-fleet/config.json
 * (default ~/.config/letta-fleet/config.json): the flags' names as keys. This file only reads
 * it as a JSON object; parseOptions checks each key and value against the flags table.
 */
import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {type ConfigValues, UsageError} from './options.js';

/** The file's path, its values ({} when it is missing), and whether it exists. */
export type ConfigFile = {path: string; values: ConfigValues; found: boolean};

export function configFilePath(env: NodeJS.ProcessEnv, home = homedir()): string {
	return path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), 'letta-fleet', 'config.json');
}

export async function loadConfigFile(env: NodeJS.ProcessEnv, home = homedir()): Promise<ConfigFile> {
	const file = configFilePath(env, home);
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return {path: file, values: {}, found: false};
		}

		throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
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
