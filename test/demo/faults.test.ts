/**
 * Fault injection, over real HTTP: every fault as a client meets it. Times are
 * only ever bounded from below; the machine is slow and shared.
 */
import {request as httpRequest} from 'node:http';
import {Writable} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {
	FAULT_SPEC_HELP,
	createFaultInjector,
	formatFaultRule,
	parseFaultSpec,
	type FaultRule,
} from '../../src/demo/faults.js';
import {HOSTILE_ATTACKS} from '../../src/demo/fault-hostile.js';
import {runServeDemo} from '../../src/demo/serve-demo.js';
import {startDemoServer, type DemoServer, type DemoServerOptions} from '../../src/demo/server.js';
import {createSimulation, type Page} from '../../src/demo/simulation.js';
import {field, parseJson, readJson, type ErrorJson, type JsonObject} from '../helpers/json.js';
import {matcher} from '../helpers/matcher.js';

const START = Date.UTC(2025, 5, 2, 9, 30, 0, 250);
const servers: DemoServer[] = [];

afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

async function start(options: DemoServerOptions = {}) {
	let time = START;
	const clock = {now: () => time, tick: (ms: number) => void (time += ms)};
	const simulation = createSimulation({seed: 7, size: options.size ?? 30, now: clock.now, churnPerMinute: 0});
	const server = await startDemoServer({...options, simulation});
	servers.push(server);
	return {server, simulation, clock};
}

function call(server: DemoServer, path: string, init: RequestInit = {}) {
	return fetch(`${server.url}${path}`, {
		...init,
		headers: {authorization: `Bearer ${server.apiKey}`, ...(init.headers as Record<string, string>)},
	});
}

/** A page whose records drifted on purpose: their fields are read as unknowns. */
type DriftedPage = {connections: Array<{id: unknown} & JsonObject>};

async function getJson<T = unknown>(server: DemoServer, path: string, init: RequestInit = {}) {
	const response = await call(server, path, init);
	return {response, body: await readJson<T>(response)};
}

function ids<Id>(body: {connections: ReadonlyArray<{id: Id}>}): Id[] {
	return body.connections.map(record => record.id);
}

function isPlainObject(value: unknown): boolean {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

describe('drift', () => {
	it('strings: every number arrives as a string', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'drift', variant: 'strings'}}]});
		const before = simulation.list();
		const {body} = await getJson<DriftedPage>(server, '/v1/environments');
		const online = body.connections.filter(record => record.connectionId !== null);
		expect(online.length).toBeGreaterThan(0);
		for (const record of online) {
			expect(typeof record.lastHeartbeat).toBe('string');
			expect(record.lastHeartbeat).toMatch(/^\d{13}$/);
		}

		for (const record of body.connections) {
			expect(typeof record.firstSeenAt).toBe('string');
			expect(typeof record.lastSeenAt).toBe('string');
		}

		const one = await getJson<JsonObject>(server, `/v1/environments/${before[0]!.deviceId}`);
		expect(typeof one.body.firstSeenAt).toBe('string');
		expect(simulation.list()).toEqual(before);
	});

	it('missing: optional fields and metadata keys go, id and deviceId stay', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'drift', variant: 'missing'}}]});
		const before = simulation.list();
		const {body} = await getJson<DriftedPage>(server, '/v1/environments');
		expect(ids(body)).toEqual(before.map(record => record.id));
		for (const record of body.connections) {
			expect(record.deviceId).toEqual(expect.any(String));
			expect(record).not.toHaveProperty('currentMode');
			expect(record).not.toHaveProperty('userId');
			expect(record).not.toHaveProperty('apiKeyOwner');
			expect(Object.keys(record.metadata ?? {})).toEqual([]);
		}

		expect(body.connections.some(record => Object.keys(record).length === 2)).toBe(true);
		expect(simulation.list()).toEqual(before);
	});

	it('extra: unknown top-level and metadata fields are added', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'drift', variant: 'extra'}}]});
		const before = simulation.list();
		const {body} = await getJson<DriftedPage>(server, '/v1/environments');
		body.connections.forEach((record, index) => {
			expect(record).toMatchObject({...before[index], metadata: matcher.any(Object)});
			expect(record).toHaveProperty('region');
			expect(record.metadata).toMatchObject({...before[index]!.metadata, shell: 'zsh'});
		});
		expect(simulation.list()).toEqual(before);
	});

	it('wrong-types: fields arrive with the wrong JSON types', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'drift', variant: 'wrong-types'}}]});
		const before = simulation.list();
		const {body} = await getJson<DriftedPage>(server, '/v1/environments');
		for (const record of body.connections) {
			expect(typeof record.connectionName).toBe('number');
			expect(isPlainObject(record.lastHeartbeat)).toBe(true);
			expect(typeof field(record, 'metadata', 'supported_commands')).toBe('string');
			expect(typeof field(record, 'metadata', 'self_update')).toBe('string');
		}

		expect(simulation.list()).toEqual(before);
	});

	it('metadata-not-object: metadata is a string or an array', async () => {
		const {server, simulation} = await start({
			faults: [{fault: {kind: 'drift', variant: 'metadata-not-object'}, route: 'get'}],
		});
		const before = simulation.list();
		for (const record of before.slice(0, 4)) {
			const {body} = await getJson<JsonObject>(server, `/v1/environments/${record.deviceId}`);
			expect(body.id).toBe(record.id);
			expect(isPlainObject(body.metadata)).toBe(false);
			expect(typeof body.metadata === 'string' || Array.isArray(body.metadata)).toBe(true);
		}

		// The rule names 'get': the list is untouched.
		const {body} = await getJson<Page>(server, '/v1/environments');
		expect(body.connections).toEqual(before);
		expect(simulation.list()).toEqual(before);

		server.faults.clear();
		server.faults.add({fault: {kind: 'drift', variant: 'metadata-not-object'}});
		const page = await getJson<DriftedPage>(server, '/v1/environments?limit=4');
		expect(
			page.body.connections.map(record => (Array.isArray(record.metadata) ? 'array' : typeof record.metadata)),
		).toEqual(['string', 'array', 'string', 'array']);
		expect(simulation.list()).toEqual(before);
	});
});

