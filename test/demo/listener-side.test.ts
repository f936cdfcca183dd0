/**
 * The demo server's listener side, spoken as a real Letta Code listener speaks it
 * (register over HTTP, then a WebSocket with pings), with the `ws` client over real
 * HTTP; what it does is judged from GET /v1/environments, as a monitor sees it.
 */
import {afterEach, describe, expect, it} from 'vitest';
import WebSocket from 'ws';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {createSimulation, type Page, type RawConnection} from '../../src/demo/simulation.js';
import {parseJson, readJson, wsText, type JsonObject, type RegisteredJson} from '../helpers/json.js';

const START = Date.UTC(2026, 10, 29, 9, 30, 0, 0);
const servers: DemoServer[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
	for (const socket of sockets.splice(0)) {
		socket.terminate();
	}

	await Promise.all(servers.splice(0).map(server => server.close()));
});

/** What Letta Code 0.32.18 sends to register (observed), trimmed of the longer lists. */
function registration(deviceId: string, connectionName = 'alpha', listenerInstanceId = 'server-8ed3f6ad685b959e') {
	return {
		deviceId,
		listenerInstanceId,
		connectionName,
		metadata: {
			lettaCodeVersion: '0.32.18',
			os: 'linux',
			nodeVersion: 'v24.21.0',
			environmentMessageProtocol: 'v2-input',
			supportsPairedListenerGenerations: true,
			supported_commands: ['doctor', 'compact', 'upgrade-letta-code'],
			self_update: {
				supported: false,
				writable: false,
				reason: 'Self-update is disabled for development/source checkouts.',
			},
		},
	};
}

/** update_device_status as Letta Code 0.32.18 sends it (observed), trimmed of fields the server ignores. */
function deviceStatus(cwd: string, branch: string | null, mode: string) {
	return JSON.stringify({
		type: 'update_device_status',
		device_status: {
			current_connection_id: 'conn-x',
			connection_name: 'alpha',
			is_online: true,
			current_permission_mode: mode,
			current_working_directory: cwd,
			git_context: branch === null ? null : {branch, recent_branches: []},
			letta_code_version: null,
		},
		runtime: {agent_id: 'agent-letta-fleet-demo', conversation_id: 'default'},
		event_seq: 1,
		emitted_at: new Date(START).toISOString(),
		idempotency_key: 'update_device_status:1:x',
	});
}

async function start(churnPerMinute = 0) {
	let time = START;
	const clock = {now: () => time, tick: (ms: number) => void (time += ms)};
	const simulation = createSimulation({seed: 7, size: 12, now: clock.now, churnPerMinute});
	const server = await startDemoServer({simulation});
	servers.push(server);
	return {server, simulation, clock};
}

