/**
 * What the table shows: the current snapshot plus the tombstones of removed
 * devices, each with its status at `now` and how fresh its last change is.
 */
import type {FleetState, Mark} from './reducer.js';
import {connectionStatus, heartbeatAge, serverTime} from './status.js';
import type {Connection, ConnectionStatus} from './types.js';

export type RowStatus = ConnectionStatus | 'gone';
export type MarkStrength = 'fresh' | 'fading';

export type FleetRow = {
	id: string;
	connection: Connection;
	status: RowStatus;
	heartbeatAgeMs: number | null;
	/** Server time at which the row was judged, for every age it shows. */
	serverNow: number;
	mark: Mark | null;
	markStrength: MarkStrength | null;
};

export function selectRows(state: FleetState, now: number): FleetRow[] {
	const {snapshot, settings} = state;
	if (!snapshot) {
		return [];
	}

	const serverNow = serverTime(snapshot, now);
	const rows: FleetRow[] = [];
	for (const connection of snapshot.connections) {
		const mark = state.marks.get(connection.id) ?? null;
		rows.push({
			id: connection.id,
			connection,
			status: connectionStatus(connection, serverNow, settings.staleAfterMs),
			heartbeatAgeMs: connection.connectionId ? heartbeatAge(connection, serverNow) : null,
			serverNow,
			mark,
			markStrength: markStrength(mark, now, settings.lingerMs),
		});
	}

	for (const [id, tombstone] of state.tombstones) {
		const mark = state.marks.get(id) ?? null;
		rows.push({
			id,
			connection: tombstone.connection,
			status: 'gone',
			heartbeatAgeMs: null,
			serverNow,
			mark,
			markStrength: markStrength(mark, now, settings.lingerMs) ?? 'fading',
		});
	}

	return rows;
}

/** A change is "fresh" for its first third of the linger time, then fades until it expires. */
export function markStrength(mark: Mark | null, now: number, lingerMs: number): MarkStrength | null {
	if (!mark) {
		return null;
	}

	const age = now - mark.at;
	if (age >= lingerMs) {
		return null;
	}

	return age < lingerMs / 3 ? 'fresh' : 'fading';
}

export type StatusCounts = Record<RowStatus, number>;

/** How many rows are in each status: the header's counts and the plain table's summary. */
export function countStatuses(rows: Iterable<{status: RowStatus}>): StatusCounts {
	const counts: StatusCounts = {online: 0, stale: 0, offline: 0, gone: 0};
	for (const row of rows) {
		counts[row.status]++;
	}

	return counts;
}
