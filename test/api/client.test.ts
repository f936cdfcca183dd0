import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createClient} from '../../src/api/client.js';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {fetchFleet} from '../../src/fleet/fetch-fleet.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {matcher} from '../helpers/matcher.js';

let server: DemoServer;

beforeAll(async () => {
	server = await startDemoServer({seed: 3, size: 230, churnPerMinute: 0});
});

afterAll(async () => {
	await server.close();
});

describe('the API client over real HTTP', () => {
	it('lists one page with the query sent as strings', async () => {
		const client = createClient({baseUrl: server.url, apiKey: server.apiKey});
		const response = await client.listEnvironments({limit: 5, onlineOnly: true});
		const body = response.body as {connections: Array<{connectionId: string | null}>; hasNextPage: boolean};
		expect(body.connections).toHaveLength(5);
		expect(body.connections.every(connection => connection.connectionId)).toBe(true);
		expect(body.hasNextPage).toBe(true);
		expect(response.serverDate).not.toBeNull();
	});

	it('reads a body as UTF-8, a multi-byte character split across chunks and a byte-order mark included', async () => {
		const text =
			'\uFEFF' +
			JSON.stringify({
				connections: [{id: 'env-1', deviceId: 'd', connectionName: 'Zoë’s 🚀 box'}],
				hasNextPage: false,
			});
		const bytes = Buffer.from(text);
		const split = bytes.indexOf(Buffer.from('🚀')) + 2;
		const raw = createServer((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			// Two writes, the rocket's four bytes cut in half between them.
			response.write(bytes.subarray(0, split));
			setTimeout(() => response.end(bytes.subarray(split)), 20);
		});
		await new Promise<void>(resolve => raw.listen(0, '127.0.0.1', resolve));
		try {
			const client = createClient({
				baseUrl: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`,
				apiKey: 'k',
			});
			const response = await client.listEnvironments({});
			expect(
				(response.body as {connections: Array<{connectionName: string}>}).connections[0]!.connectionName,
			).toBe('Zoë’s 🚀 box');
		} finally {
			raw.close();
		}
	});

	it('gets one device by deviceId, even one whose id needs encoding', async () => {
		const device = server.simulation.addDevice({deviceId: 'desktop:a/b c?d'});
		const client = createClient({baseUrl: server.url, apiKey: server.apiKey});
		const response = await client.getEnvironment(device.deviceId);
		expect((response.body as {deviceId: string}).deviceId).toBe('desktop:a/b c?d');
		server.simulation.removeDevice(device.deviceId);
	});

	it('turns a rejected key into an unauthorized error with a hint naming the key source', async () => {
		const client = createClient({baseUrl: server.url, apiKey: 'wrong', keySource: 'LETTA_API_KEY'});
		const error = await client.listEnvironments({}).catch((caught: unknown) => caught);
		expect(error).toMatchObject({kind: 'unauthorized', status: 401, errorCode: 'unauthorized'});
		expect((error as Error & {describe(): string}).describe()).toMatch(/^HTTP 401 unauthorized: .*LETTA_API_KEY/);
		expect((error as Error & {describe(): string}).describe()).not.toContain('wrong');
	});

	it('says what to do about a rejected key by where it came from, never the way that failed', async () => {
		const hint = async (keySource: string) => {
			const client = createClient({baseUrl: server.url, apiKey: 'wrong', keySource});
			const error = (await client.listEnvironments({}).catch((caught: unknown) => caught)) as {hint: string};
			return error.hint;
		};
		expect(await hint('LETTA_API_KEY')).toBe(
			"the API key from LETTA_API_KEY was rejected (revoked, or of another organization or server): set LETTA_API_KEY to a current key, or unset it to use Letta Code's login",
		);
		expect(await hint('~/.letta/settings.json')).toMatch(
			/: run `letta` once to log in again, or set LETTA_API_KEY/,
		);
		expect(await hint('--api-key-file /run/key')).toMatch(
			/: put a current key there, or set LETTA_API_KEY to one$/,
		);
	});

	it('with no key at all, says so beside a network failure instead of waiting for a 401', async () => {
		const closed = await startDemoServer({size: 1});
		await closed.close();
		const keyless = createClient({baseUrl: closed.url, apiKey: undefined, timeoutMs: 5000});
		const error = (await keyless.listEnvironments({}).catch((caught: unknown) => caught)) as {hint: string};
		expect(error).toMatchObject({kind: 'network'});
		expect(error.hint).toMatch(/port right\?; and no API key: set LETTA_API_KEY, pass --api-key-file, run `letta`/);
		const keyed = createClient({baseUrl: closed.url, apiKey: 'demo', keySource: 'LETTA_API_KEY', timeoutMs: 5000});
		const withKey = (await keyed.listEnvironments({}).catch((caught: unknown) => caught)) as {hint: string};
		expect(withKey.hint).not.toMatch(/no API key/);
	});

	it('says when nothing listens at the base URL', async () => {
		const closed = await startDemoServer({size: 1});
		await closed.close();
		const client = createClient({baseUrl: closed.url, apiKey: 'demo', timeoutMs: 5000});
		await expect(client.listEnvironments({})).rejects.toMatchObject({
			kind: 'network',
			message: matcher.stringMatching(/ECONNREFUSED/),
		});
	});

	it('points at the base URL on a 404 for the endpoint', async () => {
		const client = createClient({baseUrl: `${server.url}/nope`, apiKey: server.apiKey});
		const error = await client.listEnvironments({}).catch((caught: unknown) => caught);
		expect(error).toMatchObject({kind: 'not-found', status: 404});
		expect((error as Error & {hint: string}).hint).toMatch(/--base-url/);
	});
});

describe('fetchFleet over real HTTP', () => {
	it('pages through a fleet larger than one page and gets every device once', async () => {
		const client = createClient({baseUrl: server.url, apiKey: server.apiKey});
		const snapshot = await fetchFleet(client, {query: {pageSize: 50}});
		const expected = server.simulation.list().map(record => record.id);
		expect(snapshot.pages).toBe(Math.ceil(expected.length / 50));
		expect(snapshot.connections.map(connection => connection.id)).toEqual(expected);
	});

	it('passes the filters through to the server', async () => {
		const client = createClient({baseUrl: server.url, apiKey: server.apiKey});
		const online = await fetchFleet(client, {query: {pageSize: 100, onlineOnly: true}});
		expect(online.connections.length).toBe(server.simulation.list().filter(record => record.connectionId).length);
		const remote = await fetchFleet(client, {query: {source: 'remote'}});
		expect(remote.connections.length).toBeGreaterThan(0);
		expect(remote.connections.every(connection => connection.deviceId.startsWith('sandbox-'))).toBe(true);
	});

	it('judges 5 000 devices with the right statuses', async () => {
		const big = await startDemoServer({seed: 5, size: 5000, churnPerMinute: 0});
		try {
			const client = createClient({baseUrl: big.url, apiKey: big.apiKey});
			const snapshot = await fetchFleet(client, {query: {pageSize: 100}});
			const rows = selectRows(
				fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot}),
				snapshot.fetchedAt,
			);
			expect(rows).toHaveLength(5000);
			const serverNow = big.simulation.time();
			for (const record of big.simulation.list()) {
				const row = rows.find(candidate => candidate.id === record.id)!;
				const expected = !record.connectionId
					? 'offline'
					: serverNow - record.lastHeartbeat! < 75_000
						? 'online'
						: 'stale';
				if (row.status !== expected) {
					throw new Error(`${record.id}: ${row.status}, expected ${expected}`);
				}
			}
		} finally {
			await big.close();
		}
	});
});
