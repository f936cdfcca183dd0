/**
 * The read side of the history file: the events of a window, and each listener's status
 * intervals clipped to a window (for `availability`). Every string read back is hostile (a file
 * anyone could have written): the callers sanitize before a terminal sees it, and a row that does
 * not read is counted, not fatal.
 */
import type {DatabaseSync} from 'node:sqlite';
import type {FleetEvent, FleetEventType} from '../fleet/types.js';
import {DETAIL_KEYS, EVENT_TYPE_CODES, STATUS_CODES} from './schema.js';
import type {ListenerIntervals, RecordedListener, RecordedStatus, StatusInterval} from './types.js';

/**
 * Which part of the file a question reads: one base URL, optionally one organization and one
 * listener (its record id), `[since, until)` epoch ms.
 */
export type HistoryScope = {baseUrl: string; org?: string; recordId?: string; since: number; until: number};

/** A recorded event as read back: the --events shape (its `id` the record's id) and its organization. */
export type RecordedEvent = {event: FleetEvent; organizationId: string};

/** The organizations recorded for `baseUrl`, as stored (unsanitized). */
export function recordedOrganizations(db: DatabaseSync, baseUrl: string): string[] {
	return db
		.prepare('SELECT organization_id FROM sources WHERE base_url = ? ORDER BY organization_id')
		.all(baseUrl)
		.map(row => asText(row['organization_id']));
}

const TYPE_BY_CODE = new Map<number, FleetEventType>(
	Object.entries(EVENT_TYPE_CODES).map(([type, code]) => [code, type as FleetEventType]),
);

const STATUS_BY_CODE = new Map<number, RecordedStatus>(
	Object.entries(STATUS_CODES).map(([status, code]) => [code, status as RecordedStatus]),
);

/**
 * The events of the window, oldest first, at most `limit`, of `types` when given. `skipped`
 * counts rows that did not read (an unknown type, details that are not a JSON object).
 */
export function readEvents(
	db: DatabaseSync,
	scope: HistoryScope,
	options: {
		types?: readonly FleetEventType[];
		limit: number;
		match?: ((event: FleetEvent) => boolean) | undefined;
		/** Which end `limit` keeps: the oldest (the default) or the newest; the answer is oldest first either way. */
		keep?: 'oldest' | 'newest';
	},
): {events: RecordedEvent[]; skipped: number} {
	const newest = options.keep === 'newest';
	// One listener's events are found through its row (listeners' and events' unique indexes), not by time: a
	// `? IS NULL OR` test on the record id would keep SQLite from using the index.
	const oneListener = scope.recordId === undefined ? '' : 'AND l.record_id = ?';
	const rows = db
		.prepare(
			`SELECT e.at, e.type, e.details, l.record_id, l.device_id, l.listener_instance_id, l.connection_name,
				s.organization_id
			FROM events e JOIN listeners l ON l.id = e.listener_id JOIN sources s ON s.id = l.source_id
			WHERE s.base_url = ? AND (? IS NULL OR s.organization_id = ?) ${oneListener} AND e.at >= ? AND e.at < ?
			ORDER BY ${newest ? 'e.at DESC, e.id DESC' : 'e.at, e.id'}`,
		)
		.iterate(
			scope.baseUrl,
			scope.org ?? null,
			scope.org ?? null,
			...(scope.recordId === undefined ? [] : [scope.recordId]),
			scope.since,
			scope.until,
		);
	const events: RecordedEvent[] = [];
	let skipped = 0;
	for (const row of rows) {
		const type = TYPE_BY_CODE.get(Number(row['type']));
		if (type === undefined) {
			skipped++;
			continue;
		}

		if (options.types && !options.types.includes(type)) continue;
		const details = parseDetails(row['details']);
		if (details === null) {
			skipped++;
			continue;
		}

		const event: FleetEvent = {
			...details,
			at: Number(row['at']),
			type,
			id: asText(row['record_id']),
			deviceId: asText(row['device_id']),
			listenerInstanceId: row['listener_instance_id'] === null ? null : asText(row['listener_instance_id']),
			connectionName: asText(row['connection_name']),
		};
		if (options.match && !options.match(event)) continue;
		events.push({organizationId: asText(row['organization_id']), event});
		if (events.length >= options.limit) break;
	}

	if (newest) events.reverse();
	return {events, skipped};
}

