/**
 * The demo server against hostile listeners, over real HTTP and real WebSockets: a registration
 * nested thousands of levels deep (issue 17: it was accepted, and the next list request's
 * JSON.stringify overflowed the stack and killed serve-demo), a full book of listeners, a reply
 * that cannot be written, and a listener whose message handling throws. Each is answered for
 * that one client, and everyone else is still served.
 */
import {createServer, type Server} from 'node:http';
import {connect} from 'node:net';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import WebSocket from 'ws';
import {MAX_NESTING_DEPTH, MAX_REGISTER_BODY_BYTES, nestingDepth} from '../../src/demo/listener-bounds.js';
import type {ListenerRegistry} from '../../src/demo/listener-registry.js';
import {attachListenerSockets, CLOSE_INTERNAL_ERROR} from '../../src/demo/listener-socket.js';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {readJson, wsText, type RegisteredJson} from '../helpers/json.js';
import {matcher} from '../helpers/matcher.js';

const servers: Array<{close(): Promise<void>}> = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.terminate();
	await Promise.all(servers.splice(0).map(server => server.close()));
});

async function demo(options: Parameters<typeof startDemoServer>[0] = {}): Promise<DemoServer> {
	const server = await startDemoServer({seed: 3, size: 5, churnPerMinute: 0, ...options});
	servers.push(server);
	return server;
}

/** POSTs a registration; the body is read as a registration's answer, and compared whole when refused. */
async function post(server: DemoServer, body: string): Promise<{status: number; body: RegisteredJson}> {
	const response = await fetch(`${server.url}/v1/environments/register`, {
		method: 'POST',
		headers: {authorization: 'Bearer demo', 'content-type': 'application/json'},
		body,
	});
	return {status: response.status, body: await readJson<RegisteredJson>(response)};
}

async function listStatus(server: DemoServer): Promise<{status: number; count: number}> {
	const response = await fetch(`${server.url}/v1/environments?limit=100`, {headers: {authorization: 'Bearer demo'}});
	const body = await readJson<{connections?: unknown[]}>(response);
	return {status: response.status, count: body.connections?.length ?? -1};
}

const registration = (deviceId: string, metadata: unknown = {os: 'linux'}) =>
	JSON.stringify({deviceId, listenerInstanceId: `server-${deviceId}`, connectionName: deviceId, metadata});

