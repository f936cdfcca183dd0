/**
 * What the table shows: the current snapshot plus the tombstones of removed
 * listeners, each with its status, its machine and duplicate facts, and how
 * fresh its last change is.
 */
import {annotateListeners, type DuplicateInfo, type MachineInfo} from './listeners.js';
import type {FleetState, Mark} from './reducer.js';
import {heartbeatAge, serverTime} from './status.js';
import {judgeStatuses} from './status-judge.js';
import type {Connection} from '../api/connection.js';
import type {ConnectionStatus} from './types.js';

export type RowStatus = ConnectionStatus | 'gone';
export type MarkStrength = 'fresh' | 'fading';

export type FleetRow = {
	id: string;
	/**
	 * Its position in selectRows' answer: a later answer for the same snapshot has the same row there (view/query.ts).
	 */
	index: number;
	connection: Connection;
	status: RowStatus;
	heartbeatAgeMs: number | null;
	/** Server time at which the row was judged, for every age it shows. */
	serverNow: number;
	mark: Mark | null;
	markStrength: MarkStrength | null;
	/** Its machine's listener count (a gone row counts only itself). */
	machine: MachineInfo;
	/** Set when it shares its name with another row, or its machine has another online listener. */
	duplicate: DuplicateInfo | null;
	/** Added by a Desktop app's local proxy, not the platform (see fleet/listeners.ts). */
	local: boolean;
};

const GONE_MACHINE: MachineInfo = {listeners: 1, online: 0};

/**
 * The local time rows are judged at: `now`, except while polls fail or polling
 * is paused (`p`), when it stays at the last good poll. Nothing turns stale
 * because the monitor lost the API or was told to hold still: every listener
 * keeps the status and ages it had then, and the header says how old the data is.
 */
export function judgedAt(state: Pick<FleetState, 'snapshot' | 'health'>, now: number): number {
	const frozen = state.health.failingSince !== null || state.health.paused;
	return state.snapshot && frozen ? Math.min(now, state.snapshot.fetchedAt) : now;
}

/** What selectRows reads of the fleet state: a change elsewhere (a later pass's progress) leaves them be. */
export type RowsInput = Pick<FleetState, 'snapshot' | 'settings' | 'marks' | 'tombstones' | 'health'>;

/**
 * The table's rows at local time `now` (epoch ms): every listener of the snapshot, judged at `judgedAt`, then the
 * tombstones of removed ones, in that order.
 */
export function selectRows(state: RowsInput, now: number): FleetRow[] {
	const {snapshot, settings} = state;
	if (!snapshot) {
		return [];
	}

	const serverNow = serverTime(snapshot, judgedAt(state, now));
	const {connections} = snapshot;
	// Judged again only when a heartbeat may have crossed the threshold since the last call (fleet/status-judge.ts).
	const statuses = judgeStatuses(snapshot, serverNow, settings.staleAfterMs);
	const {machine, duplicate, local} = annotateListeners(snapshot, statuses);
	const rows: FleetRow[] = [];
	for (let index = 0; index < connections.length; index++) {
		const connection = connections[index]!;
		const mark = state.marks.size === 0 ? null : (state.marks.get(connection.id) ?? null);
		rows.push({
			id: connection.id,
			index: rows.length,
			connection,
			status: statuses[index]!,
			heartbeatAgeMs: connection.connectionId ? heartbeatAge(connection, serverNow) : null,
			serverNow,
			mark,
			markStrength: markStrength(mark, now, settings.lingerMs),
			machine: machine[index]!,
			duplicate: duplicate[index]!,
			local: local[index]!,
		});
	}

	for (const [id, tombstone] of state.tombstones) {
		const mark = state.marks.get(id) ?? null;
		rows.push({
			id,
			index: rows.length,
			connection: tombstone.connection,
			status: 'gone',
			heartbeatAgeMs: null,
			serverNow,
			mark,
			markStrength: markStrength(mark, now, settings.lingerMs) ?? 'fading',
			machine: GONE_MACHINE,
			duplicate: null,
			local: false,
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

export type StatusCounts = Record<RowStatus, number> & {
	/** Rows flagged as duplicates (see fleet/listeners.ts). */
	duplicates: number;
};

/** How many rows are in each status: the header's counts and the plain table's summary. */
export function countStatuses(
	rows: ReadonlyArray<{status: RowStatus; duplicate?: DuplicateInfo | null}>,
): StatusCounts {
	const counts: StatusCounts = {online: 0, stale: 0, offline: 0, gone: 0, duplicates: 0};
	// By index, not for…of: docs/performance.md, "Loops run once a poll".
	for (let index = 0; index < rows.length; index++) {
		const row = rows[index]!;
		counts[row.status]++;
		if (row.duplicate) counts.duplicates++;
	}

	return counts;
}
