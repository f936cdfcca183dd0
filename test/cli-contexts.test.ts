/** The built binary with contexts against two demo servers at once, over real HTTP: each key goes to its own host. */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type DemoServer, startDemoServer} from '../src/demo/server.js';
import {collect, runCli, startCli} from './helpers/cli.js';
import {waitFor} from './helpers/wait.js';
import {tempFolder} from './helpers/temp-folder.js';

let alpha: DemoServer;
let beta: DemoServer;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
	// beta's key is also the Letta Code login token of this home, which Letta Code uses for alpha:
	// beta answering means the token was sent where it must not go.
	[alpha, beta] = await Promise.all([
		startDemoServer({seed: 1, size: 3, churnPerMinute: 0, apiKey: 'key-alpha'}),
		startDemoServer({seed: 2, size: 5, churnPerMinute: 0, apiKey: 'login-token'}),
	]);
	home = tempFolder('letta-fleet-ctx-');
	mkdirSync(path.join(home, '.letta'));
	mkdirSync(path.join(home, '.config', 'letta-fleet'), {recursive: true});
	writeFileSync(
		path.join(home, '.letta', 'settings.json'),
		JSON.stringify({env: {LETTA_API_KEY: 'login-token', LETTA_BASE_URL: alpha.url}}),
	);
	writeFileSync(path.join(home, 'alpha.key'), 'key-alpha\n');
	writeFileSync(
		path.join(home, '.config', 'letta-fleet', 'config.json'),
		JSON.stringify({
			contexts: {
				alpha: {'base-url': alpha.url, 'api-key-file': path.join(home, 'alpha.key')},
				beta: {'base-url': beta.url, 'api-key-env': 'BETA_KEY'},
				'beta-login': {'base-url': beta.url},
			},
		}),
	);
	env = {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), BETA_KEY: 'login-token'};
});

afterAll(async () => {
	await Promise.all([alpha.close(), beta.close()]);
});

describe('--once --context against two servers', () => {
	it("sends each context's key to its own server and nothing to the other", async () => {
		const first = await runCli(['--once', '--json', '--context', 'alpha', '--no-history'], env);
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		expect((JSON.parse(first.stdout) as {connections: unknown[]}).connections).toHaveLength(3);
		const [alphaSeen, betaSeen] = [alpha.requests(), beta.requests()];
		expect(alphaSeen).toBeGreaterThan(0);
		expect(betaSeen).toBe(0);

		const second = await runCli(['--once', '--json', '--no-history'], {...env, LETTA_FLEET_CONTEXT: 'beta'});
		expect(second.code).toBe(0);
		expect((JSON.parse(second.stdout) as {connections: unknown[]}).connections).toHaveLength(5);
		expect(alpha.requests()).toBe(alphaSeen);
		expect(beta.requests()).toBeGreaterThan(0);
	});

	it("never sends Letta Code's login token to a host Letta Code does not use it for", async () => {
		const before = beta.requests();
		const result = await runCli(['--once', '--context', 'beta-login', '--no-history'], env);
		// beta was asked without a key, and said 401: had the token gone there, it would have answered.
		expect(beta.requests()).toBeGreaterThan(before);
		expect(result.code).not.toBe(0);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/401|key/i);
		expect(result.stderr).not.toContain('login-token');
	});

	it('config lists the contexts and marks the one in use, never a key', async () => {
		const result = await runCli(['config', '--context', 'beta'], env);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^ {2}context alpha\s+http:\/\/127\.0\.0\.1:\d+\s+key from file .*alpha\.key$/m);
		expect(result.stdout).toMatch(/^\* context beta\s+http:\/\/127\.0\.0\.1:\d+\s+key from \$BETA_KEY$/m);
		expect(result.stdout).toMatch(/^ {2}context beta-login\s+.*LETTA_API_KEY or Letta Code's login/m);
		expect(result.stdout).toMatch(/^base-url\s+http:\/\/127\.0\.0\.1:\d+\s+context beta \(--context\)$/m);
		expect(result.stdout).not.toContain('key-alpha');
		expect(result.stdout).not.toContain('login-token');
	});

	it("the exporter polls the context's server, and history reads each context's own recordings", async () => {
		const state = {...env, XDG_STATE_HOME: home};
		const before = alpha.requests();
		const betaBefore = beta.requests();
		const exporter = startCli(
			['exporter', '--context', 'alpha', '--listen', '127.0.0.1:0', '--interval', '1'],
			state,
		);
		const done = collect(exporter);
		let out = '';
		exporter.stdout.on('data', chunk => (out += String(chunk)));
		await waitFor(() => out.includes('/metrics') && alpha.requests() > before, 'the exporter polling alpha');
		exporter.kill('SIGTERM');
		expect((await done).code).toBe(143);
		expect(beta.requests()).toBe(betaBefore);

		const alphaHistory = await runCli(['history', '--context', 'alpha', '--json'], state);
		expect(alphaHistory.code).toBe(0);
		const betaHistory = await runCli(['history', '--context', 'beta'], state);
		// Nothing for beta: only alpha was watched, and the file says so.
		expect(betaHistory.stderr).toMatch(
			new RegExp(`^letta-fleet: nothing recorded for ${beta.url} in .* \\(it holds ${alpha.url}; pick one`),
		);
	});

	it('refuses an unknown context with did-you-mean and the list, exit 2', async () => {
		const result = await runCli(['--once', '--context', 'alhpa'], env);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'letta-fleet: --context: no context "alhpa"; did you mean "alpha"? (contexts: alpha, beta, beta-login)\nTry letta-fleet --help.\n',
		);
	});
});