describe('the demo server against hostile listeners', () => {
	it('refuses a registration nested 5 000 levels deep (10 KB) with a 400 saying so, and goes on serving the list', async () => {
		const server = await demo();
		const deep = `{"deviceId":"d-deep","connectionName":"deep","metadata":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
		expect(deep.length).toBeLessThan(MAX_REGISTER_BODY_BYTES);
		const refused = await post(server, deep);
		expect(refused.status).toBe(400);
		expect(refused.body).toEqual({
			errorCode: 'invalid_request',
			message: matcher.stringContaining(`deeper than ${MAX_NESTING_DEPTH} levels`),
		});
		expect(await listStatus(server)).toEqual({status: 200, count: 5});
		// A listener nested within the bound is still welcome.
		const nested = `{"deviceId":"d-ok","connectionName":"ok","metadata":{"x":${'['.repeat(MAX_NESTING_DEPTH - 2)}${']'.repeat(MAX_NESTING_DEPTH - 2)}}}`;
		expect((await post(server, nested)).status).toBe(200);
		expect(await listStatus(server)).toEqual({status: 200, count: 6});
	});

	it('answers a reply it cannot write with a 500 for that request alone', async () => {
		const server = await demo();
		// Past the parser (as a `deep` fault or a bug might): a record JSON.stringify overflows on.
		let metadata: Record<string, unknown> = {};
		for (let level = 0; level < 100_000; level++) metadata = {a: metadata};
		const record = server.simulation.registerListener({deviceId: 'd-bad', connectionName: 'bad', metadata});
		const broken = await fetch(`${server.url}/v1/environments?limit=100`, {
			headers: {authorization: 'Bearer demo'},
		});
		expect(broken.status).toBe(500);
		expect(await broken.json()).toMatchObject({errorCode: 'internal_error'});
		const other = server.simulation.list().find(each => each.id !== record.id)!;
		const fine = await fetch(`${server.url}/v1/environments/${encodeURIComponent(other.deviceId)}`, {
			headers: {authorization: 'Bearer demo'},
		});
		expect(fine.status).toBe(200);
	});

	it('answers request targets that are no URL (`//[`) for that request alone, plain and as an upgrade', async () => {
		const server = await demo();
		const raw = (text: string) =>
			new Promise<string>((resolve, reject) => {
				let answer = '';
				const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
				socket
					.on('data', chunk => {
						answer += String(chunk);
						socket.destroy();
						resolve(answer);
					})
					.on('close', () => resolve(answer))
					.on('error', reject);
			});
		for (const method of ['POST', 'GET']) {
			expect(
				await raw(
					`${method} //[ HTTP/1.1\r\nhost: x\r\nauthorization: Bearer demo\r\ncontent-length: 0\r\n\r\n`,
				),
			).toMatch(/^HTTP\/1\.1 (404|500) /);
		}

		expect(
			await raw(
				'GET //[ HTTP/1.1\r\nhost: x\r\nconnection: upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
			),
		).toMatch(/^HTTP\/1\.1 404 /);
		expect(await listStatus(server)).toEqual({status: 200, count: 5});
	});

	it('caps the listeners that may register with a 403 in the platform shape; one registering again still may', async () => {
		const server = await demo({maxListeners: 3});
		for (const id of ['a', 'b', 'c']) expect((await post(server, registration(id))).status).toBe(200);
		const full = await post(server, registration('d'));
		expect(full.status).toBe(403);
		expect(full.body).toEqual({
			errorCode: 'listener_limit_reached',
			message: matcher.stringContaining('3 registered listeners'),
		});
		expect((await post(server, registration('b'))).status).toBe(200);
		expect(await listStatus(server)).toEqual({status: 200, count: 8});
	});

	it('ignores a socket message nested past the bound, and still answers the next ping', async () => {
		const server = await demo();
		const {body} = await post(server, registration('sock'));
		const socket = new WebSocket(body.wsUrl, {headers: {authorization: 'Bearer demo'}});
		sockets.push(socket);
		const frames: string[] = [];
		socket.on('message', data => frames.push(wsText(data)));
		await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
		socket.send(`{"type":"update_device_status","device_status":${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
		socket.send('{"type":"ping"}');
		await expect.poll(() => frames.some(frame => frame.includes('pong'))).toBe(true);
		expect(socket.readyState).toBe(WebSocket.OPEN);
		expect(await listStatus(server)).toEqual({status: 200, count: 6});
	});

	it('closes only the socket whose message handling threw, with 1011, and serves the others', async () => {
		const http: Server = createServer((_request, response) => response.end());
		const registry: ListenerRegistry = {
			register: () => ({full: 0}),
			openSockets: () => 0,
			open: (_id, socket) => ({
				message(text) {
					if (text === 'boom') throw new Error('a bug in one listener');
					socket.send(`echo ${text}`);
				},
				closed() {},
			}),
		};
		const listening = attachListenerSockets(http, {apiKey: 'k', registry});
		await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
		servers.push({
			close: () =>
				new Promise<void>(resolve => {
					listening.close();
					http.close(() => resolve());
					http.closeAllConnections();
				}),
		});
		const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/v1/environments/conn-x/ws`;
		const open = async () => {
			const socket = new WebSocket(url, {headers: {authorization: 'Bearer k'}});
			sockets.push(socket);
			await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
			return socket;
		};

		const bad = await open();
		const good = await open();
		const closed = new Promise<number>(resolve => bad.once('close', code => resolve(code)));
		bad.send('boom');
		expect(await closed).toBe(CLOSE_INTERNAL_ERROR.code);
		const echoed = new Promise<string>(resolve => good.once('message', data => resolve(wsText(data))));
		good.send('hello');
		expect(await echoed).toBe('echo hello');
	});
});

describe('nestingDepth', () => {
	it('counts brackets outside strings only, and stops past the limit', () => {
		expect(nestingDepth('{"a":[1,{"b":2}]}')).toBe(3);
		expect(nestingDepth('{"a":"[[[[\\"[[["}')).toBe(1);
		expect(nestingDepth('['.repeat(1_000_000), 10)).toBe(11);
		expect(nestingDepth('not json')).toBe(0);
	});
});
