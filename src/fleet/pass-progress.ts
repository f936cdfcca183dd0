/**
 * A pass in progress, as the fleet state holds it (reducer.ts `pass`): on the first pass, the rows
 * fetched so far, to be shown while the rest comes (a 20 000-listener fleet takes about 20 s at the
 * default request budget); on a later pass only how far it has come, the last complete snapshot
 * staying on screen. A partial pass is only shown: it never reaches the diff, the events, the
 * history or the exporter, which see only state.snapshot, built from a complete pass.
 */
import type {PassProgress} from './fetch-fleet.js';
import {keyRecords} from './row-keys.js';
import type {Snapshot} from './types.js';

export type PassState = {
	/** Pages fetched so far. */
	pages: number;
	/** Records fetched so far. */
	records: number;
	/**
	 * The first pass's records so far, keyed as a snapshot's (for the table to show, marked as loading); null on a
	 * later pass. Bounded as the complete pass is: the same records.
	 */
	partial: Snapshot | null;
};

/**
 * The pass state after a page of it at `at` (epoch ms); `complete`: the last complete snapshot, if any
 * (then no rows are kept, only the counts). The partial's records are copied (keyRecords): the pass
 * goes on filling its own array.
 */
export function passAfterPage(progress: PassProgress, at: number, complete: Snapshot | null): PassState {
	const {pages, connections} = progress;
	if (complete) return {pages, records: connections.length, partial: null};
	const keyed = keyRecords(connections);
	return {
		pages,
		records: connections.length,
		partial: {
			connections: keyed.connections,
			byId: keyed.byId,
			fetchedAt: at,
			clockOffsetMs: progress.clockOffsetMs,
			latencyMs: at - progress.startedAt,
			pages,
		},
	};
}

/**
 * The state to draw: while the first pass is under way, `state` with the rows fetched so far in
 * place of the snapshot it does not have yet (its `pass` says they are partial); else `state` itself.
 * For the screen only: nothing that records, diffs or exports may be given this.
 */
export function withPartialRows<T extends {snapshot: Snapshot | null; pass: PassState | null}>(state: T): T {
	return state.snapshot === null && state.pass?.partial ? {...state, snapshot: state.pass.partial} : state;
}
