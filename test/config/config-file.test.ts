import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {SETTINGS_FILE_MAX_BYTES} from '../../src/config/bounded-file.js';
import {loadConfigFile} from '../../src/config/config-file.js';
import {UsageError} from '../../src/config/usage-error.js';
import {matcher} from '../helpers/matcher.js';

let home: string;
let file: string;

beforeEach(() => {
	home = mkdtempSync(path.join(tmpdir(), 'letta-fleet-files-config-'));
	mkdirSync(path.join(home, '.config', 'letta-fleet'), {recursive: true});
	file = path.join(home, '.config', 'letta-fleet', 'config.json');
});

afterEach(() => {
	rmSync(home, {recursive: true, force: true});
});

describe('the config file', () => {
	it('is read from ~/.config under a real HOME, or from an absolute XDG_CONFIG_HOME', async () => {
		writeFileSync(file, '{"interval": 5}');
		expect(await loadConfigFile({HOME: home})).toEqual({path: file, values: {interval: 5}, found: true});
		// A relative XDG_CONFIG_HOME is ignored (XDG Base Directory spec): the file under HOME is used.
		expect(await loadConfigFile({HOME: home, XDG_CONFIG_HOME: 'elsewhere'})).toMatchObject({
			path: file,
			found: true,
		});
		expect(await loadConfigFile({HOME: '', XDG_CONFIG_HOME: path.join(home, '.config')})).toMatchObject({
			path: file,
			found: true,
		});
	});

	it('is none without a real home, and says why, whatever the current folder holds', async () => {
		const cwd = process.cwd();
		try {
			// What an empty HOME once found: .config/letta-fleet/config.json in the current folder.
			process.chdir(home);
			writeFileSync(file, '{"base-url": "https://attacker.example"}');
			for (const env of [
				{},
				{HOME: ''},
				{HOME: '.'},
				{HOME: path.join(home, '.config', 'letta-fleet', 'config.json')},
				{HOME: '', XDG_CONFIG_HOME: '.config'},
			]) {
				const config = await loadConfigFile(env);
				expect(config, JSON.stringify(env)).toMatchObject({
					path: undefined,
					values: {},
					found: false,
					why: matcher.stringMatching(/^no home folder: HOME /),
				});
			}
		} finally {
			process.chdir(cwd);
		}
	});

	it('refuses a FIFO, a folder or an oversized file: a usage error naming the path and why, at once', async () => {
		execFileSync('mkfifo', [file]);
		await expect(loadConfigFile({HOME: home})).rejects.toThrow(
			new UsageError(`cannot use the config file ${file}: it is a FIFO (named pipe), not a regular file`),
		);
		rmSync(file);
		mkdirSync(file);
		await expect(loadConfigFile({HOME: home})).rejects.toThrow(
			`cannot use the config file ${file}: it is a folder, not a regular file`,
		);
		rmSync(file, {recursive: true});
		writeFileSync(file, `{"interval": 5}${' '.repeat(SETTINGS_FILE_MAX_BYTES)}`);
		await expect(loadConfigFile({HOME: home})).rejects.toThrow(
			`cannot use the config file ${file}: it is larger than 1 MiB`,
		);
		rmSync(file);
		expect(await loadConfigFile({HOME: home})).toEqual({path: file, values: {}, found: false});
	});
});
