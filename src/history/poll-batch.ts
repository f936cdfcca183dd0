/**
 * What one successful poll adds to the history, computed from the fleet's state (pure: no file,
 * time from the snapshot): listeners first seen this run with their baselines, status changes,
 * the diff's events with their natural keys, and the counts of the minute.
 *
 * A listener is its record's `id` as the API sent it, within the organization its record carries;
 * a row whose key is not its record id (missing, or the second of a repeated id: fleet/row-keys.ts)
 * cannot be named across runs and is not recorded.
 */
import type {Connection} from '../api/connection.js';
import {connectionStatus, serverTime} from '../fleet/status.js';
import type {FleetEvent, Snapshot} from '../fleet/types.js';
import {cap} from './stored-text.js';
import {DETAIL_KEYS} from './schema.js';
import type {RecordedStatus} from './types.js';
import {type EventRow, listenerKey, type ListenerFacts, type PollBatch} from './writer.js';

/** What the batch builder remembers between polls of one run: only what the last poll listed. */
export type BatchMemory = {
	/** Each listed listener's last recorded status, and the poll that last listed it, by listenerKey. */
	statuses: Map<string, {org: string; recordId: string; status: RecordedStatus; listedIn: number}>;
	/** Polls seen, to tell a listener listed in this one from one that was not. */
	polls: number;
	/** The last recorded poll's snapshot (its Connections name the listeners of `removed` events). */
	previous: Snapshot | null;
};

export function emptyMemory(): BatchMemory {
	return {statuses: new Map(), polls: 0, previous: null};
}

/**
 * The batch for `snapshot` and the events its diff found. `gapMs`: a poll this long after the
 * previous one means the time between was not watched (polls failed, or the view was paused):
 * every open interval closes at the previous poll (`gapFrom`) and opens again at this one. Updates
 * `memory`.
 */
export function pollBatch(
	memory: BatchMemory,
	snapshot: Snapshot,
	events: readonly FleetEvent[],
	staleAfterMs: number,
	gapMs: number,
): PollBatch {
	const at = snapshot.fetchedAt;
	const batch: PollBatch = {at, gapFrom: null, listeners: [], statuses: [], events: [], counts: [], forget: []};
	const previous = memory.previous;
	if (previous && at - previous.fetchedAt > gapMs) {
		batch.gapFrom = previous.fetchedAt;
		memory.statuses.clear();
	}

	const serverNow = serverTime(snapshot, at);
	const poll = ++memory.polls;
	const counts = new Map<string, {online: number; stale: number; offline: number}>();
	const {connections} = snapshot;
	// By index and forEach, not for…of: docs/performance.md, "Loops run once a poll".
	for (let index = 0; index < connections.length; index++) {
		const connection = connections[index]!;
		const name = recordName(connection);
		if (!name) continue;
		const {key} = name;
		const status = connectionStatus(connection, serverNow, staleAfterMs);
		const count = counts.get(name.org) ?? {online: 0, stale: 0, offline: 0};
		count[status]++;
		counts.set(name.org, count);
		const known = memory.statuses.get(key);
		if (!known) batch.listeners.push(listenerFacts(connection, name.org, name.recordId));
		if (known?.status === status) {
			known.listedIn = poll;
		} else {
			batch.statuses.push({org: name.org, recordId: name.recordId, status, at});
			memory.statuses.set(key, {org: name.org, recordId: name.recordId, status, listedIn: poll});
		}
	}

	// Gone from the listing is offline while we watch (types.ts). Its offline interval stays open in the file, but it
	// is forgotten here and by the writer: a run that watches a churning fleet for weeks remembers only what is
	// listed, and a listener that comes back is first seen again (PollBatch's `listeners`).
	memory.statuses.forEach((known, key, statuses) => {
		if (known.listedIn === poll) return;
		if (known.status !== 'offline') {
			batch.statuses.push({org: known.org, recordId: known.recordId, status: 'offline', at});
		}

		// A Map's forEach visits each entry once, deletions during it included.
		statuses.delete(key);
		batch.forget.push(key);
	});

	for (const event of events) {
		const row = eventRow(event, snapshot.byId.get(event.id) ?? previous?.byId.get(event.id), at);
		if (row) batch.events.push(row);
	}

	const minute = Math.floor(at / 60_000) * 60_000;
	for (const [org, count] of counts) batch.counts.push({org, minute, ...count});
	memory.previous = snapshot;
	return batch;
}

type RecordName = {org: string; recordId: string; key: string};

/** Names by Connection: an unchanged record keeps its object across polls (api/parse.ts), so names are built once. */
const names = new WeakMap<Connection, RecordName | null>();

/** The organization and record id that name a row across runs, or null when its key is not its record id. */
function recordName(connection: Connection): RecordName | null {
	let name = names.get(connection);
	if (name === undefined) {
		if (connection.recordId === null || connection.id !== connection.recordId) {
			name = null;
		} else {
			const org = cap(connection.organizationId ?? '');
			const recordId = cap(connection.recordId);
			name = {org, recordId, key: listenerKey(org, recordId)};
		}

		names.set(connection, name);
	}

	return name;
}

function listenerFacts(connection: Connection, org: string, recordId: string): ListenerFacts {
	return {org, recordId, connection};
}

/** The event as stored, with its natural key; null for a row that is not recorded (see recordName). */
function eventRow(event: FleetEvent, connection: Connection | undefined, at: number): EventRow | null {
	const name = connection ? recordName(connection) : null;
	if (!name || !connection) return null;
	const {movedTo, serverAt} = naturalKey(event, connection);
	const {
		at: _at,
		type: _type,
		id: _id,
		deviceId: _device,
		listenerInstanceId: _instance,
		connectionName: _name,
		sessionFields: _cells,
		...details
	} = event;
	return {
		org: name.org,
		recordId: name.recordId,
		at: event.at || at,
		type: event.type,
		movedTo: cap(movedTo),
		serverAt,
		details: detailsJson(details),
	};
}

/** The details by position (schema.ts DETAIL_KEYS), strings capped, absent ones `false`, trailing ones left off. */
function detailsJson(details: Partial<FleetEvent>): string {
	const values: unknown[] = DETAIL_KEYS.map(key => {
		const value = details[key];
		if (value === undefined) return false;
		return typeof value === 'string' ? cap(value) : value;
	});
	while (values.at(-1) === false) values.pop();
	return JSON.stringify(values);
}

/**
 * The state an event moved to and the server's time of it, the same for every recorder that sees
 * it (field facts: the API reference): `connectedAt` for a session that began, `lastSeenAt` for one
 * that ended, the heartbeat for stale and recovered, `firstSeenAt` for a new record. A `changed`
 * field has no server time.
 */
function naturalKey(event: FleetEvent, connection: Connection): {movedTo: string; serverAt: number | null} {
	switch (event.type) {
		case 'appeared': {
			return {movedTo: 'listed', serverAt: connection.firstSeenAt};
		}

		case 'removed': {
			return {movedTo: 'unlisted', serverAt: connection.lastSeenAt};
		}

		case 'connected':
		case 'reconnected': {
			return {movedTo: event.to ?? '', serverAt: connection.connectedAt ?? event.connectedAtTo ?? null};
		}

		case 'disconnected': {
			return {movedTo: 'offline', serverAt: connection.lastSeenAt};
		}

		case 'stale':
		case 'recovered': {
			return {movedTo: event.type, serverAt: connection.lastHeartbeat};
		}

		case 'changed': {
			return {movedTo: `${event.field ?? ''}=${event.to ?? ''}`, serverAt: null};
		}
	}
}
