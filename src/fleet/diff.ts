/**
 * Compares two snapshots and says what happened between them. Pure: statuses
 * are judged at each snapshot's own server time, so a heartbeat that merely
 * ticked is not a change, and the same inputs always give the same events.
 */
import {connectionStatus, heartbeatAge, serverTime} from './status.js';
import type {Connection} from '../api/connection.js';
import type {FleetEvent, Snapshot} from './types.js';
import {CHANGED_FIELDS, SESSION_FIELDS, type SessionField} from './watched-fields.js';

/**
 * Events between two snapshots, matched by row key (Connection.id).
 * A session is told apart as the platform keeps it: the same connectionId with
 * a new connectedAt or pod is a reconnect that kept the session (a socket
 * blip); a new connectionId is a reconnect that renewed it (a new
 * registration). So the UP column never resets without an event saying why.
 */
export function diffSnapshots(previous: Snapshot, next: Snapshot, staleAfterMs: number): FleetEvent[] {
	const events: FleetEvent[] = [];
	const at = next.fetchedAt;
	const previousServerNow = serverTime(previous, previous.fetchedAt);
	const nextServerNow = serverTime(next, next.fetchedAt);

	const previousList = previous.connections;
	let matched = 0;
	for (let index = 0; index < next.connections.length; index++) {
		const connection = next.connections[index]!;
		// Servers list in a stable order: the record at the same place is usually the same listener, found without
		// hashing its key.
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

		const moved =
			before.connectionId && connection.connectionId
				? SESSION_FIELDS.filter(field => before[field] !== connection[field])
				: [];
		if (!before.connectionId && connection.connectionId) {
			events.push({
				...eventBase(at, connection),
				type: 'connected',
				field: 'connectionId',
				from: null,
				to: connection.connectionId,
				status,
			});
		} else if (before.connectionId && !connection.connectionId) {
			events.push({
				...eventBase(at, connection),
				type: 'disconnected',
				field: 'connectionId',
				from: before.connectionId,
				to: null,
				status,
			});
		} else if (
			before.connectionId &&
			connection.connectionId &&
			(before.connectionId !== connection.connectionId || moved.length > 0)
		) {
			events.push(reconnected(at, before, connection, moved, status));
		} else if (statusBefore === 'online' && status === 'stale') {
			events.push({
				...eventBase(at, connection),
				type: 'stale',
				status,
				heartbeatAgeMs: heartbeatAge(connection, nextServerNow),
			});
		} else if (statusBefore === 'stale' && status === 'online') {
			events.push({
				...eventBase(at, connection),
				type: 'recovered',
				status,
				heartbeatAgeMs: heartbeatAge(connection, nextServerNow),
			});
		}

		if (before === connection) {
			continue;
		}

		for (const field of CHANGED_FIELDS) {
			if (before[field] !== connection[field]) {
				events.push({
					...eventBase(at, connection),
					type: 'changed',
					field,
					from: before[field],
					to: connection[field],
					status,
				});
			}
		}
	}

	// Keys are unique (row-keys.ts): every earlier listener matched means none was removed.
	for (const before of matched === previousList.length ? [] : previousList) {
		if (!next.byId.has(before.id)) {
			events.push({...eventBase(at, before), type: 'removed'});
		}
	}

	return events;
}

function eventBase(at: number, connection: Connection) {
	return {
		at,
		id: connection.id,
		deviceId: connection.deviceId,
		listenerInstanceId: connection.listenerInstanceId,
		connectionName: connection.connectionName,
	};
}

function reconnected(
	at: number,
	before: Connection,
	after: Connection,
	moved: SessionField[],
	status: FleetEvent['status'],
): FleetEvent {
	return {
		...eventBase(at, after),
		type: 'reconnected',
		session: before.connectionId === after.connectionId ? 'kept' : 'renewed',
		field: 'connectionId',
		from: before.connectionId,
		to: after.connectionId,
		podFrom: before.podId,
		podTo: after.podId,
		connectedAtFrom: before.connectedAt,
		connectedAtTo: after.connectedAt,
		sessionFields: moved,
		status,
	};
}
