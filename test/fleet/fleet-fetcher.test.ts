/**
 * A poller's fetcher over real HTTP: records that did not change between two
 * passes keep their Connection (nothing is parsed twice), and one that changed
 * is read afresh.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createClient} from '../../src/api/client.js';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {createFleetFetcher} from '../../src/fleet/fetch-fleet.js';
import {T0} from '../helpers/fixtures.js';

let server: DemoServer;
let now = T0;

beforeAll(async () => {
	server = await startDemoServer({seed: 5, size: 120, churnPerMinute: 0, now: () => now});
});

afterAll(async () => {
	await server.close();
});

describe('createFleetFetcher', () => {
	it('reuses the Connection of every unchanged record and reads the changed ones anew', async () => {
		const fetchPass = createFleetFetcher(createClient({baseUrl: server.url, apiKey: server.apiKey}), {
			query: {pageSize: 25},
		});
		const first = await fetchPass();
		// The same moment on the server's clock: not a byte differs.
		const second = await fetchPass();
		expect(second.connections).toHaveLength(120);
		expect(second.connections.every(connection => connection === first.byId.get(connection.id))).toBe(true);

		// Half a minute on, every live device has beaten again: those records changed.
		now += 31_000;
		const third = await fetchPass();
		const fresh = third.connections.filter(connection => connection !== second.byId.get(connection.id));
		const beaten = third.connections.filter(
			connection => connection.lastHeartbeat !== second.byId.get(connection.id)?.lastHeartbeat,
		);
		expect(beaten.length).toBeGreaterThan(10);
		expect(fresh).toEqual(expect.arrayContaining(beaten));
		for (const connection of fresh) {
			expect(connection.raw).not.toEqual(second.byId.get(connection.id)?.raw);
		}
	});
});
