import {execFileSync} from 'node:child_process';
import {closeSync, constants, mkdirSync, openSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {tempFolder} from './helpers/temp-folder.js';
import {startDemoServer, type DemoServer} from '../src/demo/server.js';
import {collect, ROOT, runCli, startCli} from './helpers/cli.js';
import {waitFor} from './helpers/wait.js';
import {compareNames} from '../src/view/name-order.js';
import {parseJson, type EventJson} from './helpers/json.js';

let server: DemoServer;
let env: Record<string, string>;
const SECRET = 'sk-let-secret-0123456789';

beforeAll(async () => {
	server = await startDemoServer({seed: 21, size: 120, churnPerMinute: 0, apiKey: SECRET});
	env = {LETTA_BASE_URL: server.url, LETTA_API_KEY: SECRET};
});

afterAll(async () => {
	await server.close();
});

describe('letta-fleet, the command', () => {
	it('--help lists every flag and --version prints the package version', async () => {
		const help = await runCli(['--help']);
		expect(help.code).toBe(0);
		for (const flag of [
			'--demo',
			'--base-url',
			'--interval',
			'--stale-after',
			'--online-only',
			'--source',
			'--user',
			'--page-size',
			'--once',
			'--json',
			'--events',
			'--linger',
			'--api-key-file',
			'--help',
			'--version',
		]) {
			expect(help.stdout).toContain(flag);
		}

		expect(help.stdout).toContain('LETTA_API_KEY');
		const version = await runCli(['--version']);
		const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as {version: string};
		expect(version.stdout.trim()).toBe(pkg.version);
	});

	it('rejects a bad flag value with one line and exit code 2', async () => {
		for (const args of [
			['--interval', '0.5'],
			['--source', 'cloud'],
			['--page-size', 'ten'],
			['--bogus'],
			['--base-url', 'not a url'],
		]) {
			const result = await runCli(args);
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stderr.split('\n')[0]).toMatch(/^letta-fleet: /);
			expect(result.stdout).toBe('');
		}
	});

	it('--once prints the whole fleet as a table', async () => {
		const result = await runCli(['--once', '--page-size', '25'], env);
		expect(result.code).toBe(0);
		expect(result.stdout.split('\n')[0]).toMatch(/STATUS\s+NAME\s+DUP\s+MACHINE\s+MODE/);
		const records = server.simulation.list();
		// Rows a Desktop app's local proxy adds are listeners but not machines.
		const machines = new Set(
			records.filter(record => record.organizationId !== 'local').map(record => record.deviceId),
		).size;
		expect(result.stdout).toContain(`${records.length} listeners on ${machines} machines:`);
		for (const record of records.slice(0, 10)) {
			expect(result.stdout).toContain(record.connectionName.slice(0, 20));
		}
	});

	it('--once --columns shows the chosen columns in that order; --json keeps every field', async () => {
		const result = await runCli(['--once', '--columns', 'version,name,status', '--sort', 'name'], env);
		expect(result.code).toBe(0);
		const [header, first] = result.stdout.split('\n');
		expect(header).toMatch(/^ {2}VERSION\s+NAME↑?\s+STATUS$/);
		expect(header).not.toContain('MACHINE');
		const sorted = server.simulation.list().sort((a, b) => compareNames(a.connectionName, b.connectionName));
		expect(first).toContain(sorted[0]!.connectionName.slice(0, 12));
		const json = await runCli(['--once', '--json', '--columns', 'name'], env);
		const {connections} = JSON.parse(json.stdout) as {connections: Array<Record<string, unknown>>};
		expect(connections[0]).toHaveProperty('deviceId');
		expect(connections[0]).toHaveProperty('metadata');
	});

	it('--once --json keeps the API field names and adds a status to each connection', async () => {
		const before = new Map(server.simulation.list().map(record => [record.id, record]));
		const result = await runCli(['--once', '--json'], env);
		expect(result.code).toBe(0);
		const after = new Map(server.simulation.list().map(record => [record.id, record]));
		const {connections} = JSON.parse(result.stdout) as {connections: Array<Record<string, unknown>>};
		expect(connections).toHaveLength(after.size);
		for (const connection of connections) {
			const {status, ...rest} = connection;
			// A heartbeat may fall between the fetch and our own reads of the fleet: the record is one of the two.
			expect([before.get(connection['id'] as string), after.get(connection['id'] as string)]).toContainEqual(
				rest,
			);
			expect(['online', 'stale', 'offline']).toContain(status);
		}
	});

	it('stops quietly, exit 0, when the reader closes the pipe early (`| head`)', async () => {
		// A large fleet, so the output is far bigger than one pipe buffer.
		const child = startCli(['--demo', '--demo-size', '3000', '--once', '--json'], env);
		child.stdout.once('data', () => child.stdout.destroy());
		let stderr = '';
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		const code = await new Promise(resolve => child.on('close', resolve));
		expect(stderr).not.toMatch(/EPIPE|Error/);
		expect(code).toBe(0);
	});

	it('behaves as --once when stdout is not a terminal', async () => {
		const result = await runCli([], env);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/STATUS\s+NAME/);
	});

	it('fails a rejected key with one line on stderr, a non-zero exit, and never the key', async () => {
		const result = await runCli(['--once'], {...env, LETTA_API_KEY: 'sk-wrong-key-987'});
		expect(result.code).toBe(1);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/HTTP 401.*LETTA_API_KEY/);
		expect(result.stderr + result.stdout).not.toContain('sk-wrong-key-987');
	});

	it('says what is wrong when nothing listens at the base URL', async () => {
		const result = await runCli(['--once', '--timeout', '5'], {...env, LETTA_BASE_URL: 'http://127.0.0.1:9'});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			"letta-fleet: network: connection refused by 127.0.0.1:9 (ECONNREFUSED) (is the server running, and is --base-url's port right?)\n",
		);
	});

	it('names the host it could not resolve', async () => {
		const result = await runCli(['--once', '--timeout', '5'], {
			...env,
			LETTA_BASE_URL: 'https://no-such-host.invalid',
		});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(
			/^letta-fleet: network: could not resolve the host no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN)\)/,
		);
	});

	it('refuses to send a key over plain http to a host that is not this machine', async () => {
		const result = await runCli(['--once'], {...env, LETTA_BASE_URL: 'http://api.example.com'});
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/plain http/);
		expect(result.stderr).not.toContain(SECRET);
	});

	it('a Ctrl-C or SIGTERM during start-up stops it at once (130, 143), even while it waits on an --api-key-file pipe', async () => {
		for (const [mode, signal, status] of [
			['--events', 'SIGINT', 130],
			['--once', 'SIGTERM', 143],
		] as const) {
			// A key file that is a FIFO whose writer opens it and says nothing (`op read` at a prompt) holds the
			// start-up.
			const folder = tempFolder('letta-fleet-files-fifo-');
			const fifo = path.join(folder, 'key');
			execFileSync('mkfifo', [fifo]);
			const child = startCli([mode, '--api-key-file', fifo], {LETTA_BASE_URL: server.url});
			// The wait counts from the spawn, start-up included (over 5 s once on a loaded 2-core host); a process
			// that waited on the pipe instead would never exit, so a long wait still tells the two apart.
			const result = collect(child, 30_000);
			// A FIFO opens for writing (without blocking) only once a reader has it open: then the process
			// is waiting on its key file, its signal handlers in place.
			const writer = await waitFor(() => {
				try {
					return openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
				} catch {
					return undefined;
				}
			}, 'the process to open its key file');
			try {
				child.kill(signal);
				// The writer never writes nor closes: the exit owes nothing to the pipe ending.
				const {code, stdout, stderr} = await result;
				expect(code, mode).toBe(status);
				expect(stdout).toBe('');
				expect(stderr).toBe('');
			} finally {
				closeSync(writer);
				rmSync(folder, {recursive: true, force: true});
			}
		}
	});

	it('--events prints one JSON line per change, nothing for the baseline', async () => {
		// The server is shared by this file's tests: count only this command's requests.
		const requestsAtStart = server.requests();
		const child = startCli(['--events', '--interval', '1'], env);
		const lines: string[] = [];
		createInterface({input: child.stdout}).on('line', line => lines.push(line));
		try {
			// Two polls with no change: the baseline, then silence.
			await waitFor(() => server.requests() > requestsAtStart, 'the first poll');
			const victim = server.simulation.list().find(record => record.connectionId)!;
			const requestsBefore = server.requests();
			await waitFor(() => server.requests() >= requestsBefore + 2, 'a second poll');
			expect(lines).toEqual([]);
			server.simulation.disconnect(victim.id);
			await waitFor(() => lines.length > 0, 'an event line');
			const event = parseJson<EventJson>(lines[0]!);
			expect(event).toMatchObject({
				type: 'disconnected',
				id: victim.id,
				deviceId: victim.deviceId,
				connectionName: victim.connectionName,
			});
			expect(new Date(event.at).getTime()).toBeGreaterThan(0);
			server.simulation.connect(victim.id);
		} finally {
			child.kill('SIGTERM');
		}

		const result = await collect(child);
		// Stopped by SIGTERM: 128 + 15, as a shell reports it.
		expect(result.code).toBe(143);
	});

	it('serve-demo prints its URL and key, and answers on them', async () => {
		const child = startCli(['serve-demo', '--demo-size', '12']);
		let output = '';
		child.stdout.on('data', chunk => (output += String(chunk)));
		try {
			const url = await waitFor(() => /LETTA_BASE_URL=(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1], 'the URL');
			expect(output).toContain('LETTA_API_KEY=demo');
			const response = await fetch(`${url}/v1/environments?limit=100`, {headers: {authorization: 'Bearer demo'}});
			const body = (await response.json()) as {connections: unknown[]};
			expect(body.connections).toHaveLength(12);
		} finally {
			child.kill('SIGINT');
		}

		expect((await collect(child)).code).toBe(130);
	});

	it('--once stops at once on SIGINT while the API hangs, exit 130', async () => {
		// The embedded demo server answers nothing: the pass would wait for its whole timeout.
		const child = startCli(['--once', '--demo', '--fault', 'hang', '--timeout', '60']);
		const done = collect(child, 20_000);
		// Started, and past the point where its signal listeners are set (the source is open).
		await new Promise(resolve => setTimeout(resolve, 1500));
		child.kill('SIGINT');
		const result = await done;
		expect(result.code).toBe(130);
		expect(result.stderr).toBe('');
	});

	it('config prints every effective setting and its source, never the key', async () => {
		const home = tempFolder('letta-fleet-config-');
		mkdirSync(path.join(home, 'letta-fleet'));
		writeFileSync(path.join(home, 'letta-fleet', 'config.json'), JSON.stringify({interval: 5, 'stale-after': 90}));
		const result = await runCli(['config', '--stale-after', '60'], {...env, XDG_CONFIG_HOME: home});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(path.join(home, 'letta-fleet', 'config.json'));
		expect(result.stdout).toMatch(/^interval\s+5s\s+config file$/m);
		expect(result.stdout).toMatch(/^stale-after\s+60s\s+--stale-after$/m);
		expect(result.stdout).toMatch(/^linger\s+30s\s+default$/m);
		expect(result.stdout).toMatch(new RegExp(`^base-url\\s+${server.url}\\s+LETTA_BASE_URL$`, 'm'));
		expect(result.stdout).toMatch(/^api key\s+set \(\d+ characters, not shown\)\s+LETTA_API_KEY$/m);
		expect(result.stdout).not.toContain(SECRET);
	});

	it('stops with exit 2 and the file name on a broken config file', async () => {
		const home = tempFolder('letta-fleet-config-');
		mkdirSync(path.join(home, 'letta-fleet'));
		writeFileSync(path.join(home, 'letta-fleet', 'config.json'), '{"interval": 5,');
		const result = await runCli(['--once'], {...env, XDG_CONFIG_HOME: home});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('config.json is not valid JSON');
	});

	it('prints ASCII only when the locale is not UTF-8, and keeps the columns', async () => {
		const utf8 = await runCli(['--once', '--source', 'local'], {...env, LANG: 'C.UTF-8', LC_ALL: ''});
		const ascii = await runCli(['--once', '--source', 'local'], {...env, LANG: 'C', LC_ALL: ''});
		expect(utf8.stdout).toContain('…');
		expect(ascii.stdout).toMatch(/^[\n\u0020-\u007E]*$/);
		expect(ascii.stdout.split('\n').map(line => line.length)).toEqual(
			utf8.stdout.split('\n').map(line => line.length),
		);
	});
});
