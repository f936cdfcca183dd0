/**
 * The server's retry signals, as the official SDK reads them: `x-should-retry`
 * decides whether to retry, `retry-after-ms` wins over `Retry-After`. Parsed
 * by hand, then sent by the demo server (fault `header=NAME:VALUE`) over real HTTP.
 */
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {createClient, type LettaClient} from '../../src/api/client.js';
import {ApiError, parseRetrySignals} from '../../src/api/errors.js';
import {formatFaultRule, parseFaultSpec} from '../../src/demo/faults.js';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {fetchFleet} from '../../src/fleet/fetch-fleet.js';
import {DEFAULT_RETRY_POLICY} from '../../src/fleet/retry.js';
import {type Clock, createPoller} from '../../src/poller/poller.js';
import {matcher} from '../helpers/matcher.js';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

describe('parseRetrySignals', () => {
	it('reads x-should-retry true and false, and nothing else', () => {
		expect(parseRetrySignals({'x-should-retry': 'true'}, NOW).shouldRetry).toBe(true);
		expect(parseRetrySignals({'x-should-retry': 'false'}, NOW).shouldRetry).toBe(false);
		expect(parseRetrySignals({'x-should-retry': ' FALSE '}, NOW).shouldRetry).toBe(false);
		expect(parseRetrySignals({'x-should-retry': 'maybe'}, NOW).shouldRetry).toBeUndefined();
		expect(parseRetrySignals({}, NOW)).toEqual({shouldRetry: undefined, retryAfterMs: undefined});
	});

	it('prefers retry-after-ms to Retry-After, and falls back when it is not a number', () => {
		expect(parseRetrySignals({'retry-after-ms': '1500', 'retry-after': '30'}, NOW).retryAfterMs).toBe(1500);
		expect(parseRetrySignals({'retry-after-ms': '250.4'}, NOW).retryAfterMs).toBe(251);
		expect(parseRetrySignals({'retry-after-ms': 'soon', 'retry-after': '30'}, NOW).retryAfterMs).toBe(30_000);
		expect(parseRetrySignals({'retry-after-ms': '-5', 'retry-after': '2'}, NOW).retryAfterMs).toBe(2000);
		expect(parseRetrySignals({'retry-after': new Date(NOW + 7000).toUTCString()}, NOW).retryAfterMs).toBe(7000);
		expect(parseRetrySignals({'retry-after': ['4', '9']}, NOW).retryAfterMs).toBe(4000);
	});

	it('lets the server overrule what an error kind implies', () => {
		expect(new ApiError('server', 'x').retryable).toBe(true);
		expect(new ApiError('server', 'x', {shouldRetry: false}).retryable).toBe(false);
		expect(new ApiError('bad-request', 'x').retryable).toBe(false);
		expect(new ApiError('bad-request', 'x', {shouldRetry: true}).retryable).toBe(true);
	});
});

describe('the header= argument of a status fault', () => {
	it('adds response headers, repeatable, and reads back the same', () => {
		const rule = parseFaultSpec('503:header=x-should-retry:false:header=Retry-After-Ms:1500@list*2');
		expect(rule).toEqual({
			fault: {kind: 'status', status: 503, headers: {'x-should-retry': 'false', 'retry-after-ms': '1500'}},
			route: 'list',
			times: 2,
		});
		expect(parseFaultSpec(formatFaultRule(rule))).toEqual(rule);
	});

	it('refuses what cannot be a header, or would break the reply', () => {
		expect(() => parseFaultSpec('503:header=x-should-retry')).toThrow(/header takes NAME:VALUE/);
		expect(() => parseFaultSpec('503:header=bad name:1')).toThrow(/cannot be injected/);
		expect(() => parseFaultSpec('503:header=content-length:0')).toThrow(/cannot be injected/);
	});
});

describe('retry signals over real HTTP', () => {
	let server: DemoServer;
	let client: LettaClient;
	let sleeps: number[];
	const fetchOnce = () =>
		fetchFleet(client, {
			query: {pageSize: 100},
			retry: DEFAULT_RETRY_POLICY,
			retryEnvironment: {
				sleep: ms => {
					sleeps.push(ms);
					return Promise.resolve();
				},
				random: () => 0.5,
			},
		});

	beforeAll(async () => {
		server = await startDemoServer({seed: 6, size: 20, churnPerMinute: 0});
		client = createClient({baseUrl: server.url, apiKey: server.apiKey, proxyEnv: {}});
	});

	afterAll(async () => {
		await server.close();
	});

	beforeEach(() => {
		server.faults.clear();
		sleeps = [];
	});

	it('retries a 503 inline, but not one sent with x-should-retry: false', async () => {
		server.faults.add(parseFaultSpec('503*1'));
		await expect(fetchOnce()).resolves.toMatchObject({connections: matcher.any(Array)});
		expect(sleeps).toHaveLength(1);

		sleeps = [];
		const requestsBefore = server.requests();
		server.faults.add(parseFaultSpec('503:header=x-should-retry:false*1'));
		const error = await fetchOnce().catch((caught: unknown) => caught);
		expect(error).toMatchObject({kind: 'server', status: 503, shouldRetry: false, retryable: false});
		expect(server.requests() - requestsBefore).toBe(1);
		expect(sleeps).toEqual([]);
	});

	it('retries a 400 the server says to retry', async () => {
		server.faults.add(parseFaultSpec('400:header=x-should-retry:true*1'));
		const snapshot = await fetchOnce();
		expect(snapshot.connections).toHaveLength(server.simulation.list().length);
		expect(sleeps).toHaveLength(1);
	});

	it('retries a 409, as the official SDK does', async () => {
		server.faults.add(parseFaultSpec('409*1'));
		await expect(fetchOnce()).resolves.toMatchObject({connections: matcher.any(Array)});
		expect(sleeps).toHaveLength(1);
	});

	it('waits what retry-after-ms says, over Retry-After', async () => {
		server.faults.add(parseFaultSpec('429:retry-after=9:header=retry-after-ms:1500*1'));
		const error = await client.listEnvironments({}).catch((caught: unknown) => caught);
		expect(error).toMatchObject({kind: 'rate-limited', retryAfterMs: 1500});
		expect((error as ApiError).describe()).toMatch(/the server asks to wait 2s$/);

		server.faults.add(parseFaultSpec('429:retry-after=9:header=retry-after-ms:1500*1'));
		await fetchOnce();
		expect(sleeps).toEqual([1500]);
	});

	it('the poller neither halts nor hurries on x-should-retry: false: it waits its normal backoff', async () => {
		server.faults.add(parseFaultSpec('503:header=x-should-retry:false'));
		const timers: Array<{ms: number; run: () => void}> = [];
		const clock: Clock = {now: () => NOW, setTimeout: (run, ms) => timers.push({ms, run}), clearTimeout() {}};
		const failed = new Promise<{halted: boolean; nextAttemptAt: number | null}>(resolve => {
			const poller = createPoller({
				poll: signal => fetchFleet(client, {signal, retry: DEFAULT_RETRY_POLICY}),
				intervalMs: 2000,
				clock,
				random: () => 0.5,
				onFailure(_error, _at, nextAttemptAt, halted) {
					poller.stop();
					resolve({halted, nextAttemptAt});
				},
			});
			poller.start();
			timers.shift()!.run();
		});
		const {halted, nextAttemptAt} = await failed;
		expect(halted).toBe(false);
		// First failure: equal jitter at 0.5 of the base delay (the interval, 2 s) = 1.5 s.
		expect(nextAttemptAt).toBe(NOW + 1500);
	});
});
