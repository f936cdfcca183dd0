/**
 * Fault injection, over real HTTP: every fault as a client meets it, here the statuses and the
 * transport. Times are only ever bounded from below; the machine is slow and shared.
 */
import {request as httpRequest} from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {call, closeFaultServers, getJson, ids, startFaultServer as start} from '../helpers/fault-server.js';
import type {Page} from '../../src/demo/simulation.js';
import {parseJson, type ErrorJson} from '../helpers/json.js';

afterEach(closeFaultServers);

describe('status faults', () => {
	it("answers each status in the API's body shape", async () => {
		const {server} = await start();
		const cases: Array<[number, Record<string, unknown>]> = [
			[400, {errorCode: 'invalid_request', message: expect.any(String)}],
			[401, {errorCode: 'unauthorized', message: expect.any(String)}],
			[403, {errorCode: 'forbidden', message: expect.any(String)}],
			[404, {errorCode: 'not_found', message: expect.any(String)}],
			[500, {errorCode: 'internal_error', message: expect.any(String)}],
			[502, {errorCode: 'bad_gateway', message: expect.any(String)}],
			[429, {error: expect.stringContaining('Rate limit'), errorCode: 'route_rps_rate_limit_exceeded'}],
			[503, {errorCode: 'cloud_api_shutting_down', message: expect.any(String), retryable: true}],
			[418, {errorCode: 'http_418', message: expect.any(String)}],
		];
		for (const [status, shape] of cases) {
			server.faults.clear();
			server.faults.add({fault: {kind: 'status', status}});
			const {response, body} = await getJson(server, '/v1/environments');
			expect(response.status).toBe(status);
			expect(response.headers.get('content-type')).toBe('application/json');
			expect(body).toEqual(shape);
			expect(response.headers.get('retry-after')).toBeNull();
		}
	});

	it('uses the given code, message and retryable', async () => {
		const {server} = await start({
			faults: [
				{
					fault: {
						kind: 'status',
						status: 500,
						errorCode: 'db_down',
						message: 'database unavailable',
						retryable: false,
					},
				},
			],
		});
		const {response, body} = await getJson(server, '/v1/environments/anything');
		expect(response.status).toBe(500);
		expect(body).toEqual({errorCode: 'db_down', message: 'database unavailable', retryable: false});
	});

	it('sends Retry-After as given on 429 and 503, in seconds or as an HTTP date', async () => {
		const {server} = await start();
		const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
		for (const [status, retryAfter] of [
			[429, '5'],
			[503, date],
			[429, date],
			[503, '30'],
		] as const) {
			server.faults.clear();
			server.faults.add({fault: {kind: 'status', status, retryAfter}});
			const response = await call(server, '/v1/environments');
			expect(response.status).toBe(status);
			expect(response.headers.get('retry-after')).toBe(retryAfter);
			await response.body?.cancel();
		}
	});

	it('keeps a correct Date header from the server clock on a faulted list', async () => {
		const {server, clock} = await start({
			faults: [{fault: {kind: 'status', status: 503, retryAfter: '3'}, route: 'list'}],
		});
		clock.tick(42_000);
		const response = await call(server, '/v1/environments');
		expect(response.status).toBe(503);
		expect(Date.parse(response.headers.get('date')!)).toBe(Math.floor(clock.now() / 1000) * 1000);
		await response.body?.cancel();
	});

	it('answers a bad key 401 first, unless the injected fault is itself a 401', async () => {
		const {server} = await start({faults: [{fault: {kind: 'status', status: 503}}]});
		const wrong = await fetch(`${server.url}/v1/environments`, {headers: {authorization: 'Bearer wrong'}});
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toEqual({errorCode: 'unauthorized', message: 'Invalid or missing API key'});
		// The 503 rule was not spent on the unauthorized request.
		expect((await call(server, '/v1/environments')).status).toBe(503);

		server.faults.clear();
		server.faults.add({fault: {kind: 'status', status: 401, errorCode: 'token_expired', message: 'expired'}});
		const injected = await fetch(`${server.url}/v1/environments`, {headers: {authorization: 'Bearer wrong'}});
		expect(await injected.json()).toEqual({errorCode: 'token_expired', message: 'expired'});
		const good = await getJson<ErrorJson>(server, '/v1/environments');
		expect(good.response.status).toBe(401);
		expect(good.body.errorCode).toBe('token_expired');
		expect(server.requests()).toBe(4);
	});
});

