/** The built command against hostile files: settings in the current folder, FIFOs where files belong. */
import {execFileSync, spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startDemoServer, type DemoServer} from '../src/demo/server.js';
import {BIN, collect, NODE, runCli} from './helpers/cli.js';

const SECRET = 'sk-let-files-secret-0123';
let server: DemoServer;
let folder: string;

beforeAll(async () => {
	server = await startDemoServer({seed: 17, size: 5, churnPerMinute: 0, apiKey: SECRET});
	folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-files-cli-'));
});

afterAll(async () => {
	await server.close();
	rmSync(folder, {recursive: true, force: true});
});

/** Runs the built command in `cwd` with exactly `env` (plus PATH), as a shell with that environment would. */
function runIn(cwd: string, args: string[], env: Record<string, string | undefined>) {
	return collect(spawn(NODE, [BIN, ...args], {cwd, env: {PATH: process.env['PATH'], ...env}}));
}

describe('settings only from a real home', () => {
	it("never sends LETTA_API_KEY to a base URL named by the current folder's .letta/settings.json", async () => {
		// A cloned repository holding Letta Code's settings files, naming a server that records every request.
		const repository = path.join(folder, 'cloned-repository');
		mkdirSync(path.join(repository, '.letta'), {recursive: true});
		mkdirSync(path.join(repository, '.config', 'letta'), {recursive: true});
		const settings = JSON.stringify({env: {LETTA_BASE_URL: server.url}});
		writeFileSync(path.join(repository, '.letta', 'settings.json'), settings);
		writeFileSync(path.join(repository, '.config', 'letta', 'settings.json'), settings);
		writeFileSync(path.join(repository, 'a-file'), '');
		const homes: Array<[string | undefined, string]> = [
			['', 'HOME is empty'],
			[undefined, 'HOME is not set'],
			['.', 'HOME (.) is not an absolute path'],
			[path.join(repository, 'a-file'), 'is not a folder'],
		];
		for (const [home, why] of homes) {
			// The proxy is a closed port: the request meant for the default base URL fails here, not on the internet.
			const env = {
				HOME: home,
				XDG_CONFIG_HOME: '.config',
				LETTA_API_KEY: SECRET,
				HTTPS_PROXY: 'http://127.0.0.1:9',
			};
			const config = await runIn(repository, ['config'], env);
			expect(config.code, String(home)).toBe(0);
			expect(config.stdout).toMatch(/^base-url\s+https:\/\/api\.letta\.com\s+default$/m);
			expect(config.stdout).toContain(
				`config file: none (no home folder: ${home === undefined ? 'HOME is not set' : ''}`,
			);
			expect(config.stdout).toMatch(
				new RegExp(
					`^letta settings\\s+~/\\.letta/settings\\.json not read: no home folder \\(.*${why.replaceAll(/[().]/g, '\\$&')}\\)`,
					'm',
				),
			);
			const once = await runIn(repository, ['--once', '--timeout', '5'], env);
			expect(once.code, String(home)).toBe(1);
			expect(once.stderr).toContain('cannot reach the proxy');
			expect(once.stdout + once.stderr).not.toContain(SECRET);
		}

		expect(server.requests()).toBe(0);
		// Without a home the demo still runs.
		const demo = await runIn(repository, ['--demo', '--demo-size', '3', '--once'], {HOME: ''});
		expect(demo.code).toBe(0);
		expect(demo.stdout).toMatch(/3 listeners on/);
	});
});

describe('FIFOs where files belong', () => {
	it('a config file that is a FIFO is refused at once, exit 2, naming it and why', async () => {
		const xdg = path.join(folder, 'xdg-fifo');
		mkdirSync(path.join(xdg, 'letta-fleet'), {recursive: true});
		const file = path.join(xdg, 'letta-fleet', 'config.json');
		execFileSync('mkfifo', [file]);
		// No writer ever comes: the old open would have hung every mode here until the test's timeout.
		const result = await runCli(['--once', '--demo'], {XDG_CONFIG_HOME: xdg}, 10_000);
		expect(result.code).toBe(2);
		expect(result.stderr.split('\n')[0]).toBe(
			`letta-fleet: cannot use the config file ${file}: it is a FIFO (named pipe), not a regular file`,
		);
	});

	it('a Letta Code settings file that is a FIFO is skipped, and `config` says why', async () => {
		const home = path.join(folder, 'home-fifo');
		mkdirSync(path.join(home, '.letta'), {recursive: true});
		const file = path.join(home, '.letta', 'settings.json');
		execFileSync('mkfifo', [file]);
		const result = await runCli(['config'], {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config')}, 10_000);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^api key\s+none\s+-$/m);
		expect(result.stdout).toContain(`${file} not used: it is a FIFO (named pipe), not a regular file`);
	});

	it('an --api-key-file pipe (`<(command)`) is read, up to 64 KiB', async () => {
		const key = await collect(withKeyPipe(`printf '%s\\n' "$KEY"`, ['--once', '--base-url', server.url]));
		expect(key.stderr).toBe('');
		expect(key.code).toBe(0);
		expect(key.stdout).toMatch(/5 listeners on/);
		// A writer that never stops: the read stops at the cap, and the writer is let go.
		const endless = await collect(withKeyPipe('yes', ['--once', '--base-url', server.url]), 10_000);
		expect(endless.code).toBe(2);
		expect(endless.stderr.split('\n')[0]).toMatch(
			/^letta-fleet: cannot read the API key file \/dev\/fd\/\d+: it is larger than 64 KiB$/,
		);
	});
});

/** The command run by bash with `--api-key-file <(writer)`: the key comes on a pipe, as from `op read`. */
function withKeyPipe(writer: string, args: string[]) {
	return spawn('bash', ['-c', `exec "$NODE" "$BIN" "$@" --api-key-file <(${writer})`, 'bash', ...args], {
		env: {PATH: process.env['PATH'], HOME: folder, NODE, BIN, KEY: SECRET},
	});
}
