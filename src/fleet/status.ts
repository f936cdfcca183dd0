import type {Connection} from '../api/connection.js';
import type {ConnectionStatus, Snapshot} from './types.js';

/** The server's clock at local time `now`, as estimated from the last response's Date header. */
export function serverTime(snapshot: Pick<Snapshot, 'clockOffsetMs'>, now: number): number {
	return now + snapshot.clockOffsetMs;
}

/** Milliseconds since the last heartbeat, never negative (clocks disagree by a little). */
export function heartbeatAge(connection: Connection, serverNow: number): number | null {
	if (connection.lastHeartbeat === null) {
		return null;
	}

	return Math.max(0, serverNow - connection.lastHeartbeat);
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
