/**
 * The write side of the history file: a run's row, and each poll's batch written in one short
 * transaction (`BEGIN IMMEDIATE` with `busy_timeout=0`: a file another recorder is writing throws
 * SQLITE_BUSY at once, and the caller keeps the batch for the next poll). Rowids learned in a
 * transaction (sources, listeners, open intervals) are kept only once it commits.
 */
import type {DatabaseSync} from 'node:sqlite';
import type {Connection} from '../api/connection.js';
import {baselineJson, storedNames} from './stored-text.js';
import {EVENT_TYPE_CODES, hash53, STATUS_CODES} from './schema.js';
import type {FleetEventType} from '../fleet/types.js';
import type {RecordedStatus} from './types.js';

/** A listener as first recorded in a run: its names and baseline are read from `connection` when written. */
export type ListenerFacts = {org: string; recordId: string; connection: Connection};

/** A listener's status from `at` on (epoch ms): its open interval, if any, ends there and this one opens. */
export type StatusChange = {org: string; recordId: string; status: RecordedStatus; at: number};

/**
 * One change of the diff, keyed naturally: `movedTo` (the state it moved to) and `serverAt` (the
 * server's time of the change, epoch ms); null `serverAt` means the record has none, and the same
 * change within DEDUPE_WINDOW_MS is taken for a second recorder's copy.
 */
export type EventRow = {
	org: string;
	recordId: string;
	at: number;
	type: FleetEventType;
	movedTo: string;
	serverAt: number | null;
	details: string;
};

/** The fleet's counts for one organization in the minute starting at `minute` (epoch ms); the last poll's win. */
export type CountRow = {org: string; minute: number; online: number; stale: number; offline: number};

/** Everything one poll adds; applied in order: the gap, listeners, statuses, events, counts, then `forget`. */
export type PollBatch = {
	at: number;
	/**
	 * Set when the polls before this one were not watched (they failed, or the view was paused): every interval of
	 * the run still open ends at `gapFrom`, the last poll watched (epoch ms), and the time between stays unknown.
	 */
	gapFrom: number | null;
	/**
	 * Listeners first seen by the batch builder, new or back in the listing: written, and any interval the run left
	 * open for them (offline, since they left) ends at `at`.
	 */
	listeners: ListenerFacts[];
	statuses: StatusChange[];
	events: EventRow[];
	counts: CountRow[];
	/**
	 * Listeners (listenerKey) gone from the listing that the batch builder forgot: the writer forgets their row ids.
	 * Their offline interval stays open until they come back, the watching breaks, or the run ends.
	 */
	forget: string[];
};

/** How far apart two recorders may see one change that has no server time, ms. */
export const DEDUPE_WINDOW_MS = 5 * 60_000;

export type RunFacts = {baseUrl: string; mode: string; filters: string[]; startedAt: number};

/** The write side of one run on one open file. */
export type HistoryWriter = {
	/** Writes `batches` in one transaction. @throws node:sqlite's errors (SQLITE_BUSY: nothing was written). */
	write(batches: readonly PollBatch[]): void;
	/** Ends the run at `at`: its open intervals close there. @throws as write. */
	end(at: number): void;
	readonly db: DatabaseSync;
};

/**
 * Starts a run on `db` (a row in `runs`) and returns its writer.
 * @throws node:sqlite's errors (a busy or full file).
 */
