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

	const previousList = previous.connections;
	let matched = 0;
	for (let index = 0; index < next.connections.length; index++) {
		const connection = next.connections[index]!;
		// Servers list in a stable order: the record at the same place is usually the same device, found without hashing its id.
		const aligned = previousList[index];
		const before = aligned?.id === connection.id ? aligned : previous.byId.get(connection.id);
		const status = connectionStatus(connection, nextServerNow, staleAfterMs);
		if (!before) {
			events.push({...eventBase(at, connection), type: 'appeared', status});
			continue;
		}

		matched++;
		const statusBefore = connectionStatus(before, previousServerNow, staleAfterMs);
		// A record the fetcher reused unchanged can only have aged: no field can differ.
		if (before === connection && statusBefore === status) {
			continue;
		}

		if (!before.connectionId && connection.connectionId) {
			events.push({...eventBase(at, connection), type: 'connected', field: 'connectionId', from: null, to: connection.connectionId, status});
		} else if (before.connectionId && !connection.connectionId) {
			events.push({...eventBase(at, connection), type: 'disconnected', field: 'connectionId', from: before.connectionId, to: null, status});
		} else if (before.connectionId && connection.connectionId && before.connectionId !== connection.connectionId) {
			events.push({...eventBase(at, connection), type: 'reconnected', field: 'connectionId', from: before.connectionId, to: connection.connectionId, status});
		} else if (statusBefore === 'online' && status === 'stale') {
			events.push({...eventBase(at, connection), type: 'stale', status, heartbeatAgeMs: heartbeatAge(connection, nextServerNow)});
		} else if (statusBefore === 'stale' && status === 'online') {
			events.push({...eventBase(at, connection), type: 'recovered', status, heartbeatAgeMs: heartbeatAge(connection, nextServerNow)});
		}

		if (before === connection) {
			continue;
		}

		const sameSession = before.connectionId !== null && before.connectionId === connection.connectionId;
		for (const field of WATCHED_FIELDS) {
			// A pod only "changes" within one session; a new session's pod comes with its connect event.
			if (field === 'podId' && !sameSession) {
				continue;
			}

			if (before[field] !== connection[field]) {
				events.push({...eventBase(at, connection), type: 'changed', field, from: before[field], to: connection[field], status});
			}
		}
	}

	// With unique ids, every earlier device matched means none was removed.
	const unique = next.byId.size === next.connections.length;
	for (const before of unique && matched === previousList.length ? [] : previousList) {
		if (!next.byId.has(before.id)) {
			events.push({at, type: 'removed', id: before.id, deviceId: before.deviceId, connectionName: before.connectionName});
		}
	}

	return events;
}

function eventBase(at: number, connection: Connection) {
	return {at, id: connection.id, deviceId: connection.deviceId, connectionName: connection.connectionName};
}

/** Builds the lookup a Snapshot carries; the last record wins when a server repeats an id. */
export function indexConnections(connections: Connection[]): Map<string, Connection> {
	const byId = new Map<string, Connection>();
	for (const connection of connections) {
		byId.set(connection.id, connection);
	}

	return byId;
}
