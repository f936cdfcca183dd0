import path from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {describe, expect, it} from 'vitest';
import {openHistoryFile} from '../../src/history/open-file.js';
import {SIZE_SLICE_MS, STEP_ROWS, timeCutoff, trimStep, usedBytes} from '../../src/history/retention.js';
import {T0} from '../helpers/fixtures.js';
import {tempFolder} from './helpers.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A history file holding `count` events (and a listener, a run, intervals, counts), one every `spacingMs` from T0. */
function filledFile(count: number, spacingMs: number): {db: DatabaseSync} {
	const file = path.join(tempFolder(), 'history.sqlite');
	const db = openHistoryFile(file, T0).db!;
	db.exec(`
		INSERT INTO sources (id, base_url, organization_id) VALUES (1, 'https://api.example', 'org-1');
		INSERT INTO runs (id, base_url, mode, filters, pid, started_at, last_at) VALUES (1, 'https://api.example', 'test', '[]', 1, ${T0}, ${T0 + count * spacingMs});
		INSERT INTO listeners (id, source_id, record_id, connection_name, first_at, last_at, baseline) VALUES (1, 1, 'a', 'a', ${T0}, ${T0}, '{}');
	`);
	const event = db.prepare(
		'INSERT INTO events (listener_id, run_id, at, type, moved_to, server_at, details) VALUES (1, 1, ?, 7, 12345, ?, ?)',
	);
	const interval = db.prepare(
		'INSERT INTO intervals (listener_id, run_id, status, from_at, to_at) VALUES (1, 1, 0, ?, ?)',
	);
	const counts = db.prepare('INSERT OR REPLACE INTO counts VALUES (1, ?, 1, 0, 0)');
	db.exec('BEGIN');
	for (let index = 0; index < count; index++) {
		const at = T0 + index * spacingMs;
		event.run(at, at, JSON.stringify({field: 'branch', from: 'x'.repeat(200), to: 'y'.repeat(200)}));
		interval.run(at, at + spacingMs);
		counts.run(Math.floor(at / 60_000) * 60_000);
	}

	db.exec('COMMIT');
	return {db};
}

const oldest = (db: DatabaseSync) => Number(db.prepare('SELECT min(at) AS at FROM events').get()!['at']);
const rows = (db: DatabaseSync, table: string) => Number(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()!['n']);

describe('retention', () => {
	it('counts days back from now, and the pages in use, not the free ones', () => {
		expect(timeCutoff(T0 + 30 * DAY, 30)).toBe(T0);
		expect(usedBytes(100, 40, 4096)).toBe(60 * 4096);
		expect(usedBytes(10, 40, 4096)).toBe(0);
	});

	it('drops what is older than --history-days, a small step at a time, oldest first', () => {
		// 40 days of one event an hour.
		const {db} = filledFile(40 * 24, HOUR);
		const now = T0 + 40 * DAY;
		const first = trimStep(db, now, 30, 1e12);
		expect(first.cutoff).toBe(T0 + 10 * DAY);
		expect(oldest(db)).toBe(T0 + 10 * DAY);
		expect(rows(db, 'events')).toBe(30 * 24);
		expect(rows(db, 'intervals')).toBe(30 * 24 + 1);
		expect(trimStep(db, now, 30, 1e12).deleted).toBe(0);
		db.close();
	});

	it('never deletes more than STEP_ROWS rows of a table in one step', () => {
		const {db} = filledFile(STEP_ROWS + 500, 60_000);
		trimStep(db, T0 + 400 * DAY, 30, 1e12);
		expect(rows(db, 'events')).toBe(500);
		trimStep(db, T0 + 400 * DAY, 30, 1e12);
		expect(rows(db, 'events')).toBe(0);
		db.close();
	});

	it('over --history-max-mb, drops the oldest hour a step and gives the pages back to the file system', () => {
		const {db} = filledFile(6 * 60, 60_000);
		const pages = () => Number(db.prepare('PRAGMA page_count').get()!['page_count']);
		const before = pages();
		const now = T0 + 6 * HOUR;
		const step = trimStep(db, now, 30, 1024);
		expect(step.cutoff).toBe(T0 + SIZE_SLICE_MS);
		expect(oldest(db)).toBe(T0 + HOUR);
		expect(step.vacuumed).toBeGreaterThan(0);
		expect(pages()).toBeLessThan(before);
		for (let index = 0; index < 6; index++) trimStep(db, now, 30, 1024);
		expect(rows(db, 'events')).toBe(0);
		db.close();
	});
});
