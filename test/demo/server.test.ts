import {request as httpRequest, Agent} from 'node:http';
import {Writable} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {runServeDemo} from '../../src/demo/serve-demo.js';
import {startDemoServer, type DemoServer, type DemoServerOptions} from '../../src/demo/server.js';
import {createSimulation, type Page, type RawConnection} from '../../src/demo/simulation.js';
import {readJson, type ErrorJson} from '../helpers/json.js';
import {matcher} from '../helpers/matcher.js';

const START = Date.UTC(2025, 5, 2, 9, 30, 0, 250);
const servers: DemoServer[] = [];

afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

async function start(options: DemoServerOptions & {size?: number} = {}) {
	let time = START;
	const clock = {now: () => time, tick: (ms: number) => void (time += ms)};
	const simulation =
		options.simulation ?? createSimulation({seed: 7, size: options.size ?? 30, now: clock.now, churnPerMinute: 0});
	const server = await startDemoServer({...options, simulation});
	servers.push(server);
	return {server, simulation, clock};
}

async function get<T = unknown>(server: DemoServer, path: string, init: RequestInit = {}) {
	const response = await fetch(`${server.url}${path}`, {
		...init,
		headers: {authorization: `Bearer ${server.apiKey}`, ...(init.headers as Record<string, string>)},
	});
	return {response, body: await readJson<T>(response)};
}