export function createWriter(db: DatabaseSync, run: RunFacts): HistoryWriter {
	const statement = (sql: string) => db.prepare(sql);
	const insertRun = statement(
		'INSERT INTO runs (base_url, mode, filters, pid, started_at, last_at) VALUES (?, ?, ?, ?, ?, ?)',
	);
	const runId = Number(
		insertRun.run(run.baseUrl, run.mode, JSON.stringify(run.filters), process.pid, run.startedAt, run.startedAt)
			.lastInsertRowid,
	);
	const touchRun = statement('UPDATE runs SET last_at = max(last_at, ?) WHERE id = ?');
	const upsertSource = statement(
		'INSERT INTO sources (base_url, organization_id) VALUES (?, ?) ON CONFLICT DO UPDATE SET base_url = excluded.base_url RETURNING id',
	);
	const upsertListener = statement(`
		INSERT INTO listeners (source_id, record_id, device_id, listener_instance_id, connection_name, first_at, last_at, baseline)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (source_id, record_id) DO UPDATE SET device_id = excluded.device_id,
			listener_instance_id = excluded.listener_instance_id, connection_name = excluded.connection_name,
			last_at = excluded.last_at
		RETURNING id, first_at`);
	const findListener = statement('SELECT id FROM listeners WHERE source_id = ? AND record_id = ?');
	const closeInterval = statement('UPDATE intervals SET to_at = ? WHERE id = ? AND to_at IS NULL');
	// `from_at >= ?` (the run's first poll) keeps the scan of intervals_listener to this run's rows of the listener.
	const closeListenerIntervals = statement(
		'UPDATE intervals SET to_at = ? WHERE listener_id = ? AND from_at >= ? AND run_id = ? AND to_at IS NULL',
	);
	const openInterval = statement('INSERT INTO intervals (listener_id, run_id, status, from_at) VALUES (?, ?, ?, ?)');
	const closeRun = statement('UPDATE intervals SET to_at = ? WHERE run_id = ? AND to_at IS NULL');
	const insertKeyed = statement(
		'INSERT INTO events (listener_id, run_id, at, type, moved_to, server_at, details) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
	);
	// Only another run's copy is a duplicate: one run's diff reports each change once, and a field
	// may well flip back and forth within the window.
	const insertWindowed = statement(`
		INSERT INTO events (listener_id, run_id, at, type, moved_to, server_at, details)
		SELECT ?1, ?7, ?2, ?3, ?4, ?2, ?5 WHERE NOT EXISTS (SELECT 1 FROM events
			WHERE listener_id = ?1 AND type = ?3 AND moved_to = ?4 AND at BETWEEN ?2 - ?6 AND ?2 + ?6 AND run_id != ?7)
		ON CONFLICT DO NOTHING`);
	const upsertCount = statement(`
		INSERT INTO counts (source_id, minute, online, stale, offline) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO UPDATE SET online = excluded.online, stale = excluded.stale, offline = excluded.offline`);

	const sources = new Map<string, number>();
	const listeners = new Map<string, number>();
	const open = new Map<string, number>();
	let lastAt = run.startedAt;
	/** The earliest poll written: no interval of this run starts before it. */
	let firstAt = Number.POSITIVE_INFINITY;

	function transaction(body: (staged: Staged) => void): void {
		const staged: Staged = {
			sources: new Map(),
			listeners: new Map(),
			open: new Map(),
			closedAll: false,
			forget: new Set(),
		};
		db.exec('BEGIN IMMEDIATE');
		try {
			body(staged);
			db.exec('COMMIT');
		} catch (error) {
			if (db.isTransaction) db.exec('ROLLBACK');
			throw error;
		}

		// After a gap the batch builder starts afresh and sends every listed listener again (PollBatch's `listeners`),
		// so the row ids of those it no longer lists would never be forgotten: let them all go; listenerId finds any
		// row again in the file.
		if (staged.closedAll) {
			open.clear();
			listeners.clear();
		}

		// Forgotten first: a listener forgotten by one batch and back in a later one is staged again.
		for (const key of staged.forget) {
			listeners.delete(key);
			open.delete(key);
		}

		for (const [key, id] of staged.sources) sources.set(key, id);
		for (const [key, id] of staged.listeners) listeners.set(key, id);
		for (const [key, id] of staged.open) open.set(key, id);
	}

	/** The open interval of a listener this run knows of, staged or committed. */
	function trackedInterval(staged: Staged, key: string): number | undefined {
		return staged.open.get(key) ?? (staged.closedAll || staged.forget.has(key) ? undefined : open.get(key));
	}

	function sourceId(staged: Staged, org: string): number {
		const known = staged.sources.get(org) ?? sources.get(org);
		if (known !== undefined) return known;
		const id = Number(upsertSource.get(run.baseUrl, org)!['id']);
		staged.sources.set(org, id);
		return id;
	}

	function listenerId(staged: Staged, org: string, recordId: string): number | undefined {
		const key = listenerKey(org, recordId);
		const known = staged.listeners.get(key) ?? listeners.get(key);
		if (known !== undefined) return known;
		const row = findListener.get(sourceId(staged, org), recordId);
		if (row === undefined) return undefined;
		staged.listeners.set(key, Number(row['id']));
		return Number(row['id']);
	}

	function applyBatch(staged: Staged, batch: PollBatch): void {
		firstAt = Math.min(firstAt, batch.at);
		if (batch.gapFrom !== null) {
			closeRun.run(batch.gapFrom, runId);
			staged.open.clear();
			staged.closedAll = true;
		}

		for (const facts of batch.listeners) {
			const names = storedNames(facts.connection);
			const row = upsertListener.get(
				sourceId(staged, facts.org),
				facts.recordId,
				names.deviceId,
				names.listenerInstanceId,
				names.connectionName,
				batch.at,
				batch.at,
				baselineJson(facts.connection),
			);
			const key = listenerKey(facts.org, facts.recordId);
			staged.listeners.set(key, Number(row!['id']));
			// Back after the batch builder forgot it: the offline interval it left open ends here. A row first written
			// now (first_at is this poll) has no interval to end.
			const isNew = Number(row!['first_at']) === batch.at;
			if (!isNew && trackedInterval(staged, key) === undefined) {
				closeListenerIntervals.run(batch.at, Number(row!['id']), firstAt, runId);
			}
		}

		for (const change of batch.statuses) applyStatus(staged, change);
		for (const event of batch.events) {
			const id = listenerId(staged, event.org, event.recordId);
			if (id === undefined) continue;
			const type = EVENT_TYPE_CODES[event.type];
			const movedTo = hash53(event.movedTo);
			if (event.serverAt === null) {
				insertWindowed.run(id, event.at, type, movedTo, event.details, DEDUPE_WINDOW_MS, runId);
			} else {
				insertKeyed.run(id, runId, event.at, type, movedTo, event.serverAt, event.details);
			}
		}

		for (const count of batch.counts) {
			upsertCount.run(sourceId(staged, count.org), count.minute, count.online, count.stale, count.offline);
		}

		for (const key of batch.forget) {
			staged.forget.add(key);
			staged.listeners.delete(key);
			staged.open.delete(key);
		}

		lastAt = Math.max(lastAt, batch.at);
	}

	function applyStatus(staged: Staged, change: StatusChange): void {
		const key = listenerKey(change.org, change.recordId);
		const current = trackedInterval(staged, key);
		if (current !== undefined) closeInterval.run(change.at, current);
		const id = listenerId(staged, change.org, change.recordId);
		if (id === undefined) return;
		const row = openInterval.run(id, runId, STATUS_CODES[change.status], change.at);
		staged.open.set(key, Number(row.lastInsertRowid));
	}

	return {
		db,
		write(batches) {
			transaction(staged => {
				for (const batch of batches) applyBatch(staged, batch);
				touchRun.run(lastAt, runId);
			});
		},
		end(at) {
			transaction(() => {
				closeRun.run(at, runId);
				touchRun.run(at, runId);
			});
			open.clear();
		},
	};
}

/**
 * Rowids learned inside a transaction, kept once it commits. `closedAll`: a gap closed every open interval of the run
 * first; `forget`: listeners the batch builder forgot, whose committed rowids no longer count (a later batch may
 * stage them again).
 */
type Staged = {
	sources: Map<string, number>;
	listeners: Map<string, number>;
	open: Map<string, number>;
	closedAll: boolean;
	forget: Set<string>;
};

/** The in-memory key of a listener: its organization and record id (NUL cannot occur in either as sent). */
export function listenerKey(org: string, recordId: string): string {
	return `${org}\u0000${recordId}`;
}
