/**
 * `letta-fleet availability --prometheus`, end to end: the built binary's exporter polls the demo
 * server every second, a REAL Prometheus (Debian's package) scrapes it every second, one listener
 * disconnects for a few seconds and comes back, and the built binary asks Prometheus's HTTP API for
 * the last minutes: the listener shows the disconnect, its outage and an availability under 100 %,
 * the others 100 %, and the caveats of samples are said. Then the one line for a URL that is not a
 * Prometheus and for one nobody listens on. Loopback, free ports, a temporary TSDB directory.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {childTracker, freePort} from '../helpers/child-processes.js';
import {type DemoServer, startDemoServer} from '../../src/demo/server.js';
import {runCli, startCli} from '../helpers/cli.js';
import {startPrometheus} from '../helpers/prometheus.js';
import {waitFor} from '../helpers/wait.js';

const KEY = 'sk-let-availability-e2e-secret';
/** Generous: Prometheus starts and scrapes on a slow, shared 2-core machine. */
const WAIT_MS = 60_000;

let server: DemoServer;
let directory: string;
let prometheusUrl: string;
const {track, stopAll} = childTracker();

/** The value of an instant query's first sample, or undefined while Prometheus has none. */
async function scalar(promql: string): Promise<number | undefined> {
	const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`).catch(
		() => undefined,
	);
	const body = (await response?.json().catch(() => undefined)) as {
		data?: {result?: Array<{value: [number, string]}>};
	};
	const value = body?.data?.result?.[0]?.value[1];
	return value === undefined ? undefined : Number(value);
}

/** Asks until `probe` holds (waitFor does not await a promise: any promise is truthy to it). */
async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
	const deadline = Date.now() + WAIT_MS;
	while (!(await probe())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 250));
	}
}

type Report = {
	since: string;
	until: string;
	listeners: Array<{
		id: string;
		connectionName: string;
		availability: number | null;
		disconnects: number;
		longestOutageSeconds: number;
		observedSeconds: number;
		lastSeenAt: string | null;
	}>;
};

beforeAll(async () => {
	server = await startDemoServer({seed: 5, size: 6, churnPerMinute: 0, apiKey: KEY});
	const exporter = track(
		startCli(['exporter', '--base-url', server.url, '--listen', '127.0.0.1:0', '--interval', '1'], {
			LETTA_API_KEY: KEY,
		}),
	);
	const exporterUrl = await waitFor(
		() => /→ (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(exporter.output())?.[1],
		'the exporter to print its URL',
		WAIT_MS,
	);

	directory = mkdtempSync(path.join(tmpdir(), 'letta-fleet-availability-prometheus-'));
	prometheusUrl = await startPrometheus({
		directory,
		target: new URL(exporterUrl).host,
		track,
		waitMs: WAIT_MS,
	});
}, 3 * WAIT_MS);

afterAll(async () => {
	await stopAll();
	await server?.close();
	if (directory) rmSync(directory, {recursive: true, force: true});
});

describe('availability --prometheus against a real Prometheus', () => {
	it(
		'shows a disconnect, its outage and the share it cost, in the JSON shape, with the caveats of samples',
		async () => {
			const record = server.simulation.list().find(each => server.simulation.state(each.id) === 'online')!;
			expect(record, 'an online listener in the demo fleet').toBeDefined();
			const online = `letta_environment_status{id="${record.id}",status="online"}`;
			const offline = `letta_environment_status{id="${record.id}",status="offline"}`;
			// A few scrapes online first, so the drop is a move Prometheus saw.
			await until(async () => ((await scalar(`count_over_time(${online}[1m])`)) ?? 0) >= 3, 'online scrapes');
			server.simulation.disconnect(record.id);
			await until(async () => ((await scalar(`sum_over_time(${offline}[1m])`)) ?? 0) >= 3, 'offline scrapes');
			server.simulation.connect(record.id);
			await until(async () => (await scalar(online)) === 1, 'the listener online again');

			const result = await runCli(['availability', '--prometheus', prometheusUrl, '--since', '10m', '--json']);
			expect(result.code, result.stderr).toBe(0);
			const report = JSON.parse(result.stdout) as Report;
			expect(Object.keys(report)).toEqual(['since', 'until', 'listeners']);
			expect(Date.parse(report.until) - Date.parse(report.since)).toBe(600_000);
			expect(report.listeners).toHaveLength(6);
			const worst = report.listeners.find(each => each.id === record.id);
			const rest = report.listeners.filter(each => each.id !== record.id);
			expect(worst, result.stdout).toMatchObject({
				id: record.id,
				connectionName: record.connectionName,
				disconnects: 1,
			});
			expect(worst!.availability).toBeGreaterThan(0);
			expect(worst!.availability).toBeLessThan(1);
			expect(worst!.longestOutageSeconds).toBeGreaterThanOrEqual(2);
			expect(worst!.observedSeconds).toBeGreaterThan(5);
			expect(worst!.lastSeenAt).not.toBeNull();
			for (const other of rest) expect(other.disconnects, other.id).toBe(0);
			// Worst first: lower availability before higher, never observed last.
			const shares = report.listeners.map(each => each.availability ?? 2);
			expect(shares).toEqual([...shares].sort((a, b) => a - b));
			expect(result.stderr).toMatch(
				/note: from Prometheus samples about every 1s: an outage shorter than that is missed in the shares and the longest outage; disconnects are the exporter's own count/,
			);

			const table = await runCli(['availability', '--prometheus', prometheusUrl, '--since', '10m'], {
				COLUMNS: '160',
			});
			expect(table.code, table.stderr).toBe(0);
			expect(table.stdout).toMatch(new RegExp(`^  ${record.connectionName} +${record.id} +\\d+\\.\\d %`, 'm'));
			expect(table.stdout, table.stdout).toMatch(/^note: the longest outage is measured to the nearest \d+s$/m);
		},
		4 * WAIT_MS,
	);

	it('says in one line that a URL is not a Prometheus, or cannot be reached', async () => {
		const notPrometheus = await runCli(['availability', '--prometheus', server.url]);
		expect(notPrometheus.code, notPrometheus.stderr).toBe(1);
		expect(notPrometheus.stderr, notPrometheus.stderr).toMatch(
			/^letta-fleet: http:\/\/127\.0\.0\.1:\d+ does not answer as a Prometheus \(GET \/api\/v1\/query: HTTP 401, application\/json\); give --prometheus the URL of Prometheus itself/,
		);
		expect(notPrometheus.stderr.trim().split('\n')).toHaveLength(1);

		const closed = `http://127.0.0.1:${await freePort()}`;
		const unreachable = await runCli(['availability', '--prometheus', closed]);
		expect(unreachable.code).toBe(1);
		expect(unreachable.stderr).toBe(`letta-fleet: cannot reach Prometheus at ${closed}: connection refused\n`);
	});

	it('says when Prometheus has no letta-fleet data for the window', async () => {
		const result = await runCli([
			'availability',
			'--prometheus',
			prometheusUrl,
			'--since',
			'2020-01-01T00:00Z',
			'--until',
			'2020-01-02T00:00Z',
		]);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(
			/has no letta-fleet exporter samples between 2020-01-01T00:00:00\.000Z and .*is it scraping letta-fleet exporter\?/,
		);
	});
});
