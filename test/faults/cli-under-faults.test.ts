/**
 * The built command against a misbehaving demo server: one-shot fetches
 * retry what is worth retrying and fail fast otherwise; hostile strings and
 * the key never reach the output; a real terminal keeps its title and clipboard.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {runCli} from '../helpers/cli.js';
import {assertTmux, openTerminal, type Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait.js';

const SECRET = 'sk-let-very-secret-key-7';
let server: DemoServer;
let env: Record<string, string>;
let terminal: Terminal | undefined;

beforeAll(async () => {
	server = await startDemoServer({seed: 8, size: 60, churnPerMinute: 0, apiKey: SECRET});
	env = {LETTA_BASE_URL: server.url, LETTA_API_KEY: SECRET, LANG: 'C.UTF-8'};
});

afterAll(async () => {
	await server.close();
});

afterEach(() => {
	server.faults.clear();
	terminal?.kill();
	terminal = undefined;
});

const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

describe('--once when the API misbehaves', () => {
	it('waits out a 503 with Retry-After and prints the whole fleet', async () => {
		server.faults.add({fault: {kind: 'status', status: 503, retryAfter: '1'}, route: 'list', times: 1});
		const result = await runCli(['--once', '--json'], env);
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as {connections: unknown[]}).connections).toHaveLength(60);
	});

	it('fails a 401 at once: one request, one line, no key', async () => {
		server.faults.add({fault: {kind: 'status', status: 401}, route: 'list'});
		const before = server.requests();
		const result = await runCli(['--once'], env);
		expect(result.code).toBe(1);
		expect(server.requests() - before).toBe(1);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr + result.stdout).not.toContain(SECRET);
	});

	it('says a cursor never advanced, instead of looping', async () => {
		server.faults.add({fault: {kind: 'stuck-cursor'}, route: 'list'});
		const result = await runCli(['--once', '--page-size', '10'], env);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/cursor-stuck: the server sent the cursor .* twice/);
	});
});

describe('hostile strings', () => {
	it('the plain table carries no control byte, and --json keeps the data exact', async () => {
		server.faults.add({fault: {kind: 'hostile-strings'}});
		const table = await runCli(['--once'], env);
		expect(table.code).toBe(0);
		expect(table.stdout).not.toMatch(CONTROL);
		const json = await runCli(['--once', '--json'], env);
		const {connections} = JSON.parse(json.stdout) as {connections: Array<{connectionName: string}>};
		// Exact: the escape sequences are there, JSON-escaped, so nothing raw reached the terminal.
		expect(connections.some(connection => connection.connectionName.includes('\u001B'))).toBe(true);
		expect(json.stdout).not.toMatch(CONTROL);
	});

	it('--events lines carry no control byte', async () => {
		server.faults.add({fault: {kind: 'hostile-strings'}, route: 'list'});
		const result = await runCli(['--once'], env);
		expect(result.stdout).not.toMatch(CONTROL);
	});

	it('a real terminal keeps its title and clipboard, and shows no injected text', async () => {
		assertTmux();
		server.faults.add({fault: {kind: 'hostile-strings'}});
		const t = (terminal = openTerminal('--interval 1', {columns: 120, rows: 40, env}));
		const titleBefore = await waitFor(() => /^› /m.test(t.screen()) && t.title(), 'the fleet');
		t.keys('Enter');
		await waitFor(() => t.screen().includes('1 overview'), 'details');
		t.keys('4');
		await waitFor(() => t.screen().includes('"deviceId"'), 'raw JSON');
		t.keys('Escape');
		await waitFor(() => /STATUS\s+NAME/.test(t.screen()), 'the table');
		expect(t.title()).toBe(titleBefore);
		expect(t.title()).not.toMatch(/pwned|owned|title/i);
		expect(t.buffers()).toBe('');
		// Every line is exactly where the layout put it: nothing moved the cursor or cleared the screen.
		const lines = t.screen().trimEnd().split('\n');
		expect(lines[0]).toMatch(/^letta-fleet /);
		expect(lines.at(-1)).toMatch(/select · Enter details/);
		t.keys('q');
		await waitFor(() => t.screen().includes('EXIT:0'), 'a clean exit');
	});
});

describe('the key is never printed', () => {
	it('not by --once, --json, --events errors, or config', async () => {
		const outputs = [
			await runCli(['--once'], env),
			await runCli(['--once', '--json'], env),
			await runCli(['config'], env),
			await runCli(['--once'], {...env, LETTA_BASE_URL: 'http://127.0.0.1:9'}),
		];
		server.faults.add({fault: {kind: 'status', status: 401}, route: 'list'});
		outputs.push(await runCli(['--events'], env));
		for (const output of outputs) {
			expect(output.stdout + output.stderr).not.toContain(SECRET);
		}

		expect(outputs.at(-1)!.code).toBe(1);
	});
});
