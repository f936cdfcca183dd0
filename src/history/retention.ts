/**
 * Retention by time and by size, oldest first, in small steps: each step deletes at most
 * STEP_ROWS rows a table, then hands at most VACUUM_PAGES free pages back to the file system
 * (`PRAGMA incremental_vacuum`; the file is `auto_vacuum=INCREMENTAL`), so a step is one short
 * transaction and a full VACUUM, which would hold the file for seconds, never runs while monitoring.
 */
import type {DatabaseSync} from 'node:sqlite';
import {pragmaNumber} from './schema.js';

/** Rows a table gives up in one step. */
export const STEP_ROWS = 2000;
/** Free pages returned to the file system in one step (4 KiB pages: 1 MiB). */
export const VACUUM_PAGES = 256;
/** When over the size cap, each step drops this much of the oldest history, ms. */
export const SIZE_SLICE_MS = 3600_000;

const DAY_MS = 86_400_000;

/** The oldest moment kept, epoch ms: `days` whole days before `now`. */
export function timeCutoff(now: number, days: number): number {
	return now - days * DAY_MS;
}

/** The history's size in bytes as the cap counts it: the pages in use (free pages are given back in steps). */
export function usedBytes(pageCount: number, freePages: number, pageSize: number): number {
	return Math.max(0, pageCount - freePages) * pageSize;
}

/** What one step did: rows deleted, pages freed, and the cutoff it applied (epoch ms). */
export type TrimResult = {deleted: number; vacuumed: number; cutoff: number};

/**
 * One retention step at `now` (epoch ms): history older than `days` goes, then, while the pages in
 * use pass `maxBytes`, the oldest SIZE_SLICE_MS of what is left. Runs in its own transaction.
 *
 * @throws node:sqlite's errors (SQLITE_BUSY when another recorder is writing: try at the next step).
 */
export function trimStep(db: DatabaseSync, now: number, days: number, maxBytes: number): TrimResult {
	let cutoff = timeCutoff(now, days);
	db.exec('BEGIN IMMEDIATE');
	let deleted = 0;
	try {
		deleted += deleteBefore(db, cutoff);
		const size = usedBytes(
			pragmaNumber(db, 'page_count'),
			pragmaNumber(db, 'freelist_count'),
			pragmaNumber(db, 'page_size'),
		);
		if (size > maxBytes) {
			const oldest = oldestMoment(db);
			if (oldest !== null) {
				cutoff = Math.max(cutoff, oldest + SIZE_SLICE_MS);
				deleted += deleteBefore(db, cutoff);
			}
		}

		db.exec('COMMIT');
	} catch (error) {
		if (db.isTransaction) db.exec('ROLLBACK');
		throw error;
	}

	const before = pragmaNumber(db, 'freelist_count');
	if (before > 0) db.exec(`PRAGMA incremental_vacuum(${VACUUM_PAGES})`);
	return {deleted, vacuumed: before - pragmaNumber(db, 'freelist_count'), cutoff};
}

/** Deletes at most STEP_ROWS rows a table that ended before `cutoff`; returns how many went. */
function deleteBefore(db: DatabaseSync, cutoff: number): number {
	const limited = (table: string, where: string) =>
		Number(
			db
				.prepare(
					`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${where} LIMIT ${STEP_ROWS})`,
				)
				.run(cutoff).changes,
		);
	let deleted = limited('events', 'at < ?1');
	// An interval left open by a run that was killed ends at that run's last poll.
	// (from_at first: its index finds the candidates without reading the whole table.)
	deleted += limited(
		'intervals',
		'from_at < ?1 AND coalesce(to_at, (SELECT last_at FROM runs WHERE runs.id = run_id)) < ?1',
	);
	deleted += Number(
		db
			.prepare(
				`DELETE FROM counts WHERE (source_id, minute) IN (SELECT source_id, minute FROM counts WHERE minute < ?1 LIMIT ${STEP_ROWS})`,
			)
			.run(cutoff).changes,
	);
	// A run nothing refers to any more, ended before the cutoff, says nothing about the time kept.
	deleted += limited('runs', 'last_at < ?1 AND NOT EXISTS (SELECT 1 FROM intervals WHERE run_id = runs.id)');
	deleted += limited(
		'listeners',
		'last_at < ?1 AND NOT EXISTS (SELECT 1 FROM intervals WHERE listener_id = listeners.id) AND NOT EXISTS (SELECT 1 FROM events WHERE listener_id = listeners.id)',
	);
	return deleted;
}

/**
 * The oldest event or count kept, epoch ms; null when there is none. Intervals follow by the
 * cutoff (an interval still open is as old as the run that holds it, and is one row).
 */
function oldestMoment(db: DatabaseSync): number | null {
	const row = db
		.prepare(
			'SELECT min(moment) AS oldest FROM (SELECT min(at) AS moment FROM events UNION ALL SELECT min(minute) FROM counts)',
		)
		.get();
	const oldest = row?.['oldest'];
	return typeof oldest === 'number' ? oldest : null;
}