describe('paging faults', () => {
	it('stuck-cursor: the page after the first cursor comes back forever', async () => {
		const {server} = await start({faults: [{fault: {kind: 'stuck-cursor'}}]});
		const first = await getJson<Page>(server, '/v1/environments?limit=7');
		expect(first.body.hasNextPage).toBe(true);
		const second = await getJson<Page>(server, `/v1/environments?limit=7&after=${ids(first.body).at(-1)}`);
		const third = await getJson<Page>(server, `/v1/environments?limit=7&after=${ids(second.body).at(-1)}`);
		expect(ids(second.body)).not.toEqual(ids(first.body));
		expect(third.body).toEqual(second.body);
		expect(third.body.hasNextPage).toBe(true);
		// Even past the end of the fleet.
		const last = await getJson(server, '/v1/environments?limit=7&after=env-999999');
		expect(last.body).toEqual(second.body);
	});

	it('huge-page: limit is ignored and the whole fleet comes in one page', async () => {
		const {server, simulation} = await start({size: 130, faults: [{fault: {kind: 'huge-page'}}]});
		const {body} = await getJson<Page>(server, '/v1/environments?limit=5');
		expect(ids(body)).toEqual(simulation.list().map(record => record.id));
		expect(body.connections).toHaveLength(130);
		expect(body.hasNextPage).toBe(false);
		// Filters still apply.
		const online = await getJson<Page>(server, '/v1/environments?limit=5&onlineOnly=true');
		expect(ids(online.body)).toEqual(
			simulation
				.list()
				.filter(record => record.connectionId !== null)
				.map(record => record.id),
		);
	});
});

describe('hostile-strings', () => {
	it('puts terminal attacks in every string field, still as JSON, without touching the simulation', async () => {
		const {server, simulation} = await start({size: 40, faults: [{fault: {kind: 'hostile-strings'}}]});
		const before = simulation.list();
		const response = await call(server, '/v1/environments');
		const text = await response.text();
		const body = parseJson<Page>(text);
		expect(ids(body)).toEqual(before.map(record => record.id));
		const names = body.connections.map(record => record.connectionName);
		expect(names.some(name => name.includes('\u001b') && name.includes('\u0007'))).toBe(true);
		body.connections.forEach((record, index) => {
			const clean = before[index]!;
			expect(record.deviceId).toBe(clean.deviceId);
			expect(record.connectionName).not.toBe(clean.connectionName);
			// A local proxy's synthetic rows carry no metadata to poison.
			if (clean.metadata?.workingDirectory !== undefined) {
				expect(record.metadata?.workingDirectory).not.toBe(clean.metadata.workingDirectory);
			}
		});
		// Across the fleet, every attack shows up somewhere.
		for (const attack of HOSTILE_ATTACKS) {
			expect(text.includes(JSON.stringify(attack).slice(1, -1))).toBe(true);
		}

		// The same record reads the same on every request.
		const again = (await getJson(server, '/v1/environments')).body;
		expect(again).toEqual(body);
		// GET by deviceId answers the machine's first record.
		const first = before.findIndex(
			record => simulation.get(record.deviceId)?.id === record.id && record.connectionId !== null,
		);
		const one = await getJson(server, `/v1/environments/${before[first]!.deviceId}`);
		expect(one.body).toEqual(body.connections[first]);
		const missing = await getJson<ErrorJson>(server, '/v1/environments/no-such-device');
		expect(missing.response.status).toBe(404);
		expect(missing.body.message).not.toMatch(/^[\u0020-\u007e]*$/);
		expect(simulation.list()).toEqual(before);
	});
});

