/**
 * A one-shot is a burst (issue 21): the built binary's `--once --json` of a 10 000-listener fleet, over real HTTP to
 * the demo server. Pacing is asserted only by counts and by lower bounds on time (a slow machine only adds time),
 * never by how fast a pass ends.
 */
import {performance} from 'node:perf_hooks';
import {afterEach, describe, expect, it} from 'vitest';
import {parseFaultSpec} from '../src/demo/faults.js';
import {startDemoServer, type DemoServer} from '../src/demo/server.js';
import {runCli} from './helpers/cli.js';

let server: DemoServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function onceJson(demo: DemoServer, extra: string[] = []) {
	const before = demo.requests();
	const started = performance.now();
	const result = await runCli(['--once', '--json', '--no-history', ...extra], {
		LETTA_BASE_URL: demo.url,
		LETTA_API_KEY: demo.apiKey,
	});
	const elapsedMs = performance.now() - started;
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	const {connections} = JSON.parse(result.stdout) as {connections: unknown[]};
	return {listeners: connections.length, requests: demo.requests() - before, elapsedMs};
}

describe('--once --json of 10 000 listeners', () => {
	it('gets every listener in 100 pages, one request each: no retry, no 429 at the default --max-rps', async () => {
		server = await startDemoServer({seed: 21, size: 10_000, churnPerMinute: 0});
		const pass = await onceJson(server);
		expect(pass.listeners).toBe(10_000);
		expect(pass.requests).toBe(100);
	}, 60_000);

	it('honours a 429 mid-burst: waits its Retry-After, then paces the rest at --max-rps, and loses nothing', async () => {
		server = await startDemoServer({
			seed: 21,
			size: 10_000,
			churnPerMinute: 0,
			faults: [parseFaultSpec('429:retry-after=1:code=route_rps_rate_limit_exceeded@list@page=50*1')],
		});
		const pass = await onceJson(server);
		expect(pass.listeners).toBe(10_000);
		// The 100 pages and the one retry of page 50.
		expect(pass.requests).toBe(101);
		// 1 s of Retry-After, then 51 requests from an empty bucket at 10 a second: 10 at once, 41 a tenth of a second
		// apart, about 5.1 s in all. Still bursting, the rest would follow the Retry-After at once.
		expect(pass.elapsedMs).toBeGreaterThanOrEqual(4500);
	}, 60_000);

	it('keeps to a --max-rps set by hand: no burst past it', async () => {
		server = await startDemoServer({seed: 21, size: 1000, churnPerMinute: 0});
		// 100 small pages: bursting, they all go at once (well under a second here); at 20 a second from a full
		// bucket of one second's worth, the last 80 take 4 s at least.
		const pass = await onceJson(server, ['--max-rps', '20', '--page-size', '10']);
		expect(pass.listeners).toBe(1000);
		expect(pass.requests).toBe(100);
		expect(pass.elapsedMs).toBeGreaterThanOrEqual(3900);
	}, 60_000);
});
