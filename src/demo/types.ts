/**
 * Records of the demo server exactly as they go over the wire (see
 * list-environment-connections in the reference notes). Kept apart from
 * fleet/types.ts on purpose: that is the app's normalized view, this is what
 * the platform sends.
 */

export type RawSelfUpdate = {
	supported: boolean;
	writable: boolean;
	install_path?: string;
	manual_command?: string;
	reason?: string;
};

export type RawMetadata = {
	lettaCodeVersion?: string;
	nodeVersion?: string;
	os?: string;
	workingDirectory?: string;
	gitBranch?: string;
	supported_commands?: string[];
	self_update?: RawSelfUpdate;
	[key: string]: unknown;
};

export type RawConnection = {
	id: string;
	deviceId: string;
	/** Null when offline, as are podId, connectedAt and lastHeartbeat. */
	connectionId: string | null;
	/**
	 * Tells apart the listeners of one machine: `server-<16 hex>` derived from the listener's
	 * name, `desktop-primary:...` for the desktop app. In list responses though not in the SDK's types.
	 */
	listenerInstanceId?: string;
	connectionName: string;
	organizationId: string;
	podId: string | null;
	/** Epoch milliseconds. */
	connectedAt: number | null;
	lastHeartbeat: number | null;
	firstSeenAt: number;
	lastSeenAt: number;
	apiKeyOwner?: string;
	userId?: string;
	currentMode?: string;
	metadata?: RawMetadata;
};

export type DeviceState = 'online' | 'hung' | 'offline';

export type PageQuery = {
	/** Records with an id greater than this one. */
	after?: string;
	limit: number;
	onlineOnly?: boolean;
	source?: 'local' | 'remote';
	userId?: string;
};

export type Page = {
	connections: RawConnection[];
	hasNextPage: boolean;
};