async function register(server: DemoServer, body: unknown, key = server.apiKey) {
	const response = await fetch(`${server.url}/v1/environments/register`, {
		method: 'POST',
		headers: {authorization: `Bearer ${key}`, 'content-type': 'application/json'},
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return {status: response.status, body: await readJson<RegisteredJson>(response)};
}

async function list(server: DemoServer): Promise<RawConnection[]> {
	const response = await fetch(`${server.url}/v1/environments?limit=100`, {
		headers: {authorization: `Bearer ${server.apiKey}`},
	});
	return (await readJson<Page>(response)).connections;
}

async function record(server: DemoServer, deviceId: string, listenerInstanceId = 'server-8ed3f6ad685b959e') {
	return (await list(server)).find(
		item => item.deviceId === deviceId && item.listenerInstanceId === listenerInstanceId,
	);
}

/** Polls the list until `check` holds: socket closes reach the server a moment after the client. */
async function until(server: DemoServer, check: (records: RawConnection[]) => boolean, what: string) {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const records = await list(server);
		if (check(records)) {
			return records;
		}

		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}

		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

/** A frame the server sends a listener (`pong`, `sync`...): its other fields are read loosely. */
type Frame = {type: unknown} & JsonObject;

type Client = {
	socket: WebSocket;
	/** The next text frame from the server, parsed: a JSON object with a `type`. */
	next(): Promise<Frame>;
	closed: Promise<{code: number; reason: string}>;
};

/** Opens the listener socket as Letta Code does: Bearer key, deviceId and connectionName in the query. */
function connect(wsUrl: string, key = 'demo'): Promise<Client> {
	const url = new URL(wsUrl);
	url.searchParams.set('deviceId', 'd');
	url.searchParams.set('connectionName', 'alpha');
	const socket = new WebSocket(url, {headers: {authorization: `Bearer ${key}`}});
	sockets.push(socket);
	const queue: Frame[] = [];
	const waiting: Array<(message: Frame) => void> = [];
	socket.on('message', data => {
		const message = parseJson<Frame>(wsText(data));
		const waiter = waiting.shift();
		if (waiter) {
			waiter(message);
		} else {
			queue.push(message);
		}
	});
	const closed = new Promise<{code: number; reason: string}>(resolve =>
		socket.on('close', (code, reason) => resolve({code, reason: String(reason)})),
	);
	const client: Client = {
		socket,
		next: () =>
			queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise(resolve => waiting.push(resolve)),
		closed,
	};
	return new Promise((resolve, reject) => {
		socket.once('open', () => resolve(client));
		socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
		socket.once('error', reject);
	});
}

/** Sends a ping and waits for its pong; frames are handled in order, so whatever was sent before has been read. */
async function ping(client: Client) {
	client.socket.send(JSON.stringify({type: 'ping'}));
	for (;;) {
		const message = await client.next();
		if (message.type === 'pong') {
			return;
		}
	}
}

describe('the listener side of the demo server', () => {
	it('lists a registered listener online with what it sent while its socket is open, and offline once it closes', async () => {
		const {server, clock} = await start();
		const before = await list(server);
		const {status, body} = await register(server, registration('dev-1'));
		expect(status).toBe(200);
		expect(Object.keys(body).sort()).toEqual(['connectionId', 'wsUrl']);
		expect(body.wsUrl.startsWith(`${server.url.replace('http', 'ws')}/v1/environments/`)).toBe(true);

		clock.tick(1000);
		const client = await connect(body.wsUrl);
		const records = await list(server);
		expect(records).toHaveLength(before.length + 1);
		// A new listener's id sorts after every other, so it is the last row.
		const listener = records.at(-1)!;
		expect(listener.id > before.at(-1)!.id).toBe(true);
		expect(listener).toMatchObject({
			deviceId: 'dev-1',
			listenerInstanceId: 'server-8ed3f6ad685b959e',
			connectionName: 'alpha',
			connectionId: body.connectionId,
			connectedAt: START + 1000,
			lastHeartbeat: START + 1000,
			metadata: registration('dev-1').metadata,
		});
		expect(listener.podId).toMatch(/^pod-/);

		client.socket.close();
		await client.closed;
		const offline = await until(
			server,
			all => all.some(item => item.id === listener.id && item.connectionId === null),
			'the listener to go offline',
		);
		expect(offline.find(item => item.id === listener.id)).toMatchObject({
			connectionId: null,
			podId: null,
			connectedAt: null,
			lastHeartbeat: null,
			connectionName: 'alpha',
		});
	});

	it("answers each ping with a pong, and takes the listener's heartbeats from its pings only", async () => {
		const {server, clock} = await start(600);
		const {body} = await register(server, registration('dev-2'));
		const client = await connect(body.wsUrl);
		const opened = (await record(server, 'dev-2'))!;

		// Without pings, time passes (and churns the rest of the fleet) but the listener's heartbeat stays where it
		// was.
		clock.tick(90_000);
		const quiet = (await record(server, 'dev-2'))!;
		expect(quiet).toEqual(opened);

		await ping(client);
		const beat = (await record(server, 'dev-2'))!;
		expect(beat.lastHeartbeat).toBe(START + 90_000);
		expect(beat.lastSeenAt).toBe(START + 90_000);
		expect(beat.connectionId).toBe(body.connectionId);
		expect(beat.connectedAt).toBe(opened.connectedAt);

		clock.tick(30_000);
		await ping(client);
		expect((await record(server, 'dev-2'))!.lastHeartbeat).toBe(START + 120_000);
	});

	it('asks the listener for its device status on connect and shows the working directory, branch and mode it reports', async () => {
		const {server} = await start();
		const {body} = await register(server, registration('dev-3'));
		const client = await connect(body.wsUrl);
		const asked = await client.next();
		expect(asked).toMatchObject({type: 'sync', force_device_status: true, runtime: {conversation_id: 'default'}});

		client.socket.send(deviceStatus('/home/maya/src/api-server', 'feat/fleet', 'acceptEdits'));
		await ping(client);
		expect(await record(server, 'dev-3')).toMatchObject({
			currentMode: 'acceptEdits',
			metadata: {
				workingDirectory: '/home/maya/src/api-server',
				gitBranch: 'feat/fleet',
				lettaCodeVersion: '0.32.18',
			},
		});

		// Leaving the git checkout: no branch any more.
		client.socket.send(deviceStatus('/tmp', null, 'unrestricted'));
		await ping(client);
		const moved = (await record(server, 'dev-3'))!;
		expect(moved.metadata?.workingDirectory).toBe('/tmp');
		expect(moved.metadata).not.toHaveProperty('gitBranch');
		expect(moved.currentMode).toBe('unrestricted');
	});

	it('keeps the connectionId across a reconnect on the same session, and moves connectedAt', async () => {
		const {server, clock} = await start();
		const {body} = await register(server, registration('dev-4'));
		const first = await connect(body.wsUrl);
		first.socket.terminate();
		await until(
			server,
			all => all.some(item => item.deviceId === 'dev-4' && item.connectionId === null),
			'the drop',
		);

		clock.tick(5000);
		await connect(body.wsUrl);
		expect(await record(server, 'dev-4')).toMatchObject({
			connectionId: body.connectionId,
			connectedAt: START + 5000,
			lastHeartbeat: START + 5000,
		});
	});

	it('replaces a socket when another opens on the same session', async () => {
		const {server} = await start();
		const {body} = await register(server, registration('dev-5'));
		const first = await connect(body.wsUrl);
		const second = await connect(body.wsUrl);
		expect(await first.closed).toEqual({code: 1000, reason: 'Replaced by new connection'});
		await ping(second);
		expect((await record(server, 'dev-5'))!.connectionId).toBe(body.connectionId);
	});

	it('gives the same listener its record back with a new connectionId when it registers again, and forgets the old one', async () => {
		const {server} = await start();
		const first = await register(server, registration('dev-6'));
		const old = await connect(first.body.wsUrl);
		const id = (await record(server, 'dev-6'))!.id;
		const size = (await list(server)).length;

		const again = await register(server, registration('dev-6', 'alpha-renamed'));
		expect(again.body.connectionId).not.toBe(first.body.connectionId);
		expect((await old.closed).code).toBe(1000);
		await connect(again.body.wsUrl);
		const records = await list(server);
		expect(records).toHaveLength(size);
		expect(records.find(item => item.id === id)).toMatchObject({
			connectionId: again.body.connectionId,
			connectionName: 'alpha-renamed',
		});

		// The superseded session is unknown now: the listener must register again.
		const stale = await connect(first.body.wsUrl);
		expect((await stale.closed).code).toBe(1008);
	});

	it('adds a second row for a second listener of the same device', async () => {
		const {server} = await start();
		const a = await register(server, registration('dev-7', 'alpha', 'server-aaaaaaaaaaaaaaaa'));
		const b = await register(server, registration('dev-7', 'beta', 'server-bbbbbbbbbbbbbbbb'));
		await connect(a.body.wsUrl);
		await connect(b.body.wsUrl);
		const rows = (await list(server)).filter(item => item.deviceId === 'dev-7');
		expect(rows.map(row => [row.connectionName, row.listenerInstanceId, row.connectionId])).toEqual([
			['alpha', 'server-aaaaaaaaaaaaaaaa', a.body.connectionId],
			['beta', 'server-bbbbbbbbbbbbbbbb', b.body.connectionId],
		]);
	});

	it('closes a socket for a connectionId it does not know with 1008', async () => {
		const {server} = await start();
		const client = await connect(`${server.url.replace('http', 'ws')}/v1/environments/conn-0123456789abcdef/ws`);
		expect((await client.closed).code).toBe(1008);
	});

	it("answers a register body it cannot read with 400 in the platform's shape", async () => {
		const {server} = await start();
		const size = (await list(server)).length;
		for (const [body, message] of [
			['{"deviceId": ', 'The request body is not valid JSON'],
			['[]', 'The request body must be a JSON object'],
			[{connectionName: 'alpha'}, 'deviceId must be a non-empty string'],
			[{deviceId: 'dev-8'}, 'connectionName must be a non-empty string'],
			[
				{deviceId: 'dev-8', connectionName: 'alpha', metadata: 'linux'},
				'metadata must be an object when present',
			],
		] as const) {
			expect(await register(server, body)).toEqual({status: 400, body: {errorCode: 'invalid_request', message}});
		}

		expect(await list(server)).toHaveLength(size);
		const huge = JSON.stringify({...registration('dev-8'), metadata: {padding: 'x'.repeat(100_000)}});
		expect(await register(server, huge)).toEqual({
			status: 413,
			body: {errorCode: 'payload_too_large', message: 'The request body is larger than 65536 bytes'},
		});
		expect((await register(server, huge, 'wrong')).status).toBe(401);
	});

	it('refuses a wrong key, to register and to open a socket', async () => {
		const {server} = await start();
		expect(await register(server, registration('dev-9'), 'wrong')).toEqual({
			status: 401,
			body: {errorCode: 'unauthorized', message: 'Invalid or missing API key'},
		});
		const {body} = await register(server, registration('dev-9'));
		await expect(connect(body.wsUrl, 'wrong')).rejects.toThrow('HTTP 401');
		expect((await record(server, 'dev-9'))!.connectionId).toBeNull();
	});

	it("closes the listeners' sockets when the demo server closes", async () => {
		const {server} = await start();
		const {body} = await register(server, registration('dev-10'));
		const client = await connect(body.wsUrl);
		await server.close();
		await client.closed;
		expect(client.socket.readyState).toBe(WebSocket.CLOSED);
	});
});
