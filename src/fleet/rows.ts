/**
 * What the table shows: the current snapshot plus the tombstones of removed
 * listeners, each with its status, its machine and duplicate facts, and how
 * fresh its last change is. A row holds no age: ages move every second, so
 * they are read when drawn, at the rows' server time (rowsServerNow), and a
 * row that did not change is the same object from one selection to the next.
 */
import {annotateListeners, type DuplicateInfo, type MachineInfo} from './listeners.js';
import type {FleetState, Mark} from './reducer.js';
import {serverTime} from './status.js';
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
 * The server time (epoch ms) the rows of `state` are judged at, at local time `now` (epoch ms): every age a row shows
 * (the table's age columns: fleet/status.ts ageAt) counts to it. `now` itself before the first snapshot.
 */
export function rowsServerNow(state: Pick<FleetState, 'snapshot' | 'health'>, now: number): number {
	return state.snapshot ? serverTime(state.snapshot, judgedAt(state, now)) : now;
}

/** When a row's last heartbeat came (epoch ms, server time); null without a session, and for a gone row. */
export function heartbeatSince(row: FleetRow): number | null {
	return row.status === 'gone' || !row.connection.connectionId ? null : row.connection.lastHeartbeat;
}

/**
 * The table's rows at local time `now` (epoch ms): every listener of the snapshot, judged at `judgedAt`, then the
 * tombstones of removed ones, in that order.
 *
 * `previous`: the last answer (for any state). A row equal to the one at its place there (the same record object,
 * status, mark and its strength, machine, duplicate and local facts) is that very object, and when every row is, the
 * answer is `previous` itself: between polls, and in a poll where a few heartbeats moved, the table's rows and what is
 * built on them stay as they were (docs/performance.md, "Rows without ages"). Rows are never changed once made.
 */
export function selectRows(state: RowsInput, now: number, previous: FleetRow[] = []): FleetRow[] {
	const {snapshot, settings} = state;
	if (!snapshot) {
		return previous.length === 0 ? previous : [];
	}

	const serverNow = serverTime(snapshot, judgedAt(state, now));
	const {connections} = snapshot;
	// Judged again only when a heartbeat may have crossed the threshold since the last call (fleet/status-judge.ts).
	const statuses = judgeStatuses(snapshot, serverNow, settings.staleAfterMs);
	const {machine, duplicate, local} = annotateListeners(snapshot, statuses);
	const count = connections.length + state.tombstones.size;
	// Made at the first row that differs from the one at its place in `previous`, holding the rows before it.
	let rows: FleetRow[] | undefined = previous.length === count ? undefined : [];
	const place = (row: FleetRow | undefined, index: number) => {
		if (rows === undefined) {
			if (row === undefined) return;
			rows = previous.slice(0, index);
		}

		rows.push(row ?? previous[index]!);
	};

	for (let index = 0; index < connections.length; index++) {
		const connection = connections[index]!;
		const mark = state.marks.size === 0 ? null : (state.marks.get(connection.id) ?? null);
		const fields: RowFields = {
			id: connection.id,
			connection,
			status: statuses[index]!,
			mark,
			markStrength: markStrength(mark, now, settings.lingerMs),
			machine: machine[index]!,
			duplicate: duplicate[index]!,
			local: local[index]!,
		};
		place(changedRow(previous[index], fields, index), index);
	}

	let index = connections.length;
	// forEach, not for…of over entries: docs/performance.md, "Loops run once a poll".
	state.tombstones.forEach((tombstone, id) => {
		const mark = state.marks.get(id) ?? null;
		const fields: RowFields = {
			id,
			connection: tombstone.connection,
			status: 'gone',
			mark,
			markStrength: markStrength(mark, now, settings.lingerMs) ?? 'fading',
			machine: GONE_MACHINE,
			duplicate: null,
			local: false,
		};
		place(changedRow(previous[index], fields, index), index);
		index++;
	});

	return rows ?? previous;
}

/** A row but its place. */
type RowFields = Omit<FleetRow, 'index'>;

/**
 * The row at place `index` with `fields`, or undefined when `before` (the row at that place in the last answer) shows
 * the same: then it stands for it.
 */
function changedRow(before: FleetRow | undefined, fields: RowFields, index: number): FleetRow | undefined {
	return before !== undefined && sameRowFacts(before, fields) ? undefined : {...fields, index};
}

/**
 * Whether `a` and `b` show the same: the same key, record object, status, mark and its strength, machine counts,
 * duplicate facts (object) and local mark. A row's place is not compared.
 */
export function sameRowFacts(a: RowFields, b: RowFields): boolean {
	return (
		a.id === b.id &&
		a.connection === b.connection &&
		a.status === b.status &&
		a.mark === b.mark &&
		a.markStrength === b.markStrength &&
		a.machine.listeners === b.machine.listeners &&
		a.machine.online === b.machine.online &&
		a.duplicate === b.duplicate &&
		a.local === b.local
	);
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
