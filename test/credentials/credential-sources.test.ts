import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {SETTINGS_FILE_MAX_BYTES} from '../../src/config/bounded-file.js';
import {resolveCredentials} from '../../src/credentials/credential-sources.js';
import {parseOptions} from '../../src/config/options.js';
import {promised} from '../helpers/promised.js';

const SETTINGS = JSON.stringify({
	env: {LETTA_API_KEY: 'key-from-settings', LETTA_BASE_URL: 'https://settings.example'},
});

function files(map: Record<string, string>) {
	return (file: string) =>
		promised(() => {
			const text = map[file];
			if (text === undefined) throw Object.assign(new Error('missing'), {code: 'ENOENT'});
			return text;
		});
}

describe('resolveCredentials', () => {
	it('reads Letta Code settings when nothing else is given', async () => {
		const credentials = await resolveCredentials(parseOptions([]), {
			env: {},
			home: '/h',
			read: files({'/h/.letta/settings.json': SETTINGS}),
		});
		expect(credentials).toEqual({
			apiKey: 'key-from-settings',
			keySource: '~/.letta/settings.json',
			baseUrl: 'https://settings.example',
			baseUrlSource: '~/.letta/settings.json',
			login: {file: '/h/.letta/settings.json', expiresAt: null},
		});
	});

	it('reads a Letta Code login: the token and its tokenExpiresAt (epoch ms), never the refresh token', async () => {
		const login = (tokenExpiresAt: unknown) =>
			resolveCredentials(parseOptions([]), {
				env: {},
				home: '/h',
				read: files({
					'/h/.letta/settings.json': JSON.stringify({
						env: {LETTA_API_KEY: 'access-token'},
						refreshToken: 'refresh-token',
						tokenExpiresAt,
					}),
				}),
			});
		const expiresAt = Date.UTC(2026, 10, 29, 14, 2);
		const found = await login(expiresAt);
		expect(found).toMatchObject({
			apiKey: 'access-token',
			keySource: '~/.letta/settings.json',
			login: {file: '/h/.letta/settings.json', expiresAt},
		});
		expect(JSON.stringify(found)).not.toContain('refresh-token');
		// Missing or not a number: no known expiry, as Letta Code treats a token without one.
		expect((await login(undefined)).login).toEqual({file: '/h/.letta/settings.json', expiresAt: null});
		expect((await login('tomorrow')).login?.expiresAt).toBeNull();
		// Letta Code writes milliseconds only; a number in seconds is not guessed at.
		expect((await login(1_795_000_000)).login?.expiresAt).toBe(1_795_000_000);
	});

	it("sends Letta Code's login only to the server Letta Code logs in to, not to a --base-url elsewhere", async () => {
		const read = files({'/h/.letta/settings.json': JSON.stringify({env: {LETTA_API_KEY: 'access-token'}})});
		const resolve = (args: string[], env: NodeJS.ProcessEnv = {}) =>
			resolveCredentials(parseOptions(args), {env, home: '/h', read});
		// A proxy, a test server or a typo named with --base-url gets no token of Letta's API.
		const elsewhere = await resolve(['--base-url', 'https://proxy.example']);
		expect(elsewhere.apiKey).toBeUndefined();
		expect(elsewhere.notes).toEqual([
			"Letta Code's login in ~/.letta/settings.json not sent to https://proxy.example: it is for https://api.letta.com; give that server's key with --api-key-file or LETTA_API_KEY",
		]);
		expect(JSON.stringify(elsewhere)).not.toContain('access-token');
		// Letta's API named outright, or a server Letta Code itself is pointed at by LETTA_BASE_URL, gets it.
		expect((await resolve(['--base-url', 'https://api.letta.com/'])).apiKey).toBe('access-token');
		const pointed = {LETTA_BASE_URL: 'http://127.0.0.1:8283'};
		expect((await resolve(['--base-url', 'http://127.0.0.1:8283'], pointed)).apiKey).toBe('access-token');
		expect((await resolve([], pointed)).apiKey).toBe('access-token');
	});

	it('finds ~/.letta under $HOME, as Letta Code does', async () => {
		const home = mkdtempSync(path.join(tmpdir(), 'letta-fleet-files-home-'));
		try {
			mkdirSync(path.join(home, '.letta'));
			writeFileSync(path.join(home, '.letta', 'settings.json'), SETTINGS);
			const credentials = await resolveCredentials(parseOptions([]), {env: {HOME: home}});
			expect(credentials).toMatchObject({
				apiKey: 'key-from-settings',
				login: {file: path.join(home, '.letta', 'settings.json')},
			});
			expect(credentials.notes).toBeUndefined();
		} finally {
			rmSync(home, {recursive: true, force: true});
		}
	});

	it('reads no settings file without a real home: HOME unset, empty, relative or not a folder', async () => {
		// The finding: HOME='' made ".letta/settings.json" relative to the current folder, any cloned repository.
		const folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-files-cwd-'));
		const cwd = process.cwd();
		try {
			mkdirSync(path.join(folder, '.letta'));
			mkdirSync(path.join(folder, '.config', 'letta'), {recursive: true});
			writeFileSync(path.join(folder, '.letta', 'settings.json'), SETTINGS);
			writeFileSync(path.join(folder, '.config', 'letta', 'settings.json'), SETTINGS);
			writeFileSync(path.join(folder, 'a-file'), '');
			process.chdir(folder);
			const homes: Array<[string | undefined, RegExp]> = [
				[undefined, /HOME is not set/],
				['', /HOME is empty/],
				['.', /HOME \(\.\) is not an absolute path/],
				[path.join(folder, 'a-file'), /is not a folder/],
			];
			for (const [home, why] of homes) {
				// A relative XDG_CONFIG_HOME is ignored too, as the XDG spec says.
				const env = {
					...(home === undefined ? {} : {HOME: home}),
					LETTA_API_KEY: 'key-from-env',
					XDG_CONFIG_HOME: '.config',
				};
				const credentials = await resolveCredentials(parseOptions([]), {env});
				expect(credentials, String(home)).toMatchObject({
					apiKey: 'key-from-env',
					baseUrl: 'https://api.letta.com',
					baseUrlSource: 'default',
				});
				expect(credentials.notes, String(home)).toEqual([expect.stringMatching(why)]);
			}
		} finally {
			process.chdir(cwd);
			rmSync(folder, {recursive: true, force: true});
		}
	});

	it('skips a settings file that is not a regular file, or too big, and says why', async () => {
		const home = mkdtempSync(path.join(tmpdir(), 'letta-fleet-files-home-'));
		try {
			mkdirSync(path.join(home, '.letta'));
			const file = path.join(home, '.letta', 'settings.json');
			execFileSync('mkfifo', [file]);
			// A FIFO with no writer: refused at once, never waited on.
			const fromFifo = await resolveCredentials(parseOptions([]), {
				env: {HOME: home, XDG_CONFIG_HOME: path.join(home, 'xdg')},
			});
			expect(fromFifo).toMatchObject({
				apiKey: undefined,
				baseUrlSource: 'default',
				notes: [`${file} not used: it is a FIFO (named pipe), not a regular file`],
			});
			rmSync(file);
			writeFileSync(file, ' '.repeat(SETTINGS_FILE_MAX_BYTES) + SETTINGS);
			const tooBig = await resolveCredentials(parseOptions([]), {
				env: {HOME: home, XDG_CONFIG_HOME: path.join(home, 'xdg')},
			});
			expect(tooBig.notes).toEqual([`${file} not used: it is larger than 1 MiB`]);
		} finally {
			rmSync(home, {recursive: true, force: true});
		}
	});

	it('a key from LETTA_API_KEY is no login, even with a login in the settings file', async () => {
		const read = files({
			'/h/.letta/settings.json': JSON.stringify({env: {LETTA_API_KEY: 'token'}, tokenExpiresAt: 1}),
		});
		const credentials = await resolveCredentials(parseOptions([]), {
			env: {LETTA_API_KEY: 'api-key'},
			home: '/h',
			read,
		});
		expect(credentials).toMatchObject({apiKey: 'api-key', keySource: 'LETTA_API_KEY'});
		expect(credentials.login).toBeUndefined();
	});

	it('orders flags > environment > config file > Letta Code settings > defaults', async () => {
		const read = files({
			'/h/.letta/settings.json': SETTINGS,
			'/k/flag': 'key-from-flag-file\n',
			'/k/config': 'key-from-config-file',
		});
		const env = {LETTA_API_KEY: 'key-from-env', LETTA_BASE_URL: 'https://env.example'};
		const config = {'api-key-file': '/k/config', 'base-url': 'https://config.example'};

		const flags = await resolveCredentials(
			parseOptions(['--api-key-file', '/k/flag', '--base-url', 'https://flag.example'], config),
			{env, home: '/h', read},
		);
		expect(flags).toMatchObject({
			apiKey: 'key-from-flag-file',
			keySource: '--api-key-file /k/flag',
			baseUrl: 'https://flag.example',
			baseUrlSource: '--base-url',
		});

		const fromEnv = await resolveCredentials(parseOptions([], config), {env, home: '/h', read});
		expect(fromEnv).toMatchObject({
			apiKey: 'key-from-env',
			keySource: 'LETTA_API_KEY',
			baseUrl: 'https://env.example',
			baseUrlSource: 'LETTA_BASE_URL',
		});

		const fromConfig = await resolveCredentials(parseOptions([], config), {env: {}, home: '/h', read});
		expect(fromConfig).toMatchObject({
			apiKey: 'key-from-config-file',
			baseUrl: 'https://config.example',
			baseUrlSource: 'config file',
		});

		const defaults = await resolveCredentials(parseOptions([]), {env: {}, home: '/nobody', read});
		expect(defaults).toEqual({
			apiKey: undefined,
			keySource: undefined,
			baseUrl: 'https://api.letta.com',
			baseUrlSource: 'default',
		});
	});

	it('refuses to send a key over plain http to another host, but allows this machine', async () => {
		const env = {LETTA_API_KEY: 'k'};
		await expect(
			resolveCredentials(parseOptions(['--base-url', 'http://letta.internal:8283']), {
				env,
				home: '/h',
				read: files({}),
			}),
		).rejects.toThrow(/plain http/);
		for (const url of ['http://localhost:8283', 'http://127.0.0.1:1', 'http://[::1]:2']) {
			await expect(
				resolveCredentials(parseOptions(['--base-url', url]), {env, home: '/h', read: files({})}),
			).resolves.toMatchObject({apiKey: 'k'});
		}

		await expect(
			resolveCredentials(parseOptions(['--base-url', 'http://letta.internal', '--allow-insecure-http']), {
				env,
				home: '/h',
				read: files({}),
			}),
		).resolves.toMatchObject({baseUrl: 'http://letta.internal'});
	});

	it('says which key file it could not read', async () => {
		await expect(
			resolveCredentials(parseOptions(['--api-key-file', '/nope']), {env: {}, home: '/h', read: files({})}),
		).rejects.toThrow(/cannot read the API key file \/nope: it does not exist \(ENOENT\)/);
	});
});
