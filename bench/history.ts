/**
 * `npm run bench:history`: the recorder's budget at 10 000 listeners with the demo's churn, on a
 * simulated clock (polls every 2 s, as the live view's default): the time of each poll's write on
 * the calling thread beside the poll's parse + diff + reduce, the file's bytes per event and per
 * listener-day (by table, from SQLite's dbstat), and whether 30 days fit in the default 256 MiB.
 * Prints a Markdown table for docs/benchmarks.md. Usage: npm run bench:history -- [HOURS] [CHURN]
 */
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {DatabaseSync} from 'node:sqlite';
import {parsePage} from '../src/api/parse.js';
import {createSimulation} from '../src/demo/simulation.js';
import {fleetReducer, initialFleetState} from '../src/fleet/reducer.js';
import {keyRecords} from '../src/fleet/row-keys.js';
import type {Snapshot} from '../src/fleet/types.js';
import {openHistoryFile} from '../src/history/open-file.js';
import {startRecorder} from '../src/history/recorder.js';
import {median, round} from './measure.js';

const SIZE = 10_000;
const INTERVAL_MS = 2000;
const hours = Number(process.argv[2] ?? 1);
const churnPerMinute = Number(process.argv[3] ?? 600);

const folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-bench-history-'));
const file = path.join(folder, 'history.sqlite');
let now = Date.UTC(2026, 11, 1);
const simulation = createSimulation({seed: 4, size: SIZE, now: () => now, churnPerMinute});
const opened = openHistoryFile(file, now);
if (!opened.db) throw new Error(opened.off);
const db = opened.db;
const started = startRecorder(db, {
	baseUrl: 'https://bench.example',
	mode: 'bench',
	filters: [],
	intervalMs: INTERVAL_MS,
	historyDays: 30,
	maxBytes: 256 * 1024 * 1024,
	now: () => now,
});
if (!started.recorder) throw new Error(started.off);
const recorder = started.recorder;

let state = initialFleetState();
const polls = Math.round((hours * 3_600_000) / INTERVAL_MS);
const writeMs: number[] = [];
const reduceMs: number[] = [];
/** The first polls of a run write every listener and its first interval, LISTENERS_PER_WRITE a poll. */
const firstWrites: number[] = [];
let events = 0;
/** The growing tables' bytes and stored events a tenth into the run, so the rate leaves out the run's start. */
let early: {at: number; bytes: number; events: number} | undefined;
const earlyPoll = Math.floor(polls / 10);
for (let poll = 0; poll < polls; poll++) {
	if (poll === earlyPoll) early = {at: now, ...growing()};
	now += INTERVAL_MS;
	const {connections} = parsePage({connections: simulation.list(), hasNextPage: false}, state.snapshot?.byId);
	const snapshot: Snapshot = {...keyRecords(connections), fetchedAt: now, clockOffsetMs: 0, latencyMs: 0, pages: 10};
	const reduceStart = performance.now();
	state = fleetReducer(state, {type: 'poll-succeeded', snapshot});
	reduceMs.push(performance.now() - reduceStart);
	events += state.lastEvents.length;
	const writeStart = performance.now();
	const notice = recorder.record(state);
	const took = performance.now() - writeStart;
	if (notice) throw new Error(notice);
	if (poll < 5) firstWrites.push(took);
	else writeMs.push(took);
}

const late = {at: now, ...growing()};
recorder.close();
const reader = openHistoryFile(file, now).db!;
const count = (table: string) => Number(reader.prepare(`SELECT count(*) AS n FROM ${table}`).get()!['n']);
const stored = {
	events: count('events'),
	intervals: count('intervals'),
	listeners: count('listeners'),
	counts: count('counts'),
};
/** Bytes by table, its indexes counted with it (dbstat names each b-tree). */
const tableOf = (name: string) =>
	name.startsWith('sqlite_autoindex_')
		? name.replace(/^sqlite_autoindex_(\w+?)_\d+$/, '$1')
		: ({events_at: 'events', intervals_listener: 'intervals', intervals_from: 'intervals'}[name] ?? name);
const bytes = new Map<string, number>();
for (const row of reader.prepare('SELECT name, sum(pgsize) AS size FROM dbstat GROUP BY name').all()) {
	const table = tableOf(String(row['name']));
	bytes.set(table, (bytes.get(table) ?? 0) + Number(row['size']));
}

reader.close();
const fileBytes = statSync(file).size;
const perEvent = (bytes.get('events') ?? 0) / Math.max(1, stored.events);
const perDay = ((late.bytes - early!.bytes) / (late.at - early!.at)) * 86_400_000;
const eventsPerDay = ((late.events - early!.events) / (late.at - early!.at)) * 86_400_000;
const perListenerDay = perDay / SIZE;
const thirtyDays = (bytes.get('listeners') ?? 0) + perDay * 30;
const mib = (value: number) => `${round(value / 1024 / 1024)} MiB`;
const sorted = [...writeMs].sort((a, b) => a - b);
const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
const rows: Array<[string, string]> = [
	['simulated', `${hours} h of 2 s polls (${polls}), ${SIZE} listeners, demo churn ${churnPerMinute}/min`],
	['events seen by the diff / stored', `${events} / ${stored.events}`],
	['intervals, listeners, count rows stored', `${stored.intervals}, ${stored.listeners}, ${stored.counts}`],
	[
		'write per poll on the main thread, median / p99 / max',
		`${round(median(writeMs))} / ${round(p99)} / ${round(sorted.at(-1) ?? 0)} ms`,
	],
	['first five polls of a run (every listener and interval)', firstWrites.map(ms => round(ms)).join(' / ') + ' ms'],
	['parse-free diff + reduce per poll, median (for scale)', `${round(median(reduceMs))} ms`],
	['file size', mib(fileBytes)],
	...[...bytes.entries()].map(([table, size]): [string, string] => [`  of which ${table}`, mib(size)]),
	['bytes per stored event (events table and its indexes)', `${round(perEvent)} B`],
	['stored events a day at this churn', `${Math.round(eventsPerDay)}`],
	['growth a day (events, intervals, counts)', mib(perDay)],
	['bytes per listener-day (that growth / listeners)', `${round(perListenerDay)} B`],
	[
		'30 days at this rate',
		`${mib(thirtyDays)} (cap 256 MiB: ${thirtyDays < 256 * 1024 * 1024 ? 'fits' : 'does not fit'})`,
	],
];
process.stdout.write(
	`| measure | value |\n| --- | --- |\n${rows.map(([name, value]) => `| ${name} | ${value} |`).join('\n')}\n`,
);
rmSync(folder, {recursive: true, force: true});

/** Bytes of the tables that grow with time (dbstat, indexes included), and the events stored. */
function growing(): {bytes: number; events: number} {
	const probe = new DatabaseSync(file, {readOnly: true});
	try {
		const row = probe
			.prepare(
				"SELECT sum(pgsize) AS size FROM dbstat WHERE name IN ('events', 'events_at', 'intervals', 'intervals_listener', 'intervals_from', 'counts') OR name LIKE 'sqlite_autoindex_events%'",
			)
			.get();
		const stored = probe.prepare('SELECT count(*) AS n FROM events').get();
		return {bytes: Number(row?.['size'] ?? 0), events: Number(stored?.['n'] ?? 0)};
	} finally {
		probe.close();
	}
}
