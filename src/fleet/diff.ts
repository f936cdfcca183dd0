/**
 * Compares two snapshots and says what happened between them. Pure: statuses
 * are judged at each snapshot's own server time, so a heartbeat that merely
 * ticked is not a change, and the same inputs always give the same events.
 */
import {connectionStatus, heartbeatAge, serverTime} from './status.js';
import type {ChangedField, Connection, FleetEvent, Snapshot} from './types.js';

const WATCHED_FIELDS: ChangedField[] = ['mode', 'branch', 'workingDirectory', 'lettaCodeVersion', 'podId'];

export function diffSnapshots(previous: Snapshot, next: Snapshot, staleAfterMs: number): FleetEvent[] {
	const events: FleetEvent[] = [];
	const at = next.fetchedAt;
	const previousServerNow = serverTime(previous, previous.fetchedAt);
	const nextServerNow = serverTime(next, next.fetchedAt);

	for (const connection of next.connections) {
		const before = previous.byId.get(connection.id);
		const status = connectionStatus(connection, nextServerNow, staleAfterMs);
		const base = {at, id: connection.id, deviceId: connection.deviceId, connectionName: connection.connectionName};
		if (!before) {
			events.push({...base, type: 'appeared', status});
			continue;
		}

		const statusBefore = connectionStatus(before, previousServerNow, staleAfterMs);
		if (!before.connectionId && connection.connectionId) {
			events.push({...base, type: 'connected', field: 'connectionId', from: null, to: connection.connectionId, status});
		} else if (before.connectionId && !connection.connectionId) {
			events.push({...base, type: 'disconnected', field: 'connectionId', from: before.connectionId, to: null, status});
		} else if (before.connectionId && connection.connectionId && before.connectionId !== connection.connectionId) {
			events.push({...base, type: 'reconnected', field: 'connectionId', from: before.connectionId, to: connection.connectionId, status});
		} else if (statusBefore === 'online' && status === 'stale') {
			events.push({...base, type: 'stale', status, heartbeatAgeMs: heartbeatAge(connection, nextServerNow)});
		} else if (statusBefore === 'stale' && status === 'online') {
			events.push({...base, type: 'recovered', status, heartbeatAgeMs: heartbeatAge(connection, nextServerNow)});
		}

		const sameSession = before.connectionId !== null && before.connectionId === connection.connectionId;
		for (const field of WATCHED_FIELDS) {
			// A pod only "changes" within one session; a new session's pod comes with its connect event.
			if (field === 'podId' && !sameSession) {
				continue;
			}

			if (before[field] !== connection[field]) {
				events.push({...base, type: 'changed', field, from: before[field], to: connection[field], status});
			}
		}
	}

	for (const before of previous.connections) {
		if (!next.byId.has(before.id)) {
			events.push({at, type: 'removed', id: before.id, deviceId: before.deviceId, connectionName: before.connectionName});
		}
	}

	return events;
}

/** Builds the lookup a Snapshot carries; the last record wins when a server repeats an id. */
export function indexConnections(connections: Connection[]): Map<string, Connection> {
	const byId = new Map<string, Connection>();
	for (const connection of connections) {
		byId.set(connection.id, connection);
	}

	return byId;
}
