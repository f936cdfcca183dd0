import {execFileSync} from 'node:child_process';
import {readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {SETTINGS_FILE_MAX_BYTES} from '../../src/config/bounded-file.js';
import {
	type Credential,
	credentialFor,
	fixedCredential,
	loginCredential,
	loginRows,
} from '../../src/credentials/live-credential.js';
import {resolveCredentials} from '../../src/credentials/credential-sources.js';
import {parseOptions} from '../../src/config/options.js';
import {type LettaHome, lettaHome, settingsText} from '../helpers/letta-home.js';
import {waitFor} from '../helpers/wait.js';

const HOUR = 3_600_000;
let home: LettaHome | undefined;
let credential: Credential | undefined;

afterEach(() => {
	credential?.close();
	credential = undefined;
	home?.remove();
	home = undefined;
});

async function openLogin(
	token: string,
	expiresAt: number | undefined,
): Promise<{home: LettaHome; credential: Credential}> {
	home = lettaHome(token, expiresAt);
	credential = credentialFor(await resolveCredentials(parseOptions([]), {env: {HOME: home.home}}));
	return {home, credential};
}

describe('a fixed key', () => {
	it('is the same key on every request, with no expiry and nothing to watch', async () => {
		const fixed = fixedCredential('k', 'LETTA_API_KEY');
		expect([fixed.key(), fixed.source, fixed.watched, fixed.expiresAt()]).toEqual([
			'k',
			'LETTA_API_KEY',
			false,
			null,
		]);
		expect(await fixed.reload()).toBe(false);
		expect(
			credentialFor({
				baseUrl: 'https://api.letta.com',
				baseUrlSource: 'default',
				apiKey: 'k',
				keySource: 'LETTA_API_KEY',
			}).watched,
		).toBe(false);
	});
});

describe('a Letta Code login', () => {
	it('re-reads the settings file on reload: a new token or expiry is a change, the same one is not', async () => {
		const expiresAt = Date.now() + HOUR;
		const {home, credential} = await openLogin('token-1', expiresAt);
		expect([credential.key(), credential.expiresAt(), credential.source, credential.watched]).toEqual([
			'token-1',
			expiresAt,
			'~/.letta/settings.json',
			true,
		]);
		expect(await credential.reload()).toBe(false);

		home.login('token-2', expiresAt + HOUR);
		expect(await credential.reload()).toBe(true);
		expect([credential.key(), credential.expiresAt()]).toEqual(['token-2', expiresAt + HOUR]);
	});

	it('keeps the last good key when the file is half written, gone, or not JSON', async () => {
		const expiresAt = Date.now() + HOUR;
		const {home, credential} = await openLogin('token-1', expiresAt);
		for (const text of ['', settingsText('token-2', expiresAt).slice(0, 40), '[]', 'null']) {
			home.writeInPlace(text);
			expect(await credential.reload()).toBe(false);
			expect(credential.key()).toBe('token-1');
		}

		home.remove();
		expect(await credential.reload()).toBe(false);
		expect(credential.key()).toBe('token-1');
	});

	it('keeps the last good key, at once, when the file is replaced by a FIFO or grows past 1 MiB', async () => {
		const {home, credential} = await openLogin('token-1', Date.now() + HOUR);
		rmSync(home.file);
		// No writer will ever come: a blocking open would hold this re-read, and a libuv thread, for good.
		execFileSync('mkfifo', [home.file]);
		expect(await credential.reload()).toBe(false);
		expect(credential.key()).toBe('token-1');
		rmSync(home.file);
		home.writeInPlace(settingsText('token-2', Date.now() + HOUR) + ' '.repeat(SETTINGS_FILE_MAX_BYTES));
		expect(await credential.reload()).toBe(false);
		expect(credential.key()).toBe('token-1');
		home.login('token-3', Date.now() + HOUR);
		expect(await credential.reload()).toBe(true);
		expect(credential.key()).toBe('token-3');
	});

	it('never writes the settings file (nor refreshes the token)', async () => {
		const {home, credential} = await openLogin('token-1', Date.now() - HOUR);
		const before = readFileSync(home.file, 'utf8');
		const stop = credential.watch(() => {});
		await credential.reload();
		stop();
		expect(readFileSync(home.file, 'utf8')).toBe(before);
	});

	it('sees Letta Code replace the file by rename, or rewrite it in place, through the directory watch', async () => {
		const {home, credential} = await openLogin('token-1', Date.now() - HOUR);
		const seen: string[] = [];
		const stop = credential.watch(() => seen.push(credential.key() ?? '-'));
		home.login('token-2', Date.now() + HOUR);
		// Well inside the 15 s re-check: this is the directory watch at work.
		await waitFor(() => credential.key() === 'token-2', 'token-2 picked up after a rename', 10_000);
		expect(seen).toEqual(['token-2']);

		home.writeInPlace(settingsText('token-3', Date.now() + 2 * HOUR));
		await waitFor(() => credential.key() === 'token-3', 'token-3 picked up after an in-place write', 10_000);
		expect(seen).toEqual(['token-2', 'token-3']);

		stop();
		home.login('token-4', Date.now() + HOUR);
		await credential.reload();
		expect(credential.key()).toBe('token-4');
		expect(seen).toEqual(['token-2', 'token-3']);
	});

	it('re-checks on a timer where no file watch is possible', async () => {
		const files = new Map([['/gone/.letta/settings.json', settingsText('token-1', 1)]]);
		credential = loginCredential({
			file: '/gone/.letta/settings.json',
			source: '~/.letta/settings.json',
			apiKey: 'token-1',
			expiresAt: 1,
			recheckMs: 50,
			read: async file => files.get(file) ?? Promise.reject(new Error('ENOENT')),
		});
		const changes: string[] = [];
		credential.watch(() => changes.push(credential!.key()!));
		files.set('/gone/.letta/settings.json', settingsText('token-2', Date.now() + HOUR));
		await waitFor(() => changes.length > 0, 'the timer to find token-2');
		expect(changes).toEqual(['token-2']);
	});
});

describe('the config row', () => {
	it('shows a login’s expiry, time and how far, never the token', async () => {
		const expiresAt = Date.now() - 3 * HOUR;
		home = lettaHome('secret-token', expiresAt);
		const credentials = await resolveCredentials(parseOptions([]), {env: {HOME: home.home}});
		const rows = loginRows(credentials, expiresAt + 3 * HOUR);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.name).toBe('login');
		expect(rows[0]!.value).toMatch(/^expired at (\d{4}-\d\d-\d\d )?\d\d:\d\d \(3h ago\)$/);
		expect(rows[0]!.source).toBe('~/.letta/settings.json tokenExpiresAt');
		expect(JSON.stringify(rows)).not.toContain('secret-token');

		expect(
			loginRows({...credentials, login: {file: path.join(home.home, 'x'), expiresAt: null}}, 0)[0]!.value,
		).toMatch(/not recorded/);
		expect(loginRows({...credentials, login: undefined}, 0)).toEqual([]);
	});
});
