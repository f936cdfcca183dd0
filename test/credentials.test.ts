import {describe, expect, it} from 'vitest';
import {resolveCredentials} from '../src/credentials.js';
import {parseOptions} from '../src/options.js';

const SETTINGS = JSON.stringify({env: {LETTA_API_KEY: 'key-from-settings', LETTA_BASE_URL: 'https://settings.example'}});

function files(map: Record<string, string>) {
	return async (file: string) => {
		const text = map[file];
		if (text === undefined) throw Object.assign(new Error('missing'), {code: 'ENOENT'});
		return text;
	};
}

describe('resolveCredentials', () => {
	it('reads Letta Code settings when nothing else is given', async () => {
		const credentials = await resolveCredentials(parseOptions([]), {env: {}, home: '/h', read: files({'/h/.letta/settings.json': SETTINGS})});
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
				read: files({'/h/.letta/settings.json': JSON.stringify({env: {LETTA_API_KEY: 'access-token'}, refreshToken: 'refresh-token', tokenExpiresAt})}),
			});
		const expiresAt = Date.UTC(2026, 10, 29, 14, 2);
		const found = await login(expiresAt);
		expect(found).toMatchObject({apiKey: 'access-token', keySource: '~/.letta/settings.json', login: {file: '/h/.letta/settings.json', expiresAt}});
		expect(JSON.stringify(found)).not.toContain('refresh-token');
		// Missing or not a number: no known expiry, as Letta Code treats a token without one.
		expect((await login(undefined)).login).toEqual({file: '/h/.letta/settings.json', expiresAt: null});
		expect((await login('tomorrow')).login?.expiresAt).toBeNull();
		// Letta Code writes milliseconds only; a number in seconds is not guessed at.
		expect((await login(1_795_000_000)).login?.expiresAt).toBe(1_795_000_000);
	});

	it('finds ~/.letta under $HOME, as Letta Code does', async () => {
		const credentials = await resolveCredentials(parseOptions([]), {env: {HOME: '/home/ana'}, read: files({'/home/ana/.letta/settings.json': SETTINGS})});
		expect(credentials).toMatchObject({apiKey: 'key-from-settings', login: {file: '/home/ana/.letta/settings.json'}});
	});

	it('a key from LETTA_API_KEY is no login, even with a login in the settings file', async () => {
		const read = files({'/h/.letta/settings.json': JSON.stringify({env: {LETTA_API_KEY: 'token'}, tokenExpiresAt: 1})});
		const credentials = await resolveCredentials(parseOptions([]), {env: {LETTA_API_KEY: 'api-key'}, home: '/h', read});
		expect(credentials).toMatchObject({apiKey: 'api-key', keySource: 'LETTA_API_KEY'});
		expect(credentials.login).toBeUndefined();
	});

	it('orders flags > environment > config file > Letta Code settings > defaults', async () => {
		const read = files({'/h/.letta/settings.json': SETTINGS, '/k/flag': 'key-from-flag-file\n', '/k/config': 'key-from-config-file'});
		const env = {LETTA_API_KEY: 'key-from-env', LETTA_BASE_URL: 'https://env.example'};
		const config = {'api-key-file': '/k/config', 'base-url': 'https://config.example'};

		const flags = await resolveCredentials(parseOptions(['--api-key-file', '/k/flag', '--base-url', 'https://flag.example'], config), {env, home: '/h', read});
		expect(flags).toMatchObject({apiKey: 'key-from-flag-file', keySource: '--api-key-file /k/flag', baseUrl: 'https://flag.example', baseUrlSource: '--base-url'});

		const fromEnv = await resolveCredentials(parseOptions([], config), {env, home: '/h', read});
		expect(fromEnv).toMatchObject({apiKey: 'key-from-env', keySource: 'LETTA_API_KEY', baseUrl: 'https://env.example', baseUrlSource: 'LETTA_BASE_URL'});

		const fromConfig = await resolveCredentials(parseOptions([], config), {env: {}, home: '/h', read});
		expect(fromConfig).toMatchObject({apiKey: 'key-from-config-file', baseUrl: 'https://config.example', baseUrlSource: 'config file'});

		const defaults = await resolveCredentials(parseOptions([]), {env: {}, home: '/nobody', read});
		expect(defaults).toEqual({apiKey: undefined, keySource: undefined, baseUrl: 'https://api.letta.com', baseUrlSource: 'default'});
	});

	it('refuses to send a key over plain http to another host, but allows this machine', async () => {
		const env = {LETTA_API_KEY: 'k'};
		await expect(resolveCredentials(parseOptions(['--base-url', 'http://letta.internal:8283']), {env, home: '/h', read: files({})})).rejects.toThrow(/plain http/);
		for (const url of ['http://localhost:8283', 'http://127.0.0.1:1', 'http://[::1]:2']) {
			await expect(resolveCredentials(parseOptions(['--base-url', url]), {env, home: '/h', read: files({})})).resolves.toMatchObject({apiKey: 'k'});
		}

		await expect(
			resolveCredentials(parseOptions(['--base-url', 'http://letta.internal', '--allow-insecure-http']), {env, home: '/h', read: files({})}),
		).resolves.toMatchObject({baseUrl: 'http://letta.internal'});
	});

	it('says which key file it could not read', async () => {
		await expect(resolveCredentials(parseOptions(['--api-key-file', '/nope']), {env: {}, home: '/h', read: files({})})).rejects.toThrow(
			/cannot read the API key file \/nope: ENOENT/,
		);
	});
});
