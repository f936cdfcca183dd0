import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createClient, type LettaClient} from '../../src/api/client.js';
import {ApiError} from '../../src/api/errors.js';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {createFleetFetcher, fetchFleet} from '../../src/fleet/fetch-fleet.js';
import {
	forcedPageSizing,
	learnedPageSizing,
	MAX_PAGE_SIZE,
	sizingAfterPage,
	sizingAfterRejected,
} from '../../src/fleet/page-size.js';
import {rawConnection, T0} from '../helpers/fixtures.js';
import {promised} from '../helpers/promised.js';

describe('page sizing (pure)', () => {
	it('learns the cap from a short page that says there are more, and nothing from the last page', () => {
		const start = learnedPageSizing();
		expect(start.size).toBe(MAX_PAGE_SIZE);
		expect(sizingAfterPage(start, 1000, 100, true)).toEqual({size: 100, forced: false});
		expect(sizingAfterPage(start, 1000, 37, false)).toBe(start);
		expect(sizingAfterPage(start, 1000, 0, true)).toBe(start);
	});

	it('halves on a 400, down to 1, and never learns when a person forced the size', () => {
		expect(sizingAfterRejected(learnedPageSizing(), 1000)).toEqual({size: 500, forced: false});
		expect(sizingAfterRejected(learnedPageSizing(), 1)).toBeNull();
		const forced = forcedPageSizing(50);
		expect(sizingAfterPage(forced, 50, 10, true)).toBe(forced);
		expect(sizingAfterRejected(forced, 50)).toBeNull();
	});
});

/** A client whose server refuses a limit above `max` with 400 and pages `total` records. */
function refusingClient(total: number, max: number) {
	const limits: number[] = [];
	const client: LettaClient = {
		baseUrl: 'http://test',
		listEnvironments: query =>
			promised(() => {
				const limit = query.limit ?? 50;
				limits.push(limit);
				if (limit > max) throw new ApiError('bad-request', `limit must be at most ${max}`, {status: 400});
				const start = query.after === undefined ? 0 : Number(query.after.slice(4)) + 1;
				const ids = Array.from({length: Math.min(limit, total - start)}, (_, index) => `env-${start + index}`);
				return {
					body: {connections: ids.map(id => rawConnection({id})), hasNextPage: start + ids.length < total},
					serverDate: null,
					receivedAt: T0,
					latencyMs: 0,
				};
			}),
		getEnvironment: () => Promise.reject(new Error('unused')),
	};
	return {client, limits};
}

describe('a pass learns the page size the server allows', () => {
	let server: DemoServer;
	beforeAll(async () => {
		server = await startDemoServer({seed: 3, size: 250, churnPerMinute: 0, maxPageSize: 100});
	});
	afterAll(async () => {
		await server.close();
	});

	it("over real HTTP: asks for 1000, gets the server's 100 with more to come, and asks for 100 from then on", async () => {
		const requested: number[] = [];
		const http = createClient({baseUrl: server.url, apiKey: server.apiKey, proxyEnv: {}});
		const client: LettaClient = {
			...http,
			listEnvironments: (query, signal) => (
				requested.push(query.limit ?? 0),
				http.listEnvironments(query, signal)
			),
		};
		const fetchPass = createFleetFetcher(client);
		const first = await fetchPass();
		expect(first.connections).toHaveLength(250);
		expect(requested).toEqual([1000, 100, 100]);
		await fetchPass();
		// Learned for the session: the next pass starts at the cap.
		expect(requested.slice(3)).toEqual([100, 100, 100]);
	});

	it('halves a limit the server refuses with 400, remembers it across passes, and loses no record', async () => {
		const {client, limits} = refusingClient(600, 300);
		const fetchPass = createFleetFetcher(client);
		expect((await fetchPass()).connections).toHaveLength(600);
		expect(limits).toEqual([1000, 500, 250, 250, 250]);
		await fetchPass();
		expect(limits.slice(5)).toEqual([250, 250, 250]);
	});

	it('keeps a forced --page-size, even one the server caps', async () => {
		const {client, limits} = refusingClient(30, 300);
		await fetchFleet(client, {query: {pageSize: 7}});
		expect(new Set(limits)).toEqual(new Set([7]));
		const refused = refusingClient(30, 5);
		await expect(fetchFleet(refused.client, {query: {pageSize: 7}})).rejects.toMatchObject({status: 400});
	});
});
