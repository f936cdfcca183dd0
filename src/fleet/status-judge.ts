/**
 * Every listener's status at a server time, judged once per snapshot and again only when a heartbeat may have crossed
 * the stale threshold. Between polls only time moves, and a status changes only when a heartbeat's age reaches
 * `staleAfterMs` (fleet/status.ts): the judging keeps, with its answer, the span of server times over which no
 * listener's status can differ, and a later call inside that span gets the same array back. At 10 000 listeners that is
 * 10 000 judgings a 2 s tick spared, and listeners.ts's annotations are found unchanged by identity.
 */
import {connectionStatus} from './status.js';
import type {ConnectionStatus, Snapshot} from './types.js';

/** A judging and the server times (ms, `from` inclusive, `until` exclusive) over which it holds for every listener. */
type Judged = {staleAfterMs: number; statuses: readonly ConnectionStatus[]; from: number; until: number};

const judgedBySnapshot = new WeakMap<Snapshot, Judged>();

/**
 * The status of each of `snapshot.connections` (same positions) at server time `serverNow` (epoch ms), exactly
 * `connectionStatus` of each. The array is shared with later calls that fall in the same span: read only.
 */
export function judgeStatuses(
	snapshot: Snapshot,
	serverNow: number,
	staleAfterMs: number,
): readonly ConnectionStatus[] {
	const last = judgedBySnapshot.get(snapshot);
	if (last && last.staleAfterMs === staleAfterMs && last.from <= serverNow && serverNow < last.until) {
		return last.statuses;
	}

	const judged = judgeAt(snapshot, serverNow, staleAfterMs);
	judgedBySnapshot.set(snapshot, judged);
	return judged.statuses;
}

/**
 * Judges every listener at `serverNow` and finds the span around it. A listener with a session and a heartbeat `hb`
 * turns stale where `serverNow - hb` reaches `staleAfterMs`, at about `hb + staleAfterMs`; the span stops short of that
 * moment by a margin far wider than the rounding of those sums (epoch ms are whole numbers, so in practice the margin
 * is a few thousandths of a millisecond). Anything not a plain number (NaN, infinities, sums that overflow) makes the
 * span empty, and the next call judges again: never a stale answer, at worst no saving.
 */
function judgeAt(snapshot: Snapshot, serverNow: number, staleAfterMs: number): Judged {
	const {connections} = snapshot;
	const statuses = new Array<ConnectionStatus>(connections.length);
	let from = Number.NEGATIVE_INFINITY;
	let until = Number.POSITIVE_INFINITY;
	// With no positive threshold nothing is ever online (status.ts): no listener's status can move.
	const moves = staleAfterMs > 0;
	for (let index = 0; index < connections.length; index++) {
		const connection = connections[index]!;
		const status = connectionStatus(connection, serverNow, staleAfterMs);
		statuses[index] = status;
		const heartbeat = connection.lastHeartbeat;
		if (!moves || !connection.connectionId || heartbeat === null) continue;
		const threshold = heartbeat + staleAfterMs;
		const margin = (Math.abs(heartbeat) + Math.abs(staleAfterMs)) * 2 ** -48;
		// Math.min and Math.max carry a NaN through: the span is then empty.
		if (status === 'online') until = Math.min(until, threshold - margin);
		else from = Math.max(from, threshold + margin);
	}

	return {staleAfterMs, statuses, from, until};
}
