/**
 * The SQL side of rebuilding the fleet at a past moment (rebuild.ts does the rest, pure): the
 * listeners recorded for a base URL by then, each with the status interval covering the moment (one
 * index seek a listener on `intervals_listener`), and the changes after each one's baseline up to
 * the moment, folded in as they stream (never held all at once).
 */
import type {DatabaseSync} from 'node:sqlite';
import {parseDetails} from './queries.js';
import {applyChange, FIELD_CHANGE_CODES, type FleetAt, parseBaseline, type RebuiltListener} from './rebuild.js';
import {STATUS_CODES} from './schema.js';
import type {RecordedStatus} from './types.js';

/** The most listeners a rebuild reads: ten times the fleet the budget is set for (10 000). */
export const MAX_REBUILT_LISTENERS = 100_000;

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
	const rows = db
		.prepare(
			`SELECT l.id, l.record_id, l.device_id, l.listener_instance_id, l.connection_name, l.first_at, l.baseline,
				s.organization_id,
				(SELECT json_array(i.status, i.from_at) FROM intervals i JOIN runs r ON r.id = i.run_id
					WHERE i.listener_id = l.id AND i.from_at <= ?1 AND coalesce(i.to_at, r.last_at) > ?1
					ORDER BY i.from_at DESC, i.id DESC LIMIT 1) AS covering
			FROM listeners l JOIN sources s ON s.id = l.source_id
			WHERE s.base_url = ?2 AND l.first_at <= ?1 ORDER BY l.id LIMIT ?3`,
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
		byRowid.set(Number(row['id']), {entry, firstAt: Number(row['first_at'])});
		listeners.push(entry);
	}

	if (listeners.length === 0) return {at, listeners, truncated};
	const changes = db
		.prepare(
			`SELECT e.listener_id, e.type, e.server_at, e.details FROM listeners l
			JOIN sources s ON s.id = l.source_id JOIN events e ON e.listener_id = l.id
			WHERE s.base_url = ?2 AND l.first_at <= ?1 AND e.type IN (${FIELD_CHANGE_CODES.join(', ')})
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

function textOf(value: unknown): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
