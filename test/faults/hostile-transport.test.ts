/**
 * The hostile test server's transport faults (a decompression bomb, an endless
 * body, a proxy's HTML block page, a redirect) against the client, the poller,
 * --once, --once --json and --events, over real HTTP to the demo server: each
 * is refused within the body cap with one line a person can act on, the key is
 * never shown, and polling goes on and recovers when the fault ends.
 */
import {createServer, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {createClient} from '../../src/api/client.js';
import type {ApiError} from '../../src/api/errors.js';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {parseFaultSpec} from '../../src/demo/fault-spec.js';
import {fetchFleet} from '../../src/fleet/fetch-fleet.js';
import {createPoller} from '../../src/poller/poller.js';
import {collect, runCli, startCli} from '../helpers/cli.js';
import {waitFor} from '../helpers/wait.js';

const SECRET = 'sk-let-hostile-transport-secret-1';
let server: DemoServer;
let env: Record<string, string>;

beforeAll(async () => {
	server = await startDemoServer({seed: 17, size: 20, churnPerMinute: 0, apiKey: SECRET});
	env = {LETTA_BASE_URL: server.url, LETTA_API_KEY: SECRET, LANG: 'C.UTF-8'};
});

afterAll(async () => {
	await server.close();
});

beforeEach(() => {
	server.faults.clear();
});

/** Each fault, the kind of error it must give and the one line (after "letta-fleet: ") that says it. */
const CASES: Array<[spec: string, kind: string, line: RegExp]> = [
	[
		'bomb:gzip@list',
		'too-large',
		/^HTTP 200: the response body inflated past the 4 MiB limit from [\d.]+ (KiB|MiB|bytes) on the wire \(a decompression bomb\?\); the request was aborted \(--max-body-mib N raises it/,
	],
	[
		'bomb:br@list',
		'too-large',
		/^HTTP 200: the response body inflated past the 4 MiB limit from [\d.]+ (KiB|bytes) on the wire/,
	],
	[
		'endless@list',
		'too-large',
		/^HTTP 200: the response body passed the 4 MiB limit and was still coming; the request was aborted \(--max-body-mib N raises it/,
	],
	[
		'html@list',
		'not-letta',
		/^HTTP 403: not a Letta API response: looks like a proxy or filter page \(text\/html\) \(a proxy or filter between here and the API may be answering/,
	],
	[
		'html:401@list',
		'not-letta',
		/^HTTP 401: not a Letta API response: looks like a proxy or filter page \(text\/html\)/,
	],
	[
		'redirect:301@list',
		'redirect',
		/^HTTP 301: the API answered with a redirect to https:\/\/login\.elsewhere\.example\/v1\/environments, which is not followed \(the key would go along\) \(point --base-url at it if you trust it\)$/,
	],
];

describe('the client', () => {
	for (const [spec, kind, line] of CASES) {
		it(`${spec}: ${kind}, one line, never the key nor the redirect's credentials or query`, async () => {
			server.faults.add(parseFaultSpec(spec));
			const client = createClient({
				baseUrl: server.url,
				apiKey: SECRET,
				keySource: 'LETTA_API_KEY',
				proxyEnv: {},
				maxBodyMib: 4,
			});
			const error = await fetchFleet(client, {
				query: {pageSize: 10},
				retryEnvironment: {sleep: async () => {}, random: () => 0},
			}).then(
				() => undefined,
				(caught: unknown) => caught as ApiError,
			);
			expect(error?.kind).toBe(kind);
			expect(error?.describe()).toMatch(line);
			expect(error?.describe()).not.toMatch(/sso-secret|sso-user|session=|sk-let/);
		});
	}

	it('takes a body under the cap whole, compressed or not', async () => {
		const client = createClient({baseUrl: server.url, apiKey: SECRET, proxyEnv: {}, maxBodyMib: 1});
		const snapshot = await fetchFleet(client, {query: {pageSize: 20}});
		expect(snapshot.connections).toHaveLength(20);
	});

	it('a body announced over the cap is refused unread', async () => {
		const big = await startDemoServer({seed: 3, size: 3000, churnPerMinute: 0, apiKey: SECRET});
		try {
			const client = createClient({baseUrl: big.url, apiKey: SECRET, proxyEnv: {}, maxBodyMib: 1});
			big.faults.add(parseFaultSpec('huge-page@list'));
			const error = await client.listEnvironments({limit: 10}).then(
				() => undefined,
				(caught: unknown) => caught as ApiError,
			);
			expect(error?.describe()).toMatch(
				/^HTTP 200: the response body is [\d.]+ MiB \(Content-Length\), over the 1 MiB limit; it was not read/,
			);
		} finally {
			await big.close();
		}
	});

	it("a close-delimited body that stops mid-JSON is cut off, a non-API JSON error is not the API's, and neither blames the key", async () => {
		const answers: Array<(res: ServerResponse) => void> = [
			res => {
				res.writeHead(200, {'content-type': 'application/json', connection: 'close'});
				res.end('{"connections": [{"id": "env-1", "connectionNa');
			},
			res => {
				res.writeHead(403, {'content-type': 'application/json'});
				res.end('{"blocked": true, "policy": "corp-web-filter"}');
			},
		];
		const local = createServer((_req, res) => answers.shift()?.(res));
		await new Promise<void>(resolve => local.listen(0, '127.0.0.1', resolve));
		try {
			const client = createClient({
				baseUrl: `http://127.0.0.1:${(local.address() as AddressInfo).port}`,
				apiKey: SECRET,
				keySource: 'LETTA_API_KEY',
				proxyEnv: {},
			});
			const cut = await client.listEnvironments({}).then(
				() => undefined,
				(caught: unknown) => caught as ApiError,
			);
			expect(cut?.describe()).toBe('HTTP 200: the response was cut off after 46 bytes (it ends mid-JSON)');
			const filtered = await client.listEnvironments({}).then(
				() => undefined,
				(caught: unknown) => caught as ApiError,
			);
			expect(filtered?.kind).toBe('not-letta');
			expect(filtered?.describe()).toMatch(
				/^HTTP 403: not a Letta API response: looks like a proxy or filter page \(application\/json\)/,
			);
		} finally {
			local.closeAllConnections();
			await new Promise(resolve => local.close(resolve));
		}
	});

	it('a malformed key is not sent: where it came from and what is wrong, never the key', async () => {
		const before = server.requests();
		for (const [key, what] of [
			['sk-let-abc def', 'whitespace at position 11 of 14'],
			['sk-let-\u0007x', 'a control character at position 8 of 9'],
			['sk-let-clé', 'a non-ASCII character at position 10 of 10'],
		]) {
			const client = createClient({
				baseUrl: server.url,
				apiKey: key,
				keySource: '--api-key-file /keys/letta',
				proxyEnv: {},
			});
			const error = await client.listEnvironments({}).then(
				() => undefined,
				(caught: unknown) => caught as ApiError,
			);
			expect(error?.kind).toBe('bad-key');
			expect(error?.describe()).toBe(
				`bad-key: the API key from --api-key-file /keys/letta cannot be sent: it holds ${what} (a key is printable ASCII without spaces; copy it again)`,
			);
		}

		expect(server.requests()).toBe(before);
	});
});

describe('the poller', () => {
	it('keeps polling with backoff through every one of them, and recovers when the fault ends', async () => {
		const client = createClient({baseUrl: server.url, apiKey: SECRET, proxyEnv: {}, maxBodyMib: 4});
		const failures: Array<{kind: string; halted: boolean}> = [];
		let successes = 0;
		const poller = createPoller({
			intervalMs: 1000,
			backoff: {baseDelayMs: 20, maxDelayMs: 40},
			poll: async signal =>
				fetchFleet(client, {
					query: {pageSize: 10},
					signal,
					retryEnvironment: {sleep: async () => {}, random: () => 0},
				}),
			onSuccess: () => successes++,
			onFailure: (error, _at, _next, halted) => failures.push({kind: error.kind, halted}),
		});
		poller.start();
		try {
			await waitFor(() => successes >= 1, 'a first good poll');
			for (const [spec, kind] of CASES) {
				server.faults.clear();
				server.faults.add(parseFaultSpec(spec));
				const seen = failures.length;
				await waitFor(
					() => failures.slice(seen).filter(failure => failure.kind === kind).length >= 2,
					`two ${spec} failures`,
					20_000,
				);
			}

			expect(failures.every(failure => !failure.halted)).toBe(true);
			server.faults.clear();
			const before = successes;
			await waitFor(() => successes > before, 'a good poll after the faults end', 10_000);
		} finally {
			poller.stop();
		}
	});
});

describe('the binary', () => {
	for (const [spec, , line] of CASES) {
		for (const args of [['--once'], ['--once', '--json']]) {
			it(`${args.join(' ')} under ${spec}: exit 1, one line on stderr, nothing on stdout, no key`, async () => {
				server.faults.add(parseFaultSpec(spec));
				const result = await runCli([...args, '--max-body-mib', '4'], env);
				expect(result.code).toBe(1);
				expect(result.stdout).toBe('');
				const lines = result.stderr.trimEnd().split('\n');
				expect(lines).toHaveLength(1);
				expect(lines[0]!.replace(/^letta-fleet: /, '')).toMatch(line);
				expect(result.stderr).not.toContain(SECRET);
			});
		}
	}

	it('--events says each on stderr, keeps running, and prints the fleet when the faults end', async () => {
		// One of each class: every failure in a row doubles the backoff (up to 60s), so six would make a slow test.
		const classes = CASES.filter(([spec]) =>
			['bomb:br@list', 'endless@list', 'html:401@list', 'redirect:301@list'].includes(spec),
		);
		const served = server.requests();
		const child = startCli(['--events', '--interval', '1', '--max-body-mib', '4'], env);
		let stderr = '';
		let stdout = '';
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		child.stdout.on('data', chunk => (stdout += String(chunk)));
		const done = collect(child, 120_000);
		try {
			// A first good poll, so later changes are told against it.
			await waitFor(() => server.requests() > served, 'a first poll');
			for (const [spec, , line] of classes) {
				server.faults.clear();
				server.faults.add(parseFaultSpec(spec));
				const start = stderr.length;
				await waitFor(
					() =>
						stderr
							.slice(start)
							.split('\n')
							.some(text =>
								line.test(text.replace(/^letta-fleet: /, '').replace(/; retrying in \d+s$/, '')),
							),
					`a line for ${spec}`,
					30_000,
				);
			}

			expect(stdout).toBe('');
			server.faults.clear();
			// --events prints changes only: one made after the faults end shows the polls are back.
			const gone = server.simulation.list()[0]!;
			server.simulation.removeDevice(gone.id);
			await waitFor(() => stdout.includes(gone.id), 'an event after the faults end', 60_000);
			expect(stderr).toMatch(/; retrying in \d+s\n/);
			expect(stderr + stdout).not.toContain(SECRET);
		} finally {
			child.kill('SIGTERM');
			await done;
		}
	}, 180_000);
});
