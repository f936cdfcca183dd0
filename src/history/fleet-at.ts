/**
 * The SQL side of rebuilding the fleet at a past moment (rebuild.ts does the rest, pure): the
 * listeners recorded for a base URL by then, each with the status interval covering the moment (one
 * index seek a listener on `intervals_listener`) and its last session event before it, and the
 * field changes after each one's baseline up to the moment, folded in as they stream.
 */
import type {DatabaseSync} from 'node:sqlite';
import {parseDetails} from './queries.js';
import {applyChange, type FleetAt, parseBaseline, type RebuiltListener, type StoredChange} from './rebuild.js';
import {EVENT_TYPE_CODES, STATUS_CODES} from './schema.js';
import type {RecordedStatus} from './types.js';

/** The most listeners a rebuild reads: ten times the fleet the budget is set for (10 000). */
export const MAX_REBUILT_LISTENERS = 100_000;

/** The events that move a session (its id, connectedAt, pod), as stored. */
const SESSION_CODES = [EVENT_TYPE_CODES.connected, EVENT_TYPE_CODES.disconnected, EVENT_TYPE_CODES.reconnected];

const STATUS_BY_CODE = new Map<number, RecordedStatus>(
	Object.entries(STATUS_CODES).map(([status, code]) => [code, status as RecordedStatus]),
);

/**
 * The fleet of `baseUrl` (every organization recorded for it) at `at` (epoch ms), at most `limit`
 * listeners (the first recorded; `truncated` says more were).
 * @throws node:sqlite's errors (a busy or damaged file): the caller answers nothing.
 */
export function readFleetAt(
	db: DatabaseSync,
	baseUrl: string,
	at: number,
	limit: number = MAX_REBUILT_LISTENERS,
): FleetAt {
	// An interval a run left open ends at that run's last poll (queries.ts readIntervals); where two
	// recorders' intervals cover the moment, the later-begun one wins, as readIntervals merges them.
	// The session (id, connectedAt, pod) is the last connect, reconnect or drop before the moment,
	// read only for a listener with a session then: there is no index on (listener, at), so it costs a
	// scan of the listener's session events (see docs/benchmarks.md, "Time travel").
	const rows = db
		.prepare(
			`SELECT id, record_id, device_id, listener_instance_id, connection_name, first_at, baseline, organization_id,
				covering,
				CASE WHEN covering IS NOT NULL AND covering ->> 0 != ${STATUS_CODES.offline} THEN
					(SELECT json_array(e.type, e.server_at, e.details) FROM events e
						WHERE e.listener_id = q.id AND e.type IN (${SESSION_CODES.join(', ')})
							AND e.at > q.first_at AND e.at <= ?1
						ORDER BY e.at DESC, e.id DESC LIMIT 1)
				END AS session
			FROM (SELECT l.id, l.record_id, l.device_id, l.listener_instance_id, l.connection_name, l.first_at,
					l.baseline, s.organization_id,
					(SELECT json_array(i.status, i.from_at) FROM intervals i JOIN runs r ON r.id = i.run_id
						WHERE i.listener_id = l.id AND i.from_at <= ?1 AND coalesce(i.to_at, r.last_at) > ?1
						ORDER BY i.from_at DESC, i.id DESC LIMIT 1) AS covering
				FROM listeners l JOIN sources s ON s.id = l.source_id
				WHERE s.base_url = ?2 AND l.first_at <= ?1 ORDER BY l.id LIMIT ?3) q
			ORDER BY id`,
		)
		.all(at, baseUrl, limit + 1);
	const truncated = rows.length > limit;
	const byRowid = new Map<number, {entry: RebuiltListener; firstAt: number}>();
	const listeners: RebuiltListener[] = [];
	for (const row of rows.slice(0, limit)) {
		const connectionName = textOf(row['connection_name']);
		const [status, since] = covering(row['covering']);
		const entry: RebuiltListener = {
			listener: {
				id: textOf(row['record_id']),
				deviceId: row['device_id'] === null ? null : textOf(row['device_id']),
				listenerInstanceId: row['listener_instance_id'] === null ? null : textOf(row['listener_instance_id']),
				connectionName,
			},
			organizationId: textOf(row['organization_id']),
			fields: parseBaseline(row['baseline'], connectionName),
			status,
			statusSince: since,
		};
		const session = storedChange(row['session']);
		if (session) entry.fields = applyChange(entry.fields, session);
		byRowid.set(Number(row['id']), {entry, firstAt: Number(row['first_at'])});
		listeners.push(entry);
	}

	if (listeners.length === 0) return {at, listeners, truncated};
	// Field changes are few (a mode, a branch, a version a week): all of them up to the moment, in order.
	const changes = db
		.prepare(
			`SELECT e.listener_id, e.type, e.server_at, e.details FROM listeners l
			JOIN sources s ON s.id = l.source_id JOIN events e ON e.listener_id = l.id
			WHERE s.base_url = ?2 AND l.first_at <= ?1 AND e.type = ${EVENT_TYPE_CODES.changed}
				AND e.at > l.first_at AND e.at <= ?1
			ORDER BY e.at, e.id`,
		)
		.iterate(at, baseUrl);
	for (const row of changes) {
		const known = byRowid.get(Number(row['listener_id']));
		const details = parseDetails(row['details']);
		if (!known || details === null) continue;
		known.entry.fields = applyChange(known.entry.fields, {
			type: Number(row['type']),
			serverAt: Number(row['server_at']),
			details,
		});
	}

	return {at, listeners, truncated};
}

/** The covering interval's status and start, read from its JSON pair; [null, null] when none or unreadable. */
function covering(value: unknown): [RecordedStatus | null, number | null] {
	if (typeof value !== 'string') return [null, null];
	try {
		const parsed: unknown = JSON.parse(value);
		if (!Array.isArray(parsed)) return [null, null];
		const status = STATUS_BY_CODE.get(Number(parsed[0]));
		const since = Number(parsed[1]);
		return status === undefined || !Number.isFinite(since) ? [null, null] : [status, since];
	} catch {
		return [null, null];
	}
}

/** The last session event as read (a JSON triple: type, server time, details); null when none or unreadable. */
function storedChange(value: unknown): StoredChange | null {
	if (typeof value !== 'string' || value.length > 70_000) return null;
	try {
		const parsed: unknown = JSON.parse(value);
		if (!Array.isArray(parsed)) return null;
		const details = parseDetails(parsed[2]);
		return details === null ? null : {type: Number(parsed[0]), serverAt: Number(parsed[1]), details};
	} catch {
		return null;
	}
}

function textOf(value: unknown): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
