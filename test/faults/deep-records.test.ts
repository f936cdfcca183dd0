/**
 * Issue 17 over real HTTP: the demo server's `deep` fault serves one record per
 * page whose metadata nests thousands of levels deep. Every other record is
 * listed intact, the deep one is listed with its cut marked, and the poller's
 * passes (the live view's path, reusing the last pass) keep succeeding.
 */
import {createInterface} from 'node:readline';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createClient} from '../../src/api/client.js';
import {DEPTH_MARKER} from '../../src/api/record-limits.js';
import {DEEP_KEY} from '../../src/demo/fault-hostile.js';
import {parseFaultSpec} from '../../src/demo/faults.js';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {createFleetFetcher} from '../../src/fleet/fetch-fleet.js';
import {collect, runCli, startCli} from '../helpers/cli.js';
import {waitFor} from '../helpers/wait.js';

let server: DemoServer;
let env: Record<string, string>;

beforeAll(async () => {
	server = await startDemoServer({seed: 17, size: 30, churnPerMinute: 0});
	env = {LETTA_BASE_URL: server.url, LETTA_API_KEY: server.apiKey, LANG: 'C.UTF-8'};
});

afterAll(async () => {
	await server.close();
});

afterEach(() => {
	server.faults.clear();
});

const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
const firstId = () =>
	server.simulation
		.list()
		.map(record => record.id)
		.sort()[0]!;

describe('a listener with metadata nested 100 000 levels deep', () => {
	it('--once lists every record, the plain table with no control byte', async () => {
		server.faults.add(parseFaultSpec('deep:100000@list'));
		const result = await runCli(['--once', '--page-size', '10'], env);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/30 listeners/);
		expect(result.stdout).not.toMatch(CONTROL);
	});

	it("--once --json keeps every other record exact and marks the deep one's cut", async () => {
		server.faults.add(parseFaultSpec('deep:100000@list'));
		const result = await runCli(['--once', '--json', '--page-size', '10'], env);
		expect(result.code).toBe(0);
		const {connections} = JSON.parse(result.stdout) as {
			connections: Array<{id: string; metadata: Record<string, unknown>}>;
		};
		expect(connections).toHaveLength(30);
		// One deep record per page of 10: the first of each.
		const deep = connections.filter(connection => connection.metadata[DEEP_KEY] !== undefined);
		expect(deep.map(connection => connection.id)).toContain(firstId());
		expect(deep).toHaveLength(3);
		expect(JSON.stringify(deep[0]!.metadata[DEEP_KEY])).toContain(JSON.stringify(DEPTH_MARKER));
		const byId = new Map(server.simulation.list().map(record => [record.id, record]));
		for (const connection of connections.filter(each => each.metadata[DEEP_KEY] === undefined)) {
			expect(connection.metadata).toEqual(JSON.parse(JSON.stringify(byId.get(connection.id)!.metadata)));
		}
	});

	it('--events keeps polling and reports a change of the deep record', async () => {
		server.faults.add(parseFaultSpec('deep:100000@list'));
		const child = startCli(['--events', '--interval', '1'], env);
		const lines: string[] = [];
		createInterface({input: child.stdout}).on('line', line => lines.push(line));
		try {
			const before = server.requests();
			await waitFor(() => server.requests() >= before + 2, 'two polls');
			// The deep record is the first by id; it may be online or not.
			const online = server.simulation.list().find(record => record.id === firstId())!.connectionId !== null;
			if (online) server.simulation.disconnect(firstId());
			else server.simulation.connect(firstId());
			await waitFor(() => lines.length > 0, 'an event line');
			expect(JSON.parse(lines[0]!)).toMatchObject({type: online ? 'disconnected' : 'connected', id: firstId()});
			if (online) server.simulation.connect(firstId());
			else server.simulation.disconnect(firstId());
		} finally {
			child.kill('SIGTERM');
		}

		const result = await collect(child);
		expect(result.stderr).toBe('');
	});

	it('the live path: passes that reuse the last one keep succeeding', async () => {
		server.faults.add(parseFaultSpec('deep@list'));
		const fetch = createFleetFetcher(
			createClient({baseUrl: server.url, apiKey: server.apiKey, keySource: 'LETTA_API_KEY', timeoutMs: 5000}),
			{query: {pageSize: 10}},
		);
		const first = await fetch();
		const second = await fetch();
		expect(second.connections).toHaveLength(30);
		const deep = second.byId.get(firstId())!;
		expect(deep.problems).toEqual([
			expect.stringMatching(/^metadata\.nested\.a\.a.*: nested deeper than 32 levels; the deeper part is cut$/),
		]);
		// Every record's text was as it was, so each kept its Connection, the cut ones too: they are not walked
		// again (api/page-reader.ts). Parsed whole, a cut record never equals its bounded copy and is read anew.
		// The demo's heartbeats move on their own, so a record may really change between the two passes: only those
		// are read anew.
		const kept = second.connections.filter(connection => first.byId.get(connection.id) === connection);
		expect(kept.length).toBeGreaterThanOrEqual(25);
		for (const connection of second.connections) {
			const before = first.byId.get(connection.id)!;
			if (before !== connection) expect(connection.raw).not.toEqual(before.raw);
		}
	});
});
