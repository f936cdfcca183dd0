/**
 * The recorder: one per long-running mode (the live view, the exporter), fed each successful
 * poll's fleet state, writing it to the history file in one short transaction on the calling
 * thread (docs/benchmarks.md has the per-poll time at 10 000 listeners). It never waits for the
 * file: a write that finds it busy keeps the batch for the next poll; a file busy for
 * MAX_BUSY_POLLS polls in a row, a full disk or any other failure turns recording off with one
 * notice, and monitoring goes on.
 */
import type {DatabaseSync} from 'node:sqlite';
import type {FleetState} from '../fleet/reducer.js';
import {emptyMemory, pollBatch} from './poll-batch.js';
import {trimStep} from './retention.js';
import {classifySqliteError, describeSqliteError} from './sqlite-errors.js';
import {createWriter, type HistoryWriter, type PollBatch} from './writer.js';

/** Polls in a row a busy file may skip before recording stops. */
export const MAX_BUSY_POLLS = 30;
/**
 * Listeners first recorded in one write, at most (about 30 ms of writing at 10 000 listeners,
 * docs/benchmarks.md): a run's first poll at 10 000 listeners is written over ten polls instead of
 * holding the main thread for one long transaction. Until then the rest waits in memory, so a
 * `kill -9` in a big fleet's first polls loses those polls' changes.
 */
export const LISTENERS_PER_WRITE = 1000;
/** How often a retention step runs, ms. */
export const RETENTION_EVERY_MS = 60_000;

export type RecorderSettings = {
	/** The source's base URL, normalized (source-key.ts). */
	baseUrl: string;
	/** Which mode records ("live view", "exporter"), and the server-side filters it ran with (`--online-only`...). */
	mode: string;
	filters: string[];
	/** The poll interval, ms: a poll more than three intervals (and 30 s) after the last means time not watched. */
	intervalMs: number;
	historyDays: number;
	/** The size cap, bytes. */
	maxBytes: number;
	/** The clock, epoch ms (retention and the run's times). */
	now: () => number;
};

export type Recorder = {
	/**
	 * Records a state just reduced from a successful poll (call once per snapshot). Returns a
	 * one-line notice when recording has just turned off, else undefined.
	 */
	record(state: FleetState): string | undefined;
	/** Writes what is pending, ends the run and closes the file; returns a notice if that failed. */
	close(): string | undefined;
	/** Why recording is off, once it is. */
	readonly off: string | undefined;
	/** The last write's duration, ms (for the bench). */
	readonly lastWriteMs: number;
};

/**
 * Starts a run on an open history file (open-file.ts) and returns its recorder; the recorder owns
 * `db` from here and closes it. Returns a notice instead when even the run's row cannot be written.
 */
export function startRecorder(
	db: DatabaseSync,
	settings: RecorderSettings,
): {recorder: Recorder; off?: undefined} | {recorder?: undefined; off: string} {
	let writer: HistoryWriter;
	try {
		writer = createWriter(db, {
			baseUrl: settings.baseUrl,
			mode: settings.mode,
			filters: settings.filters,
			startedAt: settings.now(),
		});
	} catch (error) {
		db.close();
		return {off: `history off: ${describeSqliteError(error)}`};
	}

	const memory = emptyMemory();
	const gapMs = 3 * settings.intervalMs + 30_000;
	let pending: PollBatch[] = [];
	let busyPolls = 0;
	let off: string | undefined;
	let lastWriteMs = 0;
	let nextTrimAt = settings.now();

	function stop(why: string): string {
		off = `history off: ${why}; monitoring goes on`;
		pending = [];
		try {
			db.close();
		} catch {
			// Closing a connection whose file failed: nothing more to release.
		}

		return off;
	}

	/** Writes the pending batches, at most LISTENERS_PER_WRITE new listeners' worth unless `all`. */
	function flush(all = false): string | undefined {
		const started = performance.now();
		let taken = 0;
		let listeners = 0;
		while (taken < pending.length && (all || taken === 0 || listeners < LISTENERS_PER_WRITE)) {
			listeners += pending[taken]!.listeners.length;
			taken++;
		}

		try {
			writer.write(pending.slice(0, taken));
			pending = pending.slice(taken);
			busyPolls = 0;
		} catch (error) {
			const trouble = classifySqliteError(error);
			if (trouble === 'busy' && ++busyPolls < MAX_BUSY_POLLS) return undefined;
			return stop(
				trouble === 'busy'
					? `another program held the file locked for ${MAX_BUSY_POLLS} polls`
					: describeSqliteError(error),
			);
		} finally {
			lastWriteMs = performance.now() - started;
		}

		return trim();
	}

	function trim(): string | undefined {
		const now = settings.now();
		if (now < nextTrimAt) return undefined;
		nextTrimAt = now + RETENTION_EVERY_MS;
		try {
			trimStep(db, now, settings.historyDays, settings.maxBytes);
		} catch (error) {
			if (classifySqliteError(error) !== 'busy') return stop(describeSqliteError(error));
		}

		return undefined;
	}

	const recorder: Recorder = {
		get off() {
			return off;
		},
		get lastWriteMs() {
			return lastWriteMs;
		},
		record(state) {
			if (off !== undefined || state.snapshot === null || state.snapshot === memory.previous) return undefined;
			pending.push(
				...splitBatch(pollBatch(memory, state.snapshot, state.lastEvents, state.settings.staleAfterMs, gapMs)),
			);
			return flush();
		},
		close() {
			if (off !== undefined) return undefined;
			const notice = pending.length > 0 ? flush(true) : undefined;
			if (off !== undefined) return notice;
			try {
				// Intervals end at the last poll seen, not at the quit: time after it was not watched.
				writer.end(memory.previous?.fetchedAt ?? settings.now());
				db.close();
			} catch (error) {
				return stop(describeSqliteError(error));
			}

			off = 'history closed';
			return undefined;
		},
	};

	return {recorder};
}

/**
 * A batch with more than LISTENERS_PER_WRITE new listeners as several, in order: each part the
 * next listeners with their first statuses (the first part also the gap), the last part everything else (statuses
 * of listeners known before, events, counts, the listeners to forget). All keep the poll's time, so the intervals
 * start where they did.
 */
export function splitBatch(batch: PollBatch): PollBatch[] {
	if (batch.listeners.length <= LISTENERS_PER_WRITE) return [batch];
	const parts: PollBatch[] = [];
	// Which part holds each new listener, by organization then record id (no key strings to build).
	const partOf = new Map<string, Map<string, PollBatch>>();
	for (let start = 0; start < batch.listeners.length; start += LISTENERS_PER_WRITE) {
		const part: PollBatch = {
			at: batch.at,
			// The gap closes the run's open intervals before any part opens one.
			gapFrom: start === 0 ? batch.gapFrom : null,
			listeners: batch.listeners.slice(start, start + LISTENERS_PER_WRITE),
			statuses: [],
			events: [],
			counts: [],
			forget: [],
		};
		for (const facts of part.listeners) {
			let byRecord = partOf.get(facts.org);
			if (!byRecord) partOf.set(facts.org, (byRecord = new Map<string, PollBatch>()));
			byRecord.set(facts.recordId, part);
		}

		parts.push(part);
	}

	const rest: PollBatch = {
		at: batch.at,
		gapFrom: null,
		listeners: [],
		statuses: [],
		events: batch.events,
		counts: batch.counts,
		forget: batch.forget,
	};
	for (const change of batch.statuses) {
		(partOf.get(change.org)?.get(change.recordId) ?? rest).statuses.push(change);
	}

	parts.push(rest);
	return parts;
}
