/**
 * What the client does when the API misbehaves, over real HTTP against the
 * demo server's fault injection: transient failures are retried, fatal ones
 * say what to do, drifted records are kept, and a bad pager cannot loop it.
 */
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {createClient} from '../../src/api/client.js';
import {ApiError} from '../../src/api/errors.js';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {fetchFleet} from '../../src/fleet/fetch-fleet.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {matcher} from '../helpers/matcher.js';

let server: DemoServer;
const noWait = {sleep: async () => {}, random: () => 0};

beforeAll(async () => {
	server = await startDemoServer({seed: 12, size: 25, churnPerMinute: 0});
});

afterAll(async () => {
	await server.close();
});

beforeEach(() => {
	server.faults.clear();
});

function client(timeoutMs = 5000) {
	return createClient({baseUrl: server.url, apiKey: server.apiKey, keySource: 'LETTA_API_KEY', timeoutMs});
}

const fetchAll = (options: Parameters<typeof fetchFleet>[1] = {}) =>
	fetchFleet(client(), {query: {pageSize: 10}, retryEnvironment: noWait, ...options});
const ids = () => server.simulation.list().map(record => record.id);

describe('transient failures are retried, and the pass stays complete', () => {
	for (const [label, fault] of [
		[
			'503 with Retry-After seconds',
			{kind: 'status', status: 503, retryAfter: '1', errorCode: 'cloud_api_shutting_down'},
		],
		[
			'429 with an HTTP-date Retry-After',
			{kind: 'status', status: 429, retryAfter: new Date(Date.now() + 2000).toUTCString()},
		],
		['500', {kind: 'status', status: 500}],
		['a reset connection', {kind: 'reset'}],
	] as const) {
		it(`${label} on page 2 of 3`, async () => {
			server.faults.add({fault, route: 'list', page: 2, times: 1});
			const slept: number[] = [];
			const snapshot = await fetchAll({
				retryEnvironment: {sleep: ms => Promise.resolve(void slept.push(ms)), random: () => 0},
			});
			expect(snapshot.connections.map(connection => connection.id)).toEqual(ids());
			expect(slept).toHaveLength(1);
			if (label.startsWith('503')) expect(slept[0]).toBe(1000);
			if (label.startsWith('429')) expect(slept[0]).toBeGreaterThan(0);
		});
	}

	it('a timeout, then an answer', async () => {
		server.faults.add({fault: {kind: 'hang'}, route: 'list', times: 1});
		const snapshot = await fetchFleet(client(500), {query: {pageSize: 10}, retryEnvironment: noWait});
		expect(snapshot.connections).toHaveLength(25);
	});

	it('gives up after three tries with the last error', async () => {
		server.faults.add({fault: {kind: 'status', status: 502, message: 'bad gateway'}, route: 'list'});
		const before = server.requests();
		await expect(fetchAll()).rejects.toMatchObject({kind: 'server', status: 502});
		expect(server.requests() - before).toBe(3);
	});
});

describe('fatal failures say what to do, at once', () => {
	it('401 is not retried and names where the key came from', async () => {
		server.faults.add({fault: {kind: 'status', status: 401}, route: 'list'});
		const before = server.requests();
		const error = (await fetchAll().catch((caught: unknown) => caught)) as ApiError;
		expect(server.requests() - before).toBe(1);
		expect(error.describe()).toMatch(/HTTP 401.*the API key from LETTA_API_KEY was rejected/);
	});

	it('403 says the key may not list environments', async () => {
		server.faults.add({fault: {kind: 'status', status: 403, errorCode: 'forbidden', message: 'no'}, route: 'list'});
		expect(((await fetchAll().catch((caught: unknown) => caught)) as ApiError).describe()).toMatch(
			/HTTP 403 forbidden: no .*organization admin/,
		);
	});

	it('404 on the endpoint points at the base URL', async () => {
		server.faults.add({fault: {kind: 'status', status: 404}, route: 'list'});
		expect(((await fetchAll().catch((caught: unknown) => caught)) as ApiError).describe()).toMatch(/--base-url/);
	});

	it("a body that is not JSON is not the API's answer", async () => {
		server.faults.add({fault: {kind: 'not-json'}, route: 'list', times: 1});
		await expect(fetchAll()).rejects.toMatchObject({
			kind: 'not-letta',
			message: matcher.stringMatching(
				/^not a Letta API response: looks like a proxy or filter page \(text\/html\)$/,
			),
		});
	});

	it('a body cut short is retried like a dropped connection, and reported when it keeps happening', async () => {
		server.faults.add({fault: {kind: 'truncate'}, route: 'list', times: 1});
		await expect(fetchAll()).resolves.toMatchObject({pages: 3});
		server.faults.add({fault: {kind: 'truncate'}, route: 'list'});
		await expect(fetchAll()).rejects.toMatchObject({
			kind: 'truncated',
			message: matcher.stringMatching(/^the response was cut off after \d+ bytes/),
		});
	});

	it('a cursor that never advances is stopped, not followed forever', async () => {
		server.faults.add({fault: {kind: 'stuck-cursor'}, route: 'list'});
		const before = server.requests();
		await expect(fetchAll()).rejects.toMatchObject({kind: 'cursor-stuck'});
		expect(server.requests() - before).toBeLessThanOrEqual(3);
	});

	it('a page that ignores limit is taken whole', async () => {
		server.faults.add({fault: {kind: 'huge-page'}, route: 'list'});
		const snapshot = await fetchAll();
		expect(snapshot.pages).toBe(1);
		expect(snapshot.connections).toHaveLength(25);
	});
});

describe('schema drift never drops a record', () => {
	for (const variant of ['strings', 'missing', 'extra', 'wrong-types', 'metadata-not-object'] as const) {
		it(`keeps every record with ${variant}`, async () => {
			server.faults.add({fault: {kind: 'drift', variant}, route: 'list'});
			const snapshot = await fetchAll();
			expect(snapshot.connections.map(connection => connection.id)).toEqual(ids());
			const rows = selectRows(
				fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot}),
				snapshot.fetchedAt,
			);
			if (variant === 'strings' || variant === 'extra') {
				// Numbers sent as strings are understood: the statuses are the real ones.
				const online = server.simulation
					.list()
					.filter(
						record => record.connectionId && server.simulation.time() - record.lastHeartbeat! < 75_000,
					).length;
				expect(rows.filter(row => row.status === 'online')).toHaveLength(online);
				expect(snapshot.connections.every(connection => connection.problems.length === 0)).toBe(true);
			}

			if (variant === 'wrong-types' || variant === 'metadata-not-object') {
				expect(snapshot.connections.some(connection => connection.problems.length > 0)).toBe(true);
			}

			if (variant === 'extra') {
				expect(Object.keys(snapshot.connections[0]!.raw as object).length).toBeGreaterThan(
					Object.keys(server.simulation.list()[0]!).length,
				);
			}
		});
	}
});
