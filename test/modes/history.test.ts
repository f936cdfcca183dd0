/**
 * The recorder and `letta-fleet history` as a user meets them: the built binary's exporter records
 * a churning demo fleet into a real file, is killed with SIGKILL, starts again ("Monday"), and the
 * history command reads both runs back as a table and as NDJSON, narrowed every way it can be.
 */
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type DemoServer, startDemoServer} from '../../src/demo/server.js';
import {runCli, startCli} from '../helpers/cli.js';
import {waitFor} from '../helpers/wait.js';

const KEY = 'sk-let-history-test';
let server: DemoServer;
let folder: string;
let file: string;
/** Events the exporter had counted at its last scrape before SIGKILL. */
let countedBeforeKill = 0;

async function eventsCounted(url: string): Promise<number> {
	const text = await (await fetch(`${url}/metrics`)).text();
	return [...text.matchAll(/^letta_environment_events_total\{[^}]*\} (\d+)/gm)].reduce(
		(sum, match) => sum + Number(match[1]),
		0,
	);
}

function exporter() {
	let output = '';
	const child = startCli(
		['exporter', '--base-url', server.url, '--listen', '127.0.0.1:0', '--interval', '1', '--history-file', file],
		{LETTA_API_KEY: KEY},
	);
	child.stdout.on('data', chunk => (output += String(chunk)));
	child.stderr.on('data', chunk => (output += String(chunk)));
	return {child, output: () => output};
}

const history = (...args: string[]) =>
	runCli(['history', '--base-url', server.url, '--history-file', file, ...args], {LETTA_API_KEY: KEY});

beforeAll(async () => {
	server = await startDemoServer({seed: 5, size: 40, churnPerMinute: 1200, apiKey: KEY});
	folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-recorder-cli-'));
	file = path.join(folder, 'state', 'history.sqlite');

	// Friday: recording until killed without a chance to close anything.
	const friday = exporter();
	const url = await waitFor(() => /→ (http:\/\/[\d.:]+)\/metrics/.exec(friday.output())?.[1], 'the exporter URL');
	// Scrape until forty events are counted; whatever a scrape served, its poll was recorded before it.
	for (let tries = 0; countedBeforeKill < 40 && tries < 600; tries++) {
		countedBeforeKill = await eventsCounted(url);
		await new Promise(resolve => setTimeout(resolve, 50));
	}

	friday.child.kill('SIGKILL');
	await new Promise(resolve => friday.child.once('close', resolve));

	// Monday: a new run on the same file, stopped as a service is.
	const monday = exporter();
	const mondayUrl = await waitFor(() => /→ (http:\/\/[\d.:]+)\/metrics/.exec(monday.output())?.[1], 'the URL');
	for (let tries = 0; (await eventsCounted(mondayUrl)) < 10 && tries < 600; tries++) {
		await new Promise(resolve => setTimeout(resolve, 50));
	}

	monday.child.kill('SIGTERM');
	await new Promise(resolve => monday.child.once('close', resolve));
	expect(monday.output()).not.toMatch(/history off|unreadable/);
}, 90_000);

afterAll(async () => {
	await server?.close();
	if (folder) rmSync(folder, {recursive: true, force: true});
});

describe('history across a kill -9 and a restart', () => {
	it('lost nothing the exporter had served before SIGKILL, and set nothing aside', () => {
		expect(countedBeforeKill).toBeGreaterThanOrEqual(40);
		const db = new DatabaseSync(file, {readOnly: true});
		const runs = db.prepare('SELECT mode, filters, started_at, last_at FROM runs ORDER BY id').all();
		const firstRunEvents = db
			.prepare('SELECT count(*) AS n FROM events WHERE run_id = (SELECT min(id) FROM runs)')
			.get()!['n'];
		db.close();
		expect(runs.map(run => run['mode'])).toEqual(['exporter', 'exporter']);
		// Every event of every poll served before the kill was committed with it (the write comes first).
		expect(Number(firstRunEvents)).toBeGreaterThanOrEqual(countedBeforeKill);
		expect(readdirSync(path.dirname(file)).filter(name => name.includes('damaged'))).toEqual([]);
		expect(existsSync(file)).toBe(true);
	});

	it('prints a table of both runs, and NDJSON in the --events shape with ISO times', async () => {
		const table = await history('--since', '1h');
		expect(table.code).toBe(0);
		expect(table.stdout.split('\n')[0]).toMatch(/^WHEN\s+TYPE\s+NAME\s+ID\s+(ORG\s+)?WHAT$/);
		const json = await history('--since', '1h', '--json');
		const events = json.stdout
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as Record<string, unknown>);
		expect(events.length).toBeGreaterThanOrEqual(countedBeforeKill);
		expect(table.stdout.trim().split('\n')).toHaveLength(events.length + 1);
		for (const event of events) {
			expect(event['at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			expect(Object.keys(event).slice(0, 6)).toEqual([
				'at',
				'type',
				'id',
				'deviceId',
				'listenerInstanceId',
				'connectionName',
			]);
			expect(String(event['id'])).toMatch(/^env-/);
		}
	});

	it('narrows by --type, --filter, --since/--until and --org', async () => {
		const all = (await history('--json')).stdout.trim().split('\n');
		const parsed = all.map(line => JSON.parse(line) as {type: string; connectionName: string; at: string});
		const disconnects = (await history('--json', '--type', 'disconnected,stale')).stdout.trim().split('\n');
		expect(disconnects.length).toBe(parsed.filter(e => e.type === 'disconnected' || e.type === 'stale').length);
		const name = parsed[0]!.connectionName;
		const filtered = (await history('--json', '--filter', `^${name}$`)).stdout.trim().split('\n');
		expect(filtered.length).toBe(parsed.filter(e => e.connectionName === name).length);
		const middle = parsed[Math.floor(parsed.length / 2)]!.at;
		const before = (await history('--json', '--since', '1h', '--until', middle)).stdout.trim().split('\n');
		expect(before.length).toBe(parsed.filter(e => e.at < middle).length);
		const empty = await history('--until', parsed[0]!.at, '--since', '2000-01-01');
		expect(empty.stdout).toBe('no events recorded in this window\n');
		const other = await history('--org', 'org-nobody');
		expect(other.code).toBe(1);
		expect(other.stderr).toMatch(/^letta-fleet: nothing recorded for organization org-nobody at http:\/\/127/);
	});

	it('says in one line when there is nothing to read, or the question is wrong', async () => {
		const missing = await runCli(['history', '--history-file', path.join(folder, 'none.sqlite')]);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toBe(
			`letta-fleet: no history yet: ${path.join(folder, 'none.sqlite')} does not exist (the live view and the exporter record there while they run)\n`,
		);
		const bad = await history('--since', 'yesterday');
		expect(bad.code).toBe(2);
		expect(bad.stderr.split('\n')[0]).toBe(
			'letta-fleet: --since takes 90m, 24h, 7d, a number of seconds, or an ISO date/time like 2026-11-28T09:30, got "yesterday"',
		);
	});

	it('strips control characters from what it reads back: the file is as hostile as the API', async () => {
		const db = new DatabaseSync(file);
		db.exec(
			"UPDATE listeners SET connection_name = 'evil' || char(27) || ']0;owned' || char(7) || char(27) || '[2Jname' WHERE id = (SELECT listener_id FROM events LIMIT 1)",
		);
		db.close();
		for (const format of [[], ['--json']]) {
			const read = await history('--since', '1h', ...format);
			expect(read.code).toBe(0);
			expect(read.stdout).toContain('evil');
			expect(read.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
		}
	});
});
