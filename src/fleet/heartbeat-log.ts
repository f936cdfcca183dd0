/**
 * Heartbeat age of every device at each of the last polls, for the detail
 * pane's sparkline. Kept column-wise: one Float32Array per poll with a column
 * per device, so recording a poll of 50 000 devices is one allocation, not
 * 50 000 arrays. Persistent like the rest of the state: a new poll makes a new
 * log that shares the arrays of the polls before it, which are never written again.
 */
import {heartbeatAge} from './status.js';
import type {Connection} from '../api/connection.js';

/** A column has no sample: the device was not in that poll's snapshot. */
const ABSENT = Number.NaN;
/** The device was listed without a heartbeat (offline, or never beat). Real ages are never negative. */
const NO_HEARTBEAT = -1;
/** Columns of forgotten devices are reclaimed once they outnumber live ones by this much. */
const COMPACT_SLACK = 256;

export type HeartbeatLog = {
	/** Each tracked device's column in every poll's array. */
	columns: ReadonlyMap<string, number>;
	/** Columns handed out so far (forgotten devices' columns included, until compaction). */
	width: number;
	/** Oldest first. An array is as wide as the log was at its poll: later columns read as absent. */
	polls: readonly Float32Array[];
	/** The last poll's devices and their columns, in listed order: the next poll usually lists the same. */
	lastOrder: {connections: readonly Connection[]; columns: Int32Array};
};

export const EMPTY_HEARTBEAT_LOG: HeartbeatLog = {
	columns: new Map(),
	width: 0,
	polls: [],
	lastOrder: {connections: [], columns: new Int32Array(0)},
};

export function recordHeartbeats(
	log: HeartbeatLog,
	connections: readonly Connection[],
	serverNow: number,
	maxPolls: number,
): HeartbeatLog {
	let {columns, width} = log;
	let grown: Map<string, number> | undefined;
	const columnOf = new Int32Array(connections.length);
	const last = log.lastOrder;
	for (let index = 0; index < connections.length; index++) {
		const {id} = connections[index]!;
		let column = last.connections[index]?.id === id ? last.columns[index] : (grown ?? columns).get(id);
		if (column === undefined) {
			grown ??= new Map(columns);
			column = width++;
			grown.set(id, column);
		}

		columnOf[index] = column;
	}

	columns = grown ?? columns;
	const ages = new Float32Array(width).fill(ABSENT);
	for (let index = 0; index < connections.length; index++) {
		const connection = connections[index]!;
		const age = connection.connectionId ? heartbeatAge(connection, serverNow) : null;
		ages[columnOf[index]!] = age ?? NO_HEARTBEAT;
	}

	const kept = log.polls.length >= maxPolls ? log.polls.slice(log.polls.length - maxPolls + 1) : log.polls;
	return {columns, width, polls: [...kept, ages], lastOrder: {connections, columns: columnOf}};
}

/** Stops tracking devices that are gone for good; reclaims their columns when enough are unused. */
export function forgetDevices(log: HeartbeatLog, ids: readonly string[]): HeartbeatLog {
	const columns = new Map(log.columns);
	for (const id of ids) {
		columns.delete(id);
	}

	// The remembered order may name forgotten devices: drop it, the next poll looks columns up by id.
	const lastOrder = EMPTY_HEARTBEAT_LOG.lastOrder;
	if (log.width <= 2 * columns.size + COMPACT_SLACK) {
		return {...log, columns, lastOrder};
	}

	const compacted = new Map<string, number>();
	const source: number[] = [];
	for (const [id, column] of columns) {
		compacted.set(id, source.length);
		source.push(column);
	}

	const polls = log.polls.map(ages => {
		const next = new Float32Array(source.length).fill(ABSENT);
		for (let column = 0; column < source.length; column++) {
			const from = source[column]!;
			if (from < ages.length) {
				next[column] = ages[from]!;
			}
		}

		return next;
	});
	return {columns: compacted, width: source.length, polls, lastOrder};
}

/** The device's heartbeat age at each poll it was listed in, oldest first; undefined when it is not tracked. */
export function heartbeatAgesOf(log: HeartbeatLog, id: string): Array<number | null> | undefined {
	const column = log.columns.get(id);
	if (column === undefined) {
		return undefined;
	}

	const ages: Array<number | null> = [];
	for (const poll of log.polls) {
		const age = column < poll.length ? poll[column]! : ABSENT;
		if (!Number.isNaN(age)) {
			ages.push(age === NO_HEARTBEAT ? null : age);
		}
	}

	return ages;
}