/**
 * Details as stored (schema.ts DETAIL_KEYS, by position): a JSON array of at most 64 KiB, else
 * null; each value a string, number or null (`false`: the event has no such field).
 */
export function parseDetails(value: unknown): Partial<FleetEvent> | null {
	if (typeof value !== 'string' || value.length > 65_536) return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch {
		return null;
	}

	if (!Array.isArray(parsed)) return null;
	const details: Record<string, unknown> = {};
	DETAIL_KEYS.forEach((key, index) => {
		const field: unknown = parsed[index];
		if (field === null || typeof field === 'string' || typeof field === 'number') details[key] = field;
	});
	return details;
}

/**
 * Each listener's status intervals within the window, clipped to `[since, until)`, oldest first and
 * not overlapping; time no run watched stays uncovered (unknown). An interval a run left open
 * (still running, or killed) ends at that run's last poll. Where two recorders watched at once,
 * their intervals are merged: a stretch of the same status joins, and a different status cuts the
 * earlier one where it starts.
 */
export function readIntervals(db: DatabaseSync, scope: HistoryScope): ListenerIntervals[] {
	const rows = db
		.prepare(
			`SELECT l.id AS listener, l.record_id, l.device_id, l.listener_instance_id, l.connection_name,
				i.status, i.from_at, coalesce(i.to_at, r.last_at) AS to_at
			FROM intervals i JOIN runs r ON r.id = i.run_id JOIN listeners l ON l.id = i.listener_id
			JOIN sources s ON s.id = l.source_id
			WHERE s.base_url = ? AND (? IS NULL OR s.organization_id = ?) AND (? IS NULL OR l.record_id = ?)
				AND i.from_at < ? AND coalesce(i.to_at, r.last_at) > ?
			ORDER BY l.id, i.from_at, i.id`,
		)
		.iterate(
			scope.baseUrl,
			scope.org ?? null,
			scope.org ?? null,
			scope.recordId ?? null,
			scope.recordId ?? null,
			scope.until,
			scope.since,
		);
	const result: ListenerIntervals[] = [];
	let current: {id: number; entry: ListenerIntervals} | undefined;
	for (const row of rows) {
		const status = STATUS_BY_CODE.get(Number(row['status']));
		const from = Math.max(scope.since, Number(row['from_at']));
		const to = Math.min(scope.until, Number(row['to_at']));
		if (status === undefined || !(to > from)) continue;
		const id = Number(row['listener']);
		if (current?.id !== id) {
			current = {id, entry: {listener: listenerOf(row), intervals: [], lastSeenAt: null}};
			result.push(current.entry);
		}

		mergeInterval(current.entry.intervals, {status, from, to});
		if (status === 'online') current.entry.lastSeenAt = Math.max(current.entry.lastSeenAt ?? 0, to);
	}

	return result;
}

function listenerOf(row: Record<string, unknown>): RecordedListener {
	return {
		id: asText(row['record_id']),
		deviceId: row['device_id'] === null ? null : asText(row['device_id']),
		listenerInstanceId: row['listener_instance_id'] === null ? null : asText(row['listener_instance_id']),
		connectionName: asText(row['connection_name']),
	};
}

/** Adds `next` (starting no earlier than the last) to `intervals`, keeping them ordered and apart. */
export function mergeInterval(intervals: StatusInterval[], next: StatusInterval): void {
	const last = intervals.at(-1);
	if (!last || next.from >= last.to) {
		if (last && last.status === next.status && last.to === next.from) last.to = next.to;
		else intervals.push({...next});
		return;
	}

	if (last.status === next.status) {
		last.to = Math.max(last.to, next.to);
		return;
	}

	last.to = next.from;
	if (last.to <= last.from) intervals.pop();
	mergeInterval(intervals, next);
}

/** A column read as text: strings as they are, numbers written out, anything else (a blob, null) empty. */
function asText(value: unknown): string {
	return typeof value === 'string'
		? value
		: typeof value === 'number' || typeof value === 'bigint'
			? String(value)
			: '';
}