describe('which requests a rule applies to', () => {
	it('page=2 applies only to the second page of a pass', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'status', status: 500}, page: 2}]});
		const all = simulation.list().map(record => record.id);
		for (let pass = 0; pass < 2; pass++) {
			expect((await call(server, '/v1/environments?limit=7')).status).toBe(200);
			expect((await call(server, `/v1/environments?limit=7&after=${all[6]}`)).status).toBe(500);
			expect((await call(server, `/v1/environments?limit=7&after=${all[13]}`)).status).toBe(200);
			// A cursor inside page 2's range still means the second page.
			expect((await call(server, `/v1/environments?limit=7&after=${all[9]}`)).status).toBe(500);
		}

		// Pages are counted in the filtered fleet, with the page size asked for.
		const online = simulation
			.list()
			.filter(record => record.connectionId !== null)
			.map(record => record.id);
		expect((await call(server, `/v1/environments?onlineOnly=true&limit=3&after=${online[2]}`)).status).toBe(500);
		expect((await call(server, `/v1/environments?onlineOnly=true&limit=3&after=${online[5]}`)).status).toBe(200);
		// A device read is not a page of a list pass.
		expect((await call(server, '/v1/environments/no-such-device')).status).toBe(404);
	});

	it('times=2 is spent after two matching requests', async () => {
		const {server} = await start({faults: [{fault: {kind: 'status', status: 503}, route: 'list', times: 2}]});
		expect(server.faults.rules()).toEqual([{fault: {kind: 'status', status: 503}, route: 'list', times: 2}]);
		// Requests the rule does not match do not spend it.
		expect((await call(server, '/v1/environments/no-such-device')).status).toBe(404);
		expect((await call(server, '/v1/environments')).status).toBe(503);
		expect(server.faults.rules()[0]?.times).toBe(1);
		expect((await call(server, '/v1/environments')).status).toBe(503);
		expect(server.faults.rules()).toEqual([]);
		expect((await call(server, '/v1/environments')).status).toBe(200);
		expect(server.requests()).toBe(4);
	});

	it('route get does not touch the list', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'status', status: 500}, route: 'get'}]});
		expect((await call(server, '/v1/environments')).status).toBe(200);
		expect((await call(server, `/v1/environments/${simulation.list()[0]!.deviceId}`)).status).toBe(500);
	});

	it('the first matching rule wins; clear() removes them all', async () => {
		const {server} = await start();
		server.faults.add({fault: {kind: 'status', status: 429}, route: 'get'});
		server.faults.add({fault: {kind: 'status', status: 502}});
		server.faults.add({fault: {kind: 'status', status: 503}});
		expect((await call(server, '/v1/environments/x')).status).toBe(429);
		expect((await call(server, '/v1/environments')).status).toBe(502);
		server.faults.clear();
		expect(server.faults.rules()).toEqual([]);
		expect((await call(server, '/v1/environments')).status).toBe(200);
	});

	it('a list-only fault on route any is not spent on a device read', () => {
		const injector = createFaultInjector([{fault: {kind: 'huge-page'}, times: 1}]);
		expect(injector.match({route: 'get'})).toBeUndefined();
		expect(injector.match({route: 'list', page: () => 1})).toEqual({kind: 'huge-page'});
		expect(injector.rules()).toEqual([]);
	});

	it('refuses rules that cannot be applied', () => {
		const injector = createFaultInjector();
		expect(() => injector.add({fault: {kind: 'status', status: 99}})).toThrow(/100-599/);
		expect(() => injector.add({fault: {kind: 'delay', ms: -1}})).toThrow(/delay/);
		expect(() => injector.add({fault: {kind: 'hang'}, page: 0})).toThrow(/page/);
		expect(() => injector.add({fault: {kind: 'hang'}, times: 1.5})).toThrow(/times/);
		expect(() => injector.add({fault: {kind: 'status', status: 503, retryAfter: '1\r\nx: y'}})).toThrow(
			/retry-after/,
		);
	});
});