async function listAll(server: DemoServer, query: string) {
	const ids: string[] = [];
	let after = '';
	let pages = 0;
	for (;;) {
		const {body} = await get<Page>(
			server,
			`/v1/environments?${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
		);
		pages++;
		ids.push(...body.connections.map(record => record.id));
		if (!body.hasNextPage) {
			return {ids, pages, last: body};
		}

		after = ids.at(-1)!;
	}
}

describe('demo server', () => {
	it('requires the API key', async () => {
		const {server} = await start();
		for (const headers of [{}, {authorization: 'Bearer wrong'}, {authorization: 'demo'}]) {
			const response = await fetch(`${server.url}/v1/environments`, {headers});
			expect(response.status).toBe(401);
			expect(await response.json()).toEqual({errorCode: 'unauthorized', message: 'Invalid or missing API key'});
		}

		expect((await get(server, '/v1/environments')).response.status).toBe(200);
		expect(server.requests()).toBe(4);
	});

	it('pages with limit=7 over every id exactly once, in id order', async () => {
		const {server, simulation} = await start({size: 30});
		const {ids, pages, last} = await listAll(server, 'limit=7');
		const expected = simulation.list().map(record => record.id);
		expect(ids).toEqual(expected);
		expect([...ids].sort()).toEqual(ids);
		expect(pages).toBe(5);
		expect(last.connections).toHaveLength(2);
		expect(last.hasNextPage).toBe(false);
	});

	it('starts after a cursor, present or not', async () => {
		const {server, simulation} = await start();
		const ids = simulation.list().map(record => record.id);
		const {body} = await get<Page>(server, `/v1/environments?limit=3&after=${ids[10]}`);
		expect(body.connections.map(record => record.id)).toEqual(ids.slice(11, 14));
		expect(body.hasNextPage).toBe(true);
		// A cursor whose record has since been deleted still lands in the right place.
		const between = await get<Page>(server, `/v1/environments?limit=1&after=${ids[10]}0`);
		expect(between.body.connections[0]!.id).toBe(ids[11]);
		const end = await get(server, `/v1/environments?after=${ids.at(-1)}`);
		expect(end.body).toEqual({connections: [], hasNextPage: false});
	});

	it('filters by onlineOnly, source and userId', async () => {
		const {server, simulation} = await start({size: 60});
		const all = simulation.list();
		const online = await listAll(server, 'limit=10&onlineOnly=true');
		expect(online.ids).toEqual(all.filter(record => record.connectionId !== null).map(record => record.id));
		expect(online.ids.length).toBeLessThan(all.length);

		const remote = await listAll(server, 'source=remote');
		const local = await listAll(server, 'source=local');
		expect(remote.ids).toEqual(
			all.filter(record => record.deviceId.startsWith('sandbox-')).map(record => record.id),
		);
		expect(remote.ids.length).toBeGreaterThan(0);
		expect(local.ids.length + remote.ids.length).toBe(all.length);

		const userId = all[0]!.userId!;
		const mine = await listAll(server, `userId=${userId}&limit=4`);
		expect(mine.ids).toEqual(all.filter(record => record.userId === userId).map(record => record.id));

		const bad = await get(server, '/v1/environments?source=cloud');
		expect(bad.response.status).toBe(400);
		expect(bad.body).toMatchObject({errorCode: 'invalid_request', message: matcher.stringContaining('source')});
	});

	it('uses a default page size, clamps limit and rejects bad ones', async () => {
		const {server} = await start({size: 120});
		const first = await get<Page>(server, '/v1/environments');
		expect(first.body.connections).toHaveLength(50);
		const clamped = await get<Page>(server, '/v1/environments?limit=1000');
		expect(clamped.body.connections).toHaveLength(100);
		expect(clamped.body.hasNextPage).toBe(true);
		for (const limit of ['0', '-1', 'abc', '2.5', '']) {
			const {response, body} = await get(server, `/v1/environments?limit=${limit}`);
			expect(response.status).toBe(400);
			expect(body).toMatchObject({errorCode: 'invalid_request', message: matcher.any(String)});
		}

		const {server: small} = await start({size: 30, maxPageSize: 10});
		expect((await get<Page>(small, '/v1/environments?limit=25')).body.connections).toHaveLength(10);
	});

	it('gets one device, URL-encoded ids included, and 404s unknown ones', async () => {
		const {server, simulation} = await start();
		const record = simulation
			.list()
			.find((candidate, at) => at >= 4 && simulation.listeners(candidate.deviceId).length === 1)!;
		const one = await get(server, `/v1/environments/${record.deviceId}`);
		expect(one.response.status).toBe(200);
		expect(one.body).toEqual(record);

		const desktop = simulation.addDevice({deviceId: 'desktop:0f6b2c1e-5a1d-4e8e-9a1c-3b2f8c0d9e7a'});
		const encoded = await get<RawConnection>(server, `/v1/environments/${encodeURIComponent(desktop.deviceId)}`);
		expect(encoded.body.deviceId).toBe(desktop.deviceId);
		const odd = simulation.addDevice({deviceId: 'odd/id with space'});
		expect((await get<RawConnection>(server, `/v1/environments/${encodeURIComponent(odd.deviceId)}`)).body.id).toBe(
			odd.id,
		);

		const missing = await get(server, '/v1/environments/no-such-device');
		expect(missing.response.status).toBe(404);
		expect(missing.body).toMatchObject({errorCode: 'not_found', message: matcher.any(String)});
	});

	it('has no DELETE: 405 with allow: GET, and the record stays', async () => {
		const {server, simulation} = await start();
		const offline = simulation.list().find(record => record.connectionId === null)!;
		for (const path of [
			`/v1/environments/${offline.id}`,
			`/v1/environments/${offline.deviceId}`,
			'/v1/environments/no-such-device',
		]) {
			const {response, body} = await get(server, path, {method: 'DELETE'});
			expect(response.status).toBe(405);
			expect(response.headers.get('allow')).toBe('GET');
			expect(body).toMatchObject({errorCode: 'method_not_allowed', message: matcher.stringContaining('DELETE')});
		}

		expect(simulation.getById(offline.id)).toEqual(offline);
		expect((await get(server, `/v1/environments/${offline.deviceId}`)).response.status).toBe(200);
	});

	it('lists every listener of a machine once across pages, and gets one row by deviceId', async () => {
		const {server, simulation, clock} = await start({size: 30});
		const machine = simulation
			.list()
			.find(
				record =>
					record.connectionId !== null &&
					record.listenerInstanceId?.startsWith('server-') &&
					!record.deviceId.startsWith('sandbox-'),
			)!;
		clock.tick(1000);
		const second = simulation.addListener(machine.deviceId, {connectionName: `${machine.connectionName}-docs`});
		const third = simulation.addListener(machine.deviceId);
		clock.tick(1000);
		const renamed = simulation.rename(second.id, 'docs-agent');
		const rows = simulation.listeners(machine.deviceId);
		expect(rows.map(record => record.id)).toEqual(
			expect.arrayContaining([machine.id, second.id, third.id, renamed.id]),
		);
		expect(rows.filter(record => record.connectionId !== null).length).toBeGreaterThanOrEqual(3);

		for (const limit of [1, 4, 7]) {
			const {ids} = await listAll(server, `limit=${limit}`);
			expect(ids).toEqual(simulation.list().map(record => record.id));
			expect(ids.filter(id => rows.some(record => record.id === id))).toEqual(
				rows.map(record => record.id).sort(),
			);
		}

		const one = await get<RawConnection>(server, `/v1/environments/${encodeURIComponent(machine.deviceId)}`);
		expect(one.response.status).toBe(200);
		expect(one.body).toEqual(simulation.get(machine.deviceId));
		expect(rows.map(record => record.id)).toContain(one.body.id);
	});

	it('answers JSON errors for unknown routes and methods', async () => {
		const {server} = await start();
		const unknown = await get<ErrorJson>(server, '/v2/nothing');
		expect(unknown.response.status).toBe(404);
		expect(unknown.body.errorCode).toBe('not_found');
		const post = await get<ErrorJson>(server, '/v1/environments', {method: 'POST', body: '{}'});
		expect(post.response.status).toBe(405);
		expect(post.response.headers.get('allow')).toBe('GET');
		expect(post.body.errorCode).toBe('method_not_allowed');
	});

	it('sends JSON with a Date header from its clock', async () => {
		const {server, clock} = await start();
		for (const step of [0, 90_500, 3_600_000]) {
			clock.tick(step);
			const {response} = await get(server, '/v1/environments?limit=1');
			expect(response.headers.get('content-type')).toBe('application/json');
			expect(Date.parse(response.headers.get('date')!)).toBe(Math.floor(clock.now() / 1000) * 1000);
		}
	});

	it('closes promptly with a keep-alive connection open', async () => {
		const {server} = await start();
		const agent = new Agent({keepAlive: true});
		try {
			await new Promise<void>((resolve, reject) => {
				httpRequest(
					`${server.url}/v1/environments`,
					{agent, headers: {authorization: 'Bearer demo'}},
					response => {
						response.resume();
						response.on('end', resolve);
					},
				)
					.on('error', reject)
					.end();
			});
			// The agent parks the socket on a later tick; wait for it so the socket really is idle and open.
			await new Promise(resolve => setImmediate(resolve));
			expect(Object.keys(agent.freeSockets)).toHaveLength(1);
			const started = performance.now();
			await server.close();
			expect(performance.now() - started).toBeLessThan(1000);
			await server.close();
		} finally {
			agent.destroy();
		}
	});

	it('makes its own simulation from seed, size and churn', async () => {
		const server = await startDemoServer({seed: 3, size: 12, churnPerMinute: 0, apiKey: 'k'});
		servers.push(server);
		expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
		const response = await fetch(`${server.url}/v1/environments`, {headers: {authorization: 'Bearer k'}});
		expect(((await response.json()) as {connections: unknown[]}).connections).toHaveLength(12);
		const date = Date.parse(response.headers.get('date')!);
		expect(Math.abs(date - Date.now())).toBeLessThan(5000);
	});
});

describe('runServeDemo', () => {
	it('prints how to reach the server', async () => {
		let text = '';
		const out = new Writable({
			write(chunk, _encoding, done) {
				text += String(chunk);
				done();
			},
		});
		const server = await runServeDemo({size: 5, seed: 1}, out);
		servers.push(server);
		expect(text).toBe(
			[
				'letta-fleet demo server listening',
				`  LETTA_BASE_URL=http://127.0.0.1:${server.port}`,
				'  LETTA_API_KEY=demo',
				'Press Ctrl-C to stop.',
				'',
			].join('\n'),
		);
		expect((await fetch(`${server.url}/v1/environments`, {headers: {authorization: 'Bearer demo'}})).status).toBe(
			200,
		);
	});
});
