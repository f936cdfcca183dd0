/**
 * `letta-fleet exporter` in-process over real sockets: the demo server's API polled by the
 * exporter's poller, /metrics and /healthz fetched over HTTP, a listener disconnected through the
 * simulation's control API, and a failing API seen as letta_fleet_api_up 0.
 */
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {parseFaultSpec} from '../../src/demo/faults.js';
import {type DemoServer, startDemoServer} from '../../src/demo/server.js';
import type {StopSignal} from '../../src/process/exit-status.js';
import {createTelemetry} from '../../src/exporter/telemetry.js';
import {POLLING_RETRY_POLICY} from '../../src/fleet/retry.js';
import {runExporter} from '../../src/modes/exporter.js';
import type {Io} from '../../src/modes/io.js';
import {parseOptions} from '../../src/config/options.js';
import {openFleetSource} from '../../src/source.js';
import {ROOT} from '../helpers/cli.js';
import {lettaHome} from '../helpers/letta-home.js';
import {waitFor} from '../helpers/wait.js';
import {promised} from '../helpers/promised.js';

const KEY = 'sk-let-exporter-test-secret';
const EMPTY_HOME = path.join(ROOT, 'test', 'fixtures', 'empty-home');

type Running = {url: string; stdout: () => string; stderr: () => string; stop: (signal: StopSignal) => Promise<number>};
let cleanup: Array<() => Promise<unknown>> = [];

afterEach(async () => {
	for (const step of cleanup.reverse()) await step();
	cleanup = [];
});

async function demo(): Promise<DemoServer> {
	const server = await startDemoServer({seed: 11, size: 12, churnPerMinute: 0, apiKey: KEY});
	cleanup.push(() => server.close());
	return server;
}

async function startExporter(
	server: DemoServer,
	extra: string[] = [],
	env: Record<string, string> = {LETTA_API_KEY: KEY, HOME: EMPTY_HOME},
): Promise<Running> {
	const options = parseOptions([
		'exporter',
		'--base-url',
		server.url,
		'--listen',
		'127.0.0.1:0',
		'--interval',
		'1',
		// History has tests of its own (test/history); these read only what the exporter serves.
		'--no-history',
		...extra,
	]);
	const telemetry = createTelemetry();
	const source = await openFleetSource(options, env, POLLING_RETRY_POLICY, telemetry.wrapClient);
	let out = '';
	let err = '';
	const stdout = new PassThrough().on('data', chunk => (out += String(chunk)));
	const stderr = new PassThrough().on('data', chunk => (err += String(chunk)));
	let signal: (value: StopSignal) => void = () => {};
	const io: Io = {
		stdout,
		stderr,
		stdin: new PassThrough(),
		env: {},
		columns: undefined,
		isTTY: false,
		stopSignal: new Promise(resolve => (signal = resolve)),
	};
	const run = runExporter(options, source, telemetry, io).finally(() => source.close());
	let stopped = false;
	const stop = async (value: StopSignal) => {
		stopped = true;
		signal(value);
		return run;
	};

	cleanup.push(async () => !stopped && stop('SIGTERM'));
	const url = await waitFor(
		() => /→ (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(out)?.[1],
		'the exporter to print its URL',
	);
	return {url, stdout: () => out, stderr: () => err, stop};
}

async function get(
	url: string,
	headers: Record<string, string> = {},
): Promise<{status: number; type: string; body: string}> {
	const response = await fetch(url, {headers});
	return {status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text()};
}

/** Polls /metrics until `probe` accepts the body (each fetch is a real scrape). */
async function scrapeUntil(url: string, probe: (body: string) => boolean, what: string): Promise<string> {
	let last = '';
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		last = (await get(`${url}/metrics`)).body;
		if (probe(last)) return last;
		await new Promise(resolve => setTimeout(resolve, 100));
	}

	throw new Error(`timed out waiting for ${what}; last scrape:\n${last.slice(0, 3000)}`);
}

/** The sample line, not its HELP line (which reads "letta_fleet_api_up 1 when ..."). */
const API_UP = /^letta_fleet_api_up 1$/m;

