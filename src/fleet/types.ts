/**
 * The normalized shapes the whole app shares. Every string field of a
 * Connection has already been made safe to print (see api/sanitize.ts); the
 * record exactly as the API sent it is kept in `raw` for JSON output.
 */

import type {ChangedField, WatchedField} from './watched-fields.js';

export type ConnectionStatus = 'online' | 'stale' | 'offline';

export type SelfUpdate = {
	supported: boolean | null;
	writable: boolean | null;
	installPath: string | null;
	manualCommand: string | null;
	reason: string | null;
};

export type Connection = {
	/**
	 * The row's key, unique within one listing: the record id as sent, unless it is missing or
	 * repeated; then a derived key (`<id>#2`, `device:<deviceId>`, `record:<n>`) and `keyNote` says
	 * why (see fleet/row-keys.ts). Selection, marks, tombstones and the diff follow it.
	 */
	id: string;
	/** The `id` exactly as the API sent it (sanitized); null when missing or empty. */
	recordId: string | null;
	/** Why this row's key is not its record id (missing, repeated), for the detail pane; null when it is. */
	keyNote: string | null;
	/** One machine; several listeners (rows) can share it. */
	deviceId: string;
	/** Tells apart the listeners of one machine (`server-<16 hex>`, `desktop-primary:...`); read by Letta Code's CLI, not in the SDK's types. */
	listenerInstanceId: string | null;
	/** The listener's session: survives ordinary reconnects, renewed only by a new registration; null when offline. */
	connectionId: string | null;
	connectionName: string;
	organizationId: string | null;
	podId: string | null;
	/** Epoch milliseconds; null when offline. */
	connectedAt: number | null;
	lastHeartbeat: number | null;
	firstSeenAt: number | null;
	lastSeenAt: number | null;
	apiKeyOwner: string | null;
	userId: string | null;
	/** Current name of the permission mode (legacy names mapped), unknown values as sent. */
	mode: string | null;
	/** The mode exactly as sent, when it differs from `mode` (a legacy name). */
	modeAsSent: string | null;
	branch: string | null;
	workingDirectory: string | null;
	lettaCodeVersion: string | null;
	nodeVersion: string | null;
	os: string | null;
	supportedCommands: string[];
	selfUpdate: SelfUpdate | null;
	/** Every metadata key, printable, including keys this version does not know. */
	metadata: Record<string, unknown>;
	/** Fields that were present but unreadable (schema drift), for the detail pane. */
	problems: string[];
	/** The record as it came over the wire, untouched (an object, unless the API sent something else). */
	raw: unknown;
};

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


export type FleetEventType =
	| 'appeared'
	| 'removed'
	| 'connected'
	| 'disconnected'
	| 'reconnected'
	| 'stale'
	| 'recovered'
	| 'changed';

/** `kept`: the same connectionId came back (a socket blip); `renewed`: the listener registered again and got a new one. */
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
