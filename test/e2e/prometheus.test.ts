/**
 * A REAL Prometheus (Debian's package, 2.42 here) scrapes the built binary's exporter every
 * second while the exporter polls the demo server, and evaluates deploy/prometheus's rules. The
 * test asks Prometheus's HTTP API (/api/v1/query, /api/v1/alerts) for the fleet's counts and for
 * one listener's status changing after a disconnect in the demo, then for the alert it starts.
 * Everything runs on loopback, on free ports, with a temporary TSDB directory.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {childTracker} from '../helpers/child-processes.js';
import {type DemoServer, startDemoServer} from '../../src/demo/server.js';
import {ROOT, runCli, startCli} from '../helpers/cli.js';
import {startPrometheus} from '../helpers/prometheus.js';
import {waitFor} from '../helpers/wait.js';

const KEY = 'sk-let-prometheus-e2e-secret';
/** Generous: Prometheus starts, scrapes and evaluates on a slow, shared 2-core machine. */
const WAIT_MS = 60_000;

let server: DemoServer;
let directory: string;
let exporterUrl: string;
let prometheusUrl: string;
const {track, children, stopAll} = childTracker();

type Vector = Array<{metric: Record<string, string>; value: [number, string]}>;

async function query(promql: string): Promise<Vector> {
	const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
	const body = (await response.json()) as {status: string; data: {result: Vector}; error?: string};
	if (body.status !== 'success') throw new Error(`query ${promql} failed: ${body.error}`);
	return body.data.result;
}

/** Asks Prometheus until `probe` accepts the answer, then returns it. */
async function queryUntil(promql: string, probe: (result: Vector) => boolean, what: string): Promise<Vector> {
	const deadline = Date.now() + WAIT_MS;
	let last: Vector = [];
	while (Date.now() < deadline) {
		last = await query(promql).catch(() => []);
		if (probe(last)) return last;
		await new Promise(resolve => setTimeout(resolve, 250));
	}

	throw new Error(
		`timed out waiting for ${what}; ${promql} gave ${JSON.stringify(last).slice(0, 500)}\nprometheus and exporter output:\n${children.map(each => each.output()).join('\n---\n')}`,
	);
}

beforeAll(async () => {
	server = await startDemoServer({seed: 3, size: 12, churnPerMinute: 0, apiKey: KEY});
	const exporter = track(
		startCli(['exporter', '--base-url', server.url, '--listen', '127.0.0.1:0', '--interval', '1'], {
			LETTA_API_KEY: KEY,
		}),
	);
	exporterUrl = await waitFor(
		() => /→ (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(exporter.output())?.[1],
		'the exporter to print its URL',
		WAIT_MS,
	);

	directory = mkdtempSync(path.join(tmpdir(), 'letta-fleet-prometheus-'));
	prometheusUrl = await startPrometheus({
		directory,
		target: new URL(exporterUrl).host,
		ruleFiles: [path.join(ROOT, 'deploy', 'prometheus', 'letta-fleet.rules.yml')],
		track,
		waitMs: WAIT_MS,
	});
}, 3 * WAIT_MS);

afterAll(async () => {
	await stopAll();
	await server?.close();
	if (directory) rmSync(directory, {recursive: true, force: true});
});

describe('a real Prometheus scraping letta-fleet exporter', () => {
	it(
		"stores the fleet's counts, the same as `letta-fleet --once --json` reports",
		async () => {
			const once = await runCli(['--once', '--json', '--base-url', server.url], {LETTA_API_KEY: KEY});
			expect(once.code, once.stderr).toBe(0);
			const expected: Record<string, number> = {online: 0, stale: 0, offline: 0};
			for (const connection of (JSON.parse(once.stdout) as {connections: Array<{status: string}>}).connections)
				expected[connection.status]!++;
			const countsOf = (vector: Vector) =>
				Object.fromEntries(
					vector.map(sample => [String(sample.metric['status']), Number(sample.value[1])] as const),
				);
			const result = await queryUntil(
				'letta_environments{job="letta-fleet"}',
				vector => vector.length === 3,
				"the fleet's counts",
			);
			const counts = countsOf(result);
			expect(counts).toEqual(expected);
			expect(counts['online']! + counts['stale']! + counts['offline']!).toBe(12);
			expect((await query('letta_fleet_api_up'))[0]?.value[1]).toBe('1');
			expect((await query('up{job="letta-fleet"}'))[0]?.value[1]).toBe('1');
		},
		2 * WAIT_MS,
	);

	it(
		"sees one listener's status change after a disconnect, and the offline alert start",
		async () => {
			const record = server.simulation.list().find(each => server.simulation.state(each.id) === 'online')!;
			expect(record, 'an online listener in the demo fleet').toBeDefined();
			await queryUntil(
				`letta_environment_status{id="${record.id}",status="online"} == 1`,
				vector => vector.length === 1,
				`${record.id} online in Prometheus`,
			);

			server.simulation.disconnect(record.id);
			const offline = await queryUntil(
				`letta_environment_status{id="${record.id}",status="offline"} == 1`,
				vector => vector.length === 1,
				`${record.id} offline in Prometheus`,
			);
			expect(offline[0]!.metric).toMatchObject({
				id: record.id,
				device_id: record.deviceId,
				connection_name: record.connectionName,
				job: 'letta-fleet',
			});
			expect(await query(`letta_environment_status{id="${record.id}",status="online"} == 1`)).toEqual([]);
			await queryUntil(
				'letta_environment_events_total{type="disconnected"} >= 1',
				vector => vector.length === 1,
				'the disconnect counted',
			);

			// The rule holds at once and waits its `for: 5m`: Prometheus lists the alert as pending.
			const deadline = Date.now() + WAIT_MS;
			let alerts: Array<{labels: Record<string, string>; state: string}> = [];
			while (Date.now() < deadline) {
				const response = await fetch(`${prometheusUrl}/api/v1/alerts`);
				alerts = ((await response.json()) as {data: {alerts: typeof alerts}}).data.alerts;
				if (
					alerts.some(
						alert =>
							alert.labels['alertname'] === 'LettaListenerOffline' && alert.labels['id'] === record.id,
					)
				)
					break;
				await new Promise(resolve => setTimeout(resolve, 250));
			}

			expect(
				alerts.find(
					alert => alert.labels['alertname'] === 'LettaListenerOffline' && alert.labels['id'] === record.id,
				),
			).toMatchObject({
				state: 'pending',
				labels: {connection_name: record.connectionName, severity: 'warning'},
			});
			for (const {output} of children) expect(output()).not.toContain(KEY);
		},
		3 * WAIT_MS,
	);
});
