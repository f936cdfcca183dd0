/**
 * The fleet's shapes: snapshots (one complete listing, as Connections from
 * api/connection.ts) and the events the diff finds between two of them.
 */

import type {Connection} from '../api/connection.js';
import type {ChangedField, WatchedField} from './watched-fields.js';

/** A listener's status as judged at one moment (fleet/status.ts), written once. */
export const CONNECTION_STATUSES = ['online', 'stale', 'offline'] as const;

export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export type {ChangedField, WatchedField} from './watched-fields.js';

export type Snapshot = {
	/** Connections in the order the server listed them. */
	connections: Connection[];
	byId: ReadonlyMap<string, Connection>;
	/** Local clock when the fetch completed. */
	fetchedAt: number;
	/** Server clock minus local clock, from the response's Date header (0 when unknown). */
	clockOffsetMs: number;
	latencyMs: number;
	pages: number;
	/** Set when the request budget held the pass back: its rate (req/s) and how long it waited, ms. */
	paced?: {maxRps: number; waitedMs: number};
};

/**
 * Every kind of event the diff finds (fleet/diff.ts), written once: --events, the exporter's counters and the live
 * view's text derive from it.
 */
export const FLEET_EVENT_TYPES = [
	'appeared',
	'removed',
	'connected',
	'disconnected',
	'reconnected',
	'stale',
	'recovered',
	'changed',
] as const;

export type FleetEventType = (typeof FLEET_EVENT_TYPES)[number];

/**
 * `kept`: the same connectionId came back (a socket blip); `renewed`: the listener registered again and got a new one.
 */
export type SessionOutcome = 'kept' | 'renewed';

export type FleetEvent = {
	/** Local clock of the snapshot that revealed the event. */
	at: number;
	type: FleetEventType;
	/** The row key (see Connection.id). */
	id: string;
	deviceId: string;
	listenerInstanceId: string | null;
	connectionName: string;
	/** For `changed` (the field) and `connected`, `disconnected`, `reconnected` (connectionId). */
	field?: ChangedField | 'connectionId';
	from?: string | null;
	to?: string | null;
	/** For `reconnected`: whether the session (connectionId) survived. */
	session?: SessionOutcome;
	/** For `reconnected`: the pod before and after (the same when the socket came back to its pod). */
	podFrom?: string | null;
	podTo?: string | null;
	/** For `reconnected`: connectedAt before and after, epoch ms. */
	connectedAtFrom?: number | null;
	connectedAtTo?: number | null;
	/** For `reconnected`: the session fields that moved, to mark their cells. */
	sessionFields?: WatchedField[];
	/** Heartbeat age at the time of the event, for `stale` and `recovered`. */
	heartbeatAgeMs?: number | null;
	status?: ConnectionStatus;
};
