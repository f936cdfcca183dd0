/**
 * What a step of the live view's time travel costs: `readFleetAt` (history/fleet-at.ts) plus
 * `rebuiltSnapshot` on a real file in a temp folder holding 10 000 listeners with a month of
 * history each (`drops` disconnects and as many reconnects a listener, a few field changes), at
 * moments early, midway and late in the month. Medians of `rounds` runs; the file is removed after.
 *
 *   npx tsc -p tsconfig.bench.json && node build/bench/bench/time-travel.js [drops=50] [rounds=5]
 */
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {readFleetAt} from '../src/history/fleet-at.js';
import {rebuiltSnapshot} from '../src/history/rebuild.js';
import {EVENT_TYPE_CODES, prepareSchema, STATUS_CODES} from '../src/history/schema.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 4);
const START = NOW - 30 * DAY;
const LISTENERS = 10_000;
const drops = Number(process.argv[2] ?? 50);
const rounds = Number(process.argv[3] ?? 5);
const BASE = 'https://api.example';

const folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-timetravel-bench-'));
try {
	const file = path.join(folder, 'history.sqlite');
	const db = new DatabaseSync(file);
	prepareSchema(db, 0);
	db.exec('BEGIN');
	db.prepare("INSERT INTO sources (base_url, organization_id) VALUES (?, 'org-1')").run(BASE);
	db.prepare(
		"INSERT INTO runs (base_url, mode, filters, pid, started_at, last_at) VALUES (?, 'bench', '[]', 1, ?, ?)",
	).run(BASE, START, NOW);
	const listener = db.prepare(
		'INSERT INTO listeners (source_id, record_id, device_id, listener_instance_id, connection_name, first_at, last_at, baseline) VALUES (1, ?, ?, NULL, ?, ?, ?, ?)',
	);
	const interval = db.prepare(
		'INSERT INTO intervals (listener_id, run_id, status, from_at, to_at) VALUES (?, 1, ?, ?, ?)',
	);
	const event = db.prepare(
		'INSERT INTO events (listener_id, run_id, at, type, moved_to, server_at, details) VALUES (?, 1, ?, ?, ?, ?, ?)',
	);
	const step = (30 * DAY) / (2 * drops);
	for (let index = 1; index <= LISTENERS; index++) {
		const baseline = JSON.stringify({
			connectionName: `host-${index}`,
			mode: 'standard',
			branch: 'main',
			workingDirectory: '/home/dev/app',
			lettaCodeVersion: '0.32.1',
			podId: 'pod-1',
			connectedAt: START,
			connectionId: `conn-${index}`,
		});
		listener.run(`env-${index}`, `device-${index}`, `host-${index}`, START, NOW, baseline);
		for (let k = 0; k < 2 * drops; k++) {
			const from = START + k * step + (index % 1000);
			const up = k % 2 === 0;
			interval.run(index, up ? STATUS_CODES.online : STATUS_CODES.offline, from, from + step);
			if (k === 0) continue;
			const details = up ? JSON.stringify(['connectionId', null, `conn-${index}-${k}`]) : '["connectionId"]';
			event.run(index, from, up ? EVENT_TYPE_CODES.connected : EVENT_TYPE_CODES.disconnected, k, from, details);
		}

		for (let k = 1; k <= 3; k++) {
			const at = START + k * 7 * DAY + index;
			event.run(index, at, EVENT_TYPE_CODES.changed, 1000 + k, at, JSON.stringify(['branch', 'main', `b-${k}`]));
		}
	}

	db.exec('COMMIT');
	db.close();
	const reader = new DatabaseSync(file, {readOnly: true});
	console.log(
		`file: ${(statSync(file).size / 1024 / 1024).toFixed(0)} MiB, ${LISTENERS} listeners, ${2 * drops} intervals and ${2 * drops + 2} events each`,
	);
	console.log('| moment | listeners shown | median |');
	console.log('| --- | --- | --- |');
	for (const [label, at] of [
		['day 1', START + DAY],
		['day 15', START + 15 * DAY],
		['day 30', NOW - 60_000],
	] as const) {
		const times: number[] = [];
		let shown = 0;
		for (let round = 0; round < rounds; round++) {
			const started = performance.now();
			shown = rebuiltSnapshot(readFleetAt(reader, BASE, at), 75_000).snapshot.connections.length;
			times.push(performance.now() - started);
		}

		times.sort((a, b) => a - b);
		console.log(`| ${label} | ${shown} | ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms |`);
	}

	reader.close();
} finally {
	rmSync(folder, {recursive: true, force: true});
}