const sample = (body: string, name: string, labels: string) => {
	const line = body
		.split('\n')
		.find(each =>
			labels === ''
				? each.startsWith(`${name} `)
				: each.startsWith(`${name}{`) && labels.split(',').every(label => each.includes(label)),
		);
	return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('letta-fleet exporter', () => {
	it('serves the fleet on /metrics, sees a disconnect in the demo, and never shows the key', async () => {
		const server = await demo();
		const exporter = await startExporter(server);
		const online = server.simulation
			.list()
			.find(record => record.connectionId && server.simulation.state(record.id) === 'online')!;
		expect(online, 'an online listener in the demo fleet').toBeDefined();

		const before = await scrapeUntil(exporter.url, body => API_UP.test(body), 'a first successful poll');
		expect(sample(before, 'letta_environment_status', `id="${online.id}",status="online"`)).toBe(1);
		const total = ['online', 'stale', 'offline'].reduce(
			(sum, status) => sum + (sample(before, 'letta_environments', `status="${status}"`) ?? 0),
			0,
		);
		expect(total).toBe(12);

		server.simulation.disconnect(online.id);
		const after = await scrapeUntil(
			exporter.url,
			body => sample(body, 'letta_environment_status', `id="${online.id}",status="offline"`) === 1,
			`${online.id} offline`,
		);
		expect(sample(after, 'letta_environment_status', `id="${online.id}",status="online"`)).toBe(0);
		expect(sample(after, 'letta_environment_events_total', 'type="disconnected"')).toBeGreaterThanOrEqual(1);
		expect(sample(after, 'letta_environment_connected_timestamp_seconds', `id="${online.id}"`)).toBeUndefined();
		expect(sample(after, 'letta_fleet_api_requests_total', 'outcome="success"')).toBeGreaterThanOrEqual(2);

		const health = await get(`${exporter.url}/healthz`);
		expect(health.status).toBe(200);
		expect(JSON.parse(health.body)).toMatchObject({status: 'ok', apiUp: true});
		expect((await get(`${exporter.url}/nope`)).status).toBe(404);
		expect((await fetch(`${exporter.url}/metrics`, {method: 'POST'})).status).toBe(405);
		const open = await get(`${exporter.url}/metrics`, {
			accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5',
		});
		expect(open.type).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
		expect(open.body).toMatch(/# EOF\n$/);

		for (const text of [after, open.body, health.body, exporter.stdout(), exporter.stderr()])
			expect(text).not.toContain(KEY);
		expect(await exporter.stop('SIGTERM')).toBe(143);
		await expect(fetch(`${exporter.url}/healthz`)).rejects.toThrow();
	});

	it('keeps the last good values while the API fails, with letta_fleet_api_up 0 and the failures counted by outcome', async () => {
		const server = await demo();
		const exporter = await startExporter(server);
		const good = await scrapeUntil(exporter.url, body => API_UP.test(body), 'a first successful poll');
		const lastSuccess = sample(good, 'letta_fleet_last_success_timestamp_seconds', '');
		server.faults.add(parseFaultSpec('503@list'));
		const failing = await scrapeUntil(
			exporter.url,
			body =>
				/^letta_fleet_api_up 0$/m.test(body) &&
				(sample(body, 'letta_fleet_api_retries_total', 'outcome="server"') ?? 0) >= 1,
			'letta_fleet_api_up 0 and a retried 503',
		);
		expect(sample(failing, 'letta_fleet_api_requests_total', 'outcome="server"')).toBeGreaterThanOrEqual(2);
		expect(sample(failing, 'letta_fleet_last_success_timestamp_seconds', '')).toBeGreaterThanOrEqual(lastSuccess!);
		// The listeners are still there, as last seen: an outage of ours is not theirs.
		const kept = ['online', 'stale', 'offline'].reduce(
			(sum, status) => sum + (sample(failing, 'letta_environments', `status="${status}"`) ?? 0),
			0,
		);
		expect(kept).toBe(12);
		expect(failing.match(/^letta_environment_info\{/gm)).toHaveLength(12);
		expect(exporter.stderr()).toMatch(/letta-fleet: .*503.*; retrying in \d+s/);
		expect(exporter.stderr()).not.toContain(KEY);
	});

	it('keeps serving after a rejected key, with letta_fleet_api_up 0 and one line saying why, never the key', async () => {
		const server = await startDemoServer({seed: 11, size: 12, churnPerMinute: 0, apiKey: 'sk-let-the-right-one'});
		cleanup.push(() => server.close());
		const exporter = await startExporter(server);
		const body = await scrapeUntil(
			exporter.url,
			text => (sample(text, 'letta_fleet_api_requests_total', 'outcome="unauthorized"') ?? 0) >= 1,
			'a rejected request counted',
		);
		expect(body).toContain('letta_fleet_api_up 0\n');
		expect(body).not.toMatch(/^letta_environment_status\{/m);
		await waitFor(() => exporter.stderr().includes('polling stopped'), 'the line on stderr');
		expect(exporter.stderr()).toMatch(
			/^letta-fleet: .*401.*; polling stopped \(fix it and restart the exporter\); serving letta_fleet_api_up 0 and \/healthz 503\n$/,
		);
		expect(exporter.stderr()).not.toContain(KEY);
		const health = await get(`${exporter.url}/healthz`);
		expect(health.status).toBe(503);
		expect(JSON.parse(health.body)).toMatchObject({status: 'halted', apiUp: false, error: 'unauthorized'});
	});

	it('turns /healthz 503 when a rejected login halts polling, and 200 again once a fresh login works', async () => {
		const server = await startDemoServer({seed: 11, size: 12, churnPerMinute: 0, apiKey: 'sk-let-the-fresh-login'});
		cleanup.push(() => server.close());
		const home = lettaHome('sk-let-an-expired-login', undefined, server.url);
		cleanup.push(() => promised(() => home.remove()));
		const exporter = await startExporter(server, [], {HOME: home.home});
		await waitFor(
			async () => (await get(`${exporter.url}/healthz`)).status === 503 || undefined,
			'a 503 once the login is rejected',
		);
		expect(JSON.parse((await get(`${exporter.url}/healthz`)).body)).toMatchObject({
			status: 'halted',
			error: 'unauthorized',
		});
		// A 503 while the API is merely down would restart an exporter for nothing: only a halt says 503.
		expect(exporter.stderr()).toContain('waiting for');

		home.login('sk-let-the-fresh-login', undefined);
		await scrapeUntil(exporter.url, body => API_UP.test(body), 'a successful poll with the fresh login');
		const health = await get(`${exporter.url}/healthz`);
		expect(health.status).toBe(200);
		expect(JSON.parse(health.body)).toMatchObject({status: 'ok', apiUp: true});
	});

	it('answers /healthz while 100 scrapes of a 1 000-listener fleet are in flight, and every scrape is whole', async () => {
		const server = await startDemoServer({seed: 11, size: 1000, churnPerMinute: 0, apiKey: KEY});
		cleanup.push(() => server.close());
		const exporter = await startExporter(server, ['--interval', '60']);
		await scrapeUntil(exporter.url, body => API_UP.test(body), 'a first successful poll');
		const scrapes = Array.from({length: 100}, () => get(`${exporter.url}/metrics`));
		const health = await get(`${exporter.url}/healthz`);
		expect(health.status).toBe(200);
		const bodies = await Promise.all(scrapes);
		expect(new Set(bodies.map(({status}) => status))).toEqual(new Set([200]));
		// Served from the one render of that poll: every scrape is the same bytes.
		expect(new Set(bodies.map(({body}) => body)).size).toBe(1);
		expect(bodies[0]!.body.match(/^letta_environment_info\{/gm)).toHaveLength(1000);
	});

	it('keeps serving through a decompression bomb, with letta_fleet_api_up 0, the listeners as last seen, and polling on', async () => {
		const server = await demo();
		const exporter = await startExporter(server, ['--max-body-mib', '4']);
		await scrapeUntil(exporter.url, body => body.includes('letta_fleet_api_up 1'), 'a first successful poll');
		server.faults.add(parseFaultSpec('bomb:br@list'));
		const failing = await scrapeUntil(
			exporter.url,
			body =>
				body.includes('letta_fleet_api_up 0') &&
				(sample(body, 'letta_fleet_api_requests_total', 'outcome="too-large"') ?? 0) >= 2,
			'letta_fleet_api_up 0 and two bombs refused',
		);
		expect(failing.match(/^letta_environment_info\{/gm)).toHaveLength(12);
		expect(exporter.stderr()).toMatch(
			/letta-fleet: HTTP 200: the response body inflated past the 4 MiB limit .*; retrying in \d+s/,
		);
		expect(exporter.stderr()).not.toContain('polling stopped');
		server.faults.clear();
		await scrapeUntil(exporter.url, body => body.includes('letta_fleet_api_up 1'), 'recovery when the bomb stops');
	});

	it('--no-per-environment serves the fleet-wide series only', async () => {
		const server = await demo();
		const exporter = await startExporter(server, ['--no-per-environment']);
		const body = await scrapeUntil(exporter.url, text => API_UP.test(text), 'a first successful poll');
		expect(body).not.toMatch(/^letta_environment_(status|info|last_heartbeat_timestamp_seconds)\{/m);
		expect(sample(body, 'letta_environments', 'status="online"')).toBeGreaterThan(0);
	});

	it('says in one line when its address is taken, and exits 1', async () => {
		const server = await demo();
		const first = await startExporter(server);
		const port = new URL(first.url).port;
		const options = parseOptions([
			'exporter',
			'--base-url',
			server.url,
			'--listen',
			`127.0.0.1:${port}`,
			'--no-history',
		]);
		const telemetry = createTelemetry();
		const source = await openFleetSource(
			options,
			{LETTA_API_KEY: KEY, HOME: EMPTY_HOME},
			POLLING_RETRY_POLICY,
			telemetry.wrapClient,
		);
		let err = '';
		const stderr = new PassThrough().on('data', chunk => (err += String(chunk)));
		const io: Io = {
			stdout: new PassThrough(),
			stderr,
			stdin: new PassThrough(),
			env: {},
			columns: undefined,
			isTTY: false,
			stopSignal: new Promise(() => {}),
		};
		expect(await runExporter(options, source, telemetry, io).finally(() => source.close())).toBe(1);
		expect(err).toBe(
			`letta-fleet: cannot listen on 127.0.0.1:${port}: EADDRINUSE (another process has it; pick one with --listen HOST:PORT)\n`,
		);
	});
});

describe('letta_environment_disconnects_total', () => {
	it('counts a disconnect that no scrape saw: the listener online at both scrapes, dropped between them', async () => {
		const server = await demo();
		const exporter = await startExporter(server);
		const listener = server.simulation
			.list()
			.find(record => record.connectionId && server.simulation.state(record.id) === 'online')!;
		const labels = `id="${listener.id}"`;
		const before = await scrapeUntil(exporter.url, body => API_UP.test(body), 'a first successful poll');
		expect(sample(before, 'letta_environment_status', `${labels},status="online"`)).toBe(1);
		expect(sample(before, 'letta_environment_disconnects_total', labels)).toBe(0);

		// Two list requests after each change: the first poll that saw it has finished (the poller never
		// runs two at once), and nothing is scraped meanwhile, as Prometheus would not at a 15 s interval.
		const polls = async (count: number) => {
			const start = server.requests();
			await waitFor(() => server.requests() >= start + count, `${count} more polls`);
		};

		server.simulation.disconnect(listener.id);
		await polls(2);
		server.simulation.connect(listener.id);
		await polls(2);
		const after = await scrapeUntil(
			exporter.url,
			body => sample(body, 'letta_environment_disconnects_total', labels) === 1,
			'the disconnect counted',
		);
		expect(sample(after, 'letta_environment_status', `${labels},status="online"`)).toBe(1);
		for (const other of server.simulation.list().filter(record => record.id !== listener.id))
			expect(sample(after, 'letta_environment_disconnects_total', `id="${other.id}"`), other.id).toBe(0);
	});
});