describe('transport faults', () => {
	it('delay answers normally after at least ms', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'delay', ms: 200}}]});
		const started = performance.now();
		const {response, body} = await getJson<Page>(server, '/v1/environments?limit=5');
		expect(performance.now() - started).toBeGreaterThanOrEqual(190);
		expect(response.status).toBe(200);
		expect(ids(body)).toEqual(
			simulation
				.list()
				.slice(0, 5)
				.map(record => record.id),
		);
	});

	it('a pending delay does not hold close() open', async () => {
		const {server} = await start({faults: [{fault: {kind: 'delay', ms: 60_000}}]});
		const pending = call(server, '/v1/environments').then(
			() => 'answered',
			() => 'failed',
		);
		while (server.requests() < 1) {
			await new Promise(resolve => setTimeout(resolve, 10));
		}

		// Were close() to wait for the delay, the test would time out long before it ends.
		await server.close();
		expect(await pending).toBe('failed');
	});

	it('hang never answers: the client times out, and close() still resolves', async () => {
		const {server} = await start({faults: [{fault: {kind: 'hang'}}]});
		await expect(call(server, '/v1/environments', {signal: AbortSignal.timeout(300)})).rejects.toThrow();

		// A second hung request the client never gives up on: closing the server must end it.
		const pending = new Promise<string>(resolve => {
			httpRequest(`${server.url}/v1/environments`, {headers: {authorization: 'Bearer demo'}}, () =>
				resolve('answered'),
			)
				.on('error', error => resolve(`error ${(error as NodeJS.ErrnoException).code ?? error.message}`))
				.end();
		});
		while (server.requests() < 2) {
			await new Promise(resolve => setTimeout(resolve, 10));
		}

		const closing = server.close();
		await closing;
		expect(await pending).toMatch(/^error/);
		expect(server.requests()).toBe(2);
	});

	it('reset destroys the socket without a response', async () => {
		const {server} = await start({faults: [{fault: {kind: 'reset'}, times: 1}]});
		const error = await call(server, '/v1/environments').then(
			() => undefined,
			(failure: unknown) => failure as Error & {cause?: NodeJS.ErrnoException},
		);
		expect(error).toBeInstanceOf(TypeError);
		expect(error?.cause?.code).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
		// Spent: the next request is answered.
		expect((await call(server, '/v1/environments?limit=1')).status).toBe(200);
	});

	it('truncate sends half the announced JSON body, then ends the socket', async () => {
		const {server} = await start({faults: [{fault: {kind: 'truncate'}}]});
		const response = await call(server, '/v1/environments');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		await expect(response.json()).rejects.toThrow();
	});

	it('not-json answers 200 with an HTML page', async () => {
		const {server} = await start({faults: [{fault: {kind: 'not-json'}}]});
		const response = await call(server, '/v1/environments');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/html/);
		const text = await response.text();
		expect(text).toMatch(/^<!DOCTYPE html>[\s\S]*maintenance[\s\S]*<\/html>\n$/i);
		expect(() => parseJson(text)).toThrow();
	});
});

describe('hostile transport faults', () => {
	/** Reads a body as fetch inflates it, up to `limit` bytes, then gives up: how far it got. */
	async function inflatedUpTo(response: Response, limit: number): Promise<number> {
		let total = 0;
		const reader = (response.body as ReadableStream<Uint8Array>).getReader();
		while (total <= limit) {
			const {done, value} = await reader.read();
			if (done) break;
			total += value.byteLength;
		}

		await reader.cancel();
		return total;
	}

	for (const encoding of ['gzip', 'br'] as const) {
		it(`bomb:${encoding} sends a small ${encoding} body that inflates past 64 MiB (to 1 GiB)`, async () => {
			const {server} = await start({faults: [{fault: {kind: 'bomb', encoding}}]});
			const response = await call(server, '/v1/environments');
			expect(response.status).toBe(200);
			expect(response.headers.get('content-encoding')).toBe(encoding);
			expect(Number(response.headers.get('content-length'))).toBeLessThan(1_100_000);
			expect(await inflatedUpTo(response, 64 * 1024 * 1024)).toBeGreaterThan(64 * 1024 * 1024);
		});
	}

	it('endless keeps sending a 200 JSON body, and close() still resolves', async () => {
		const {server} = await start({faults: [{fault: {kind: 'endless'}}]});
		const response = await call(server, '/v1/environments');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await inflatedUpTo(response, 16 * 1024 * 1024)).toBeGreaterThan(16 * 1024 * 1024);
		const pending = call(server, '/v1/environments')
			.then(async answer => inflatedUpTo(answer, Number.POSITIVE_INFINITY))
			.then(
				() => 'ended',
				() => 'failed',
			);
		await new Promise(resolve => setTimeout(resolve, 50));
		await server.close();
		expect(await pending).toMatch(/ended|failed/);
	});

	it('html sends a block page with the status asked for, as text/html', async () => {
		const {server} = await start({faults: [{fault: {kind: 'html', status: 401}}]});
		const response = await call(server, '/v1/environments');
		expect(response.status).toBe(401);
		expect(response.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await response.text()).toMatch(/^<!DOCTYPE html>.*Access Denied/s);
	});

	it('redirect points at another host and sends no JSON', async () => {
		const {server} = await start({faults: [{fault: {kind: 'redirect', status: 307}}]});
		const response = await call(server, '/v1/environments', {redirect: 'manual'});
		expect(response.status).toBe(307);
		expect(new URL(response.headers.get('location')!).host).toBe('login.elsewhere.example');
	});
});