describe('parseFaultSpec', () => {
	const examples: Array<[string, FaultRule]> = [
		['503', {fault: {kind: 'status', status: 503}}],
		['429:retry-after=5', {fault: {kind: 'status', status: 429, retryAfter: '5'}}],
		[
			'503:retry-after=Wed, 21 Oct 2026 07:28:00 GMT',
			{fault: {kind: 'status', status: 503, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT'}},
		],
		['401', {fault: {kind: 'status', status: 401}}],
		['403', {fault: {kind: 'status', status: 403}}],
		['404', {fault: {kind: 'status', status: 404}}],
		['500', {fault: {kind: 'status', status: 500}}],
		['delay:2000', {fault: {kind: 'delay', ms: 2000}}],
		['hang', {fault: {kind: 'hang'}}],
		['reset', {fault: {kind: 'reset'}}],
		['truncate', {fault: {kind: 'truncate'}}],
		['not-json', {fault: {kind: 'not-json'}}],
		['drift:strings', {fault: {kind: 'drift', variant: 'strings'}}],
		['drift:metadata-not-object', {fault: {kind: 'drift', variant: 'metadata-not-object'}}],
		['stuck-cursor', {fault: {kind: 'stuck-cursor'}}],
		['huge-page', {fault: {kind: 'huge-page'}}],
		['hostile-strings', {fault: {kind: 'hostile-strings'}}],
		['500@page=2', {fault: {kind: 'status', status: 500}, page: 2}],
		['500@list*3', {fault: {kind: 'status', status: 500}, route: 'list', times: 3}],
		['hang@get', {fault: {kind: 'hang'}, route: 'get'}],
		[
			'503:retry-after=Wed, 21 Oct 2026 07:28:00 GMT:code=deploying@list@page=3*2',
			{
				fault: {
					kind: 'status',
					status: 503,
					retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT',
					errorCode: 'deploying',
				},
				route: 'list',
				page: 3,
				times: 2,
			},
		],
		[
			'500:message=db down, try later:retryable=true',
			{fault: {kind: 'status', status: 500, message: 'db down, try later', retryable: true}},
		],
		['bomb', {fault: {kind: 'bomb', encoding: 'gzip'}}],
		['bomb:br@list*2', {fault: {kind: 'bomb', encoding: 'br'}, route: 'list', times: 2}],
		['endless', {fault: {kind: 'endless'}}],
		['html', {fault: {kind: 'html', status: 403}}],
		['html:200', {fault: {kind: 'html', status: 200}}],
		['redirect', {fault: {kind: 'redirect', status: 302}}],
		['redirect:308@get', {fault: {kind: 'redirect', status: 308}, route: 'get'}],
	];

	it.each(examples)('reads %s', (spec, rule) => {
		expect(parseFaultSpec(spec)).toEqual(rule);
		expect(parseFaultSpec(formatFaultRule(rule))).toEqual(rule);
	});

	it.each([
		['banana', /unknown fault "banana"/],
		['999', /999 is outside 100-599/],
		['delay:abc', /delay needs milliseconds/],
		['delay', /delay needs milliseconds/],
		['@page=0', /missing the fault kind/],
		['500@page=0', /page .*>= 1, got "0"/],
		['500*0', /times .*>= 1/],
		['500@sometimes', /unknown "@sometimes"/],
		['drift:sideways', /drift needs one of/],
		['hang:5', /hang takes no arguments/],
		['429:retry-after=', /retry-after/],
		['429:wait=5', /unknown argument "wait"/],
		['bomb:zstd', /bomb takes gzip or br/],
		['endless:5', /endless takes no arguments/],
		['html:abc', /html takes a status/],
		['html:99', /html takes a status 200-599/],
		['redirect:200', /redirect takes a status 300-399/],
		['redirect:301:302', /redirect takes a status, e.g. redirect:302, got "301:302"/],
		['', /missing the fault kind/],
	])('refuses %j with a one-line reason', (spec, reason) => {
		let message = '';
		try {
			parseFaultSpec(spec);
		} catch (error) {
			message = (error as Error).message;
		}

		expect(message).toMatch(reason);
		expect(message).toMatch(/^Invalid fault "/);
		expect(message).not.toContain('\n');
	});

	it('documents the grammar for --help', () => {
		expect(FAULT_SPEC_HELP).toContain('KIND[:ARG…][@list|@get][@page=N][*TIMES]');
		expect(FAULT_SPEC_HELP).not.toContain('\n');
	});
});

describe('runServeDemo with faults', () => {
	it('prints the active faults after the key line, and applies them', async () => {
		let text = '';
		const out = new Writable({
			write(chunk, _encoding, done) {
				text += String(chunk);
				done();
			},
		});
		const faults = ['503:retry-after=Wed, 21 Oct 2026 07:28:00 GMT@list*1', 'delay:200'].map(parseFaultSpec);
		const server = await runServeDemo({size: 5, seed: 1, faults}, out);
		servers.push(server);
		expect(text.split('\n').slice(2, 5)).toEqual([
			'  LETTA_API_KEY=demo',
			'  faults: 503:retry-after=Wed, 21 Oct 2026 07:28:00 GMT@list*1; delay:200',
			'Press Ctrl-C to stop.',
		]);
		const response = await call(server, '/v1/environments');
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe('Wed, 21 Oct 2026 07:28:00 GMT');
		await response.body?.cancel();
	});
});
