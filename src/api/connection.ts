/**
 * One listener record as the monitor holds it: parsed from GET /v1/environments by api/parse.ts,
 * which owns this shape. Every string field has already been made safe to print (see
 * api/sanitize.ts); the record as the API sent it (bounded: api/record-limits.ts) is kept in
 * `raw` for JSON output. Field facts: ../shared/reference/letta-environments-api.md.
 */

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
	/**
	 * Tells apart the listeners of one machine (`server-<16 hex>`, `desktop-primary:...`); read by Letta Code's CLI,
	 * not in the SDK's types.
	 */
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
