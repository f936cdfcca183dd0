import type {Connection} from '../api/connection.js';
import type {ConnectionStatus, Snapshot} from './types.js';

/** The server's clock at local time `now`, as estimated from the last response's Date header. */
export function serverTime(snapshot: Pick<Snapshot, 'clockOffsetMs'>, now: number): number {
	return now + snapshot.clockOffsetMs;
}

/** How long before `serverNow` (epoch ms) the moment `since` was, ms, never negative (clocks disagree by a little). */
export function ageAt(since: number | null, serverNow: number): number | null {
	return since === null ? null : Math.max(0, serverNow - since);
}

/** Milliseconds since the last heartbeat at `serverNow` (epoch ms); null without one. */
export function heartbeatAge(connection: Connection, serverNow: number): number | null {
	return ageAt(connection.lastHeartbeat, serverNow);
}

/**
 * online: a live session with a fresh heartbeat; stale: a session whose
 * heartbeat is older than staleAfterMs (or missing); offline: no session.
 */
export function connectionStatus(connection: Connection, serverNow: number, staleAfterMs: number): ConnectionStatus {
	if (!connection.connectionId) {
		return 'offline';
	}

	const age = heartbeatAge(connection, serverNow);
	return age !== null && age < staleAfterMs ? 'online' : 'stale';
}
