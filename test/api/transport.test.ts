import {createServer, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {readBoundedBody} from '../../src/api/body.js';
import {createClient} from '../../src/api/client.js';
import type {ApiError} from '../../src/api/errors.js';
import {RequestAbortedError, RequestTimeoutError, sendGet} from '../../src/api/transport.js';

/** A server whose handler decides what each request gets; every request it saw, its responses kept open. */
type Stalling = {url: string; paths: string[]; open: ServerResponse[]};

const servers: Server[] = [];

async function serve(handler: (response: ServerResponse) => void): Promise<Stalling> {
	const stalling: Stalling = {url: '', paths: [], open: []};
	const server = createServer((request, response) => {
		stalling.paths.push(request.url ?? '');
		stalling.open.push(response);
		handler(response);
	});
	servers.push(server);
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	stalling.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return stalling;
}

afterEach(async () => {
	for (const server of servers.splice(0)) {
		server.closeAllConnections();
		await new Promise(resolve => server.close(resolve));
	}
});

/** Headers and the start of a JSON body, then nothing more: a server stalled mid-body. */
const stallMidBody = (response: ServerResponse) => {
	response.writeHead(200, {'content-type': 'application/json'});
	response.write('{"connections": [');
};

const options = {headers: {accept: 'application/json'}, agent: undefined, signal: undefined, timeoutMs: 5000};

describe('one GET on node:http', () => {
	it('sends the path and query, resolves with the body unread, and leaves no timer once it is read', async () => {
		const server = await serve(response => response.end('{"connections": [], "hasNextPage": false}'));
		// A timeout left behind would hold a one-shot open for --timeout seconds after its output.
		const timers = () => process.getActiveResourcesInfo().filter(resource => resource === 'Timeout').length;
		const before = timers();
		const response = await sendGet(new URL(`${server.url}/v1/environments?limit=5`), options);
		expect(response.statusCode).toBe(200);
		const body = await readBoundedBody(response, {contentLength: undefined, contentEncoding: undefined}, 1024);
		expect(Buffer.from(body).toString()).toBe('{"connections": [], "hasNextPage": false}');
		expect(server.paths).toEqual(['/v1/environments?limit=5']);
		await new Promise(resolve => setImmediate(resolve));
		expect(timers()).toBe(before);
	});

	it('times out a server that never answers', async () => {
		const server = await serve(() => {});
		await expect(sendGet(new URL(server.url), {...options, timeoutMs: 200})).rejects.toBeInstanceOf(
			RequestTimeoutError,
		);
	});

	it('times out the whole request: a body stalled after its headers fails its reader', async () => {
		const server = await serve(stallMidBody);
		const response = await sendGet(new URL(server.url), {...options, timeoutMs: 300});
		await expect(
			readBoundedBody(response, {contentLength: undefined, contentEncoding: undefined}, 1024),
		).rejects.toBeInstanceOf(RequestTimeoutError);
	});

	it('stops at the signal, before sending or while the body comes', async () => {
		const server = await serve(stallMidBody);
		await expect(sendGet(new URL(server.url), {...options, signal: AbortSignal.abort()})).rejects.toBeInstanceOf(
			RequestAbortedError,
		);
		expect(server.paths).toEqual([]);

		const controller = new AbortController();
		const response = await sendGet(new URL(server.url), {...options, signal: controller.signal});
		const reading = readBoundedBody(response, {contentLength: undefined, contentEncoding: undefined}, 1024);
		controller.abort();
		await expect(reading).rejects.toBeInstanceOf(RequestAbortedError);
	});
});

describe('the client says what failed, in words', () => {
	it('a body stalled mid-way is a timeout, with the flag that waits longer', async () => {
		const server = await serve(stallMidBody);
		const client = createClient({baseUrl: server.url, apiKey: 'demo', timeoutMs: 300});
		const error = (await client.listEnvironments({}).catch((caught: unknown) => caught)) as ApiError;
		expect(error.kind).toBe('timeout');
		expect(error.describe()).toContain('the API did not answer within 0.3s');
		expect(error.describe()).toContain('--timeout SECONDS');
	});

	it('a request its caller stopped says so', async () => {
		const server = await serve(stallMidBody);
		const client = createClient({baseUrl: server.url, apiKey: 'demo'});
		const controller = new AbortController();
		const listing = client.listEnvironments({}, controller.signal).catch((caught: unknown) => caught);
		await new Promise(resolve => setTimeout(resolve, 50));
		controller.abort();
		expect(((await listing) as ApiError).describe()).toContain('request aborted');
	});

	it('a refused connection names the host and port', async () => {
		const server = await serve(() => {});
		const {url} = server;
		for (const held of servers.splice(0)) await new Promise(resolve => held.close(resolve));
		const client = createClient({baseUrl: url, apiKey: 'demo'});
		const error = (await client.listEnvironments({}).catch((caught: unknown) => caught)) as ApiError;
		expect(error.describe()).toMatch(/connection refused by 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
	});
});
