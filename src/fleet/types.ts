/**
 * The normalized shapes the whole app shares. Every string field of a
 * Connection has already been made safe to print (see api/sanitize.ts); the
 * record exactly as the API sent it is kept in `raw` for JSON output.
 */

export type ConnectionStatus = 'online' | 'stale' | 'offline';

export type SelfUpdate = {
	supported: boolean | null;
	writable: boolean | null;
	installPath: string | null;
	manualCommand: string | null;
	reason: string | null;
};

export type Connection = {
	id: string;
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
	/** The record as it came over the wire, untouched. */
	raw: Record<string, unknown>;
};

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
};

export type ChangedField = 'mode' | 'branch' | 'workingDirectory' | 'lettaCodeVersion' | 'podId';

export type FleetEventType =
	| 'appeared'
	| 'removed'
	| 'connected'
	| 'disconnected'
	| 'reconnected'
	| 'stale'
	| 'recovered'
	| 'changed';

export type FleetEvent = {
	/** Local clock of the snapshot that revealed the event. */
	at: number;
	type: FleetEventType;
	id: string;
	deviceId: string;
	connectionName: string;
	/** For `changed` (the field) and `reconnected` (connectionId). */
	field?: ChangedField | 'connectionId';
	from?: string | null;
	to?: string | null;
	/** Heartbeat age at the time of the event, for `stale` and `recovered`. */
	heartbeatAgeMs?: number | null;
	status?: ConnectionStatus;
};
