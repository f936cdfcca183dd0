/**
 * The exporter's HTTP server under load and slow clients, over real sockets: a 1 000-listener
 * exposition rendered once per poll and format however many scrapes come at once, /healthz
 * answered among them, the connection cap, a client that never finishes its headers, and
 * /healthz's 503 once polling has halted.
 */
import {connect, type Socket} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {createExposition} from '../../src/exporter/exposition.js';
import {type ExporterTelemetry, familySamples} from '../../src/exporter/families.js';
import {type ExporterServer, type Health, startExporterServer} from '../../src/exporter/http.js';
import {EXPORTER_LIMITS} from '../../src/exporter/limits.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';
import {waitFor} from '../helpers/wait.js';
import {matcher} from '../helpers/matcher.js';

const TELEMETRY: ExporterTelemetry = {
	events: new Map(),
	disconnects: new Map(),
	requests: new Map([['success', 1]]),
	retries: new Map(),
	lastPollMs: 12,
};
const OPENMETRICS = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5';
const HEALTHY: Health = {apiUp: true, lastSuccessAt: T0, halted: false, errorKind: null};

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
	for (const step of cleanup.reverse()) await step();
	cleanup = [];
});

function fleetOf(size: number) {
	const raws = Array.from({length: size}, (_, index) =>
		rawConnection({id: `env-${index}`, deviceId: `device-${index}`, connectionName: `listener-${index}`}),
	);
	return fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot: snapshotOf(raws)});
}

async function serve(size: number, health: () => Health = () => HEALTHY, limits = EXPORTER_LIMITS) {
	const state = fleetOf(size);
	let reads = 0;
	const exposition = createExposition(() => {
		reads++;
		return familySamples(state, TELEMETRY, T0, {perEnvironment: true});
	});
	const server: ExporterServer = await startExporterServer('127.0.0.1', 0, exposition, health, limits);
	cleanup.push(() => server.close());
	return {server, exposition, reads: () => reads};
}

async function get(url: string, accept?: string) {
	const response = await fetch(url, accept ? {headers: {accept}} : {});
	return {status: response.status, body: await response.text()};
}

function rawSocket(server: ExporterServer): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const socket = connect(server.port, '127.0.0.1', () => resolve(socket)).once('error', reject);
		cleanup.push(() => socket.destroy());
	});
}

describe('the exporter under parallel scrapes', () => {
	it('renders a 1 000-listener fleet once per poll and format under 100 parallel scrapes, and answers /healthz among them', async () => {
		const {server, exposition, reads} = await serve(1000);
		const scrapes = Array.from({length: 100}, (_, index) =>
			get(`${server.url}/metrics`, index % 2 === 0 ? undefined : OPENMETRICS),
		);
		const health = get(`${server.url}/healthz`);
		const bodies = await Promise.all(scrapes);
		expect((await health).status).toBe(200);
		expect(bodies.every(({status}) => status === 200)).toBe(true);
		expect(bodies[0]!.body.match(/^letta_environment_info\{/gm)).toHaveLength(1000);
		expect(bodies[1]!.body).toMatch(/# EOF\n$/);
		expect(exposition.renders()).toBe(2);
		expect(reads()).toBe(1);

		// The next poll: the same again, once per format.
		exposition.refresh();
		await Promise.all(
			Array.from({length: 100}, (_, index) =>
				get(`${server.url}/metrics`, index % 2 === 0 ? undefined : OPENMETRICS),
			),
		);
		expect(exposition.renders()).toBe(4);
		expect(reads()).toBe(2);
	});

	it('answers one connection over the cap with a quick 503, and takes new ones once a slot is free', async () => {
		const {server} = await serve(3, () => HEALTHY, {...EXPORTER_LIMITS, maxConnections: 3});
		const held = await Promise.all([rawSocket(server), rawSocket(server), rawSocket(server)]);
		await waitFor(() => server.connections() === 3, 'three connections held');
		const over = await get(`${server.url}/healthz`);
		expect(over.status).toBe(503);
		expect(over.body).toBe('letta-fleet exporter: too many connections (3 open); try again\n');

		held[0].destroy();
		await waitFor(() => server.connections() === 2, 'a slot freed');
		expect((await get(`${server.url}/healthz`)).status).toBe(200);
	});

	it('lets go of a client that never finishes its headers, with a 408, freeing its slot', async () => {
		const {server} = await serve(3, () => HEALTHY, {
			...EXPORTER_LIMITS,
			headersTimeoutMs: 200,
			requestTimeoutMs: 300,
			checkIntervalMs: 50,
		});
		const slow = await rawSocket(server);
		let answer = '';
		slow.on('data', chunk => (answer += String(chunk)));
		const closed = new Promise(resolve => slow.once('close', resolve));
		slow.write('GET /metrics HTTP/1.1\r\nhost: x\r\n');
		await closed;
		expect(answer).toMatch(/^HTTP\/1\.1 408 /);
		await waitFor(() => server.connections() === 0, 'the slot freed');
	});

	it('says 503 on /healthz while polling has halted, with the error kind and what to do, and 200 again after', async () => {
		let health: Health = {apiUp: false, lastSuccessAt: null, halted: true, errorKind: 'unauthorized'};
		const {server} = await serve(3, () => health);
		const halted = await get(`${server.url}/healthz`);
		expect(halted.status).toBe(503);
		expect(JSON.parse(halted.body)).toMatchObject({
			status: 'halted',
			apiUp: false,
			error: 'unauthorized',
			message: matcher.stringContaining('restart the exporter'),
		});
		health = HEALTHY;
		expect((await get(`${server.url}/healthz`)).status).toBe(200);
	});
});
