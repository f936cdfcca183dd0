/**
 * The fleet as it was at a past moment, rebuilt from what the history file holds (pure: the rows
 * come from fleet-at.ts): each listener's baseline of watched fields (when first recorded), every
 * change after it up to the moment applied in order, and its status from the interval that covers
 * the moment. No interval covers it: nobody watched the listener then, and its status is unknown.
 * Turned into a `Snapshot` of `Connection`s, so the table draws the past as it draws the present.
 */
import type {Connection} from '../api/connection.js';
import {sanitizeText} from '../api/sanitize.js';
import {CHANGED_FIELDS} from '../fleet/watched-fields.js';
import type {FleetEvent, Snapshot} from '../fleet/types.js';
import {cap} from './stored-text.js';
import {EVENT_TYPE_CODES} from './schema.js';
import type {RecordedListener, RecordedStatus} from './types.js';

/** The watched fields and the session as rebuilt; strings already cleaned for a terminal. */
export type RebuiltFields = {
	connectionName: string;
	mode: string | null;
	branch: string | null;
	workingDirectory: string | null;
	lettaCodeVersion: string | null;
	podId: string | null;
	connectionId: string | null;
	/** Epoch ms. */
	connectedAt: number | null;
};

/** One listener as it was at the moment: its names, fields, and status (null: unknown, not watched then). */
export type RebuiltListener = {
	listener: RecordedListener;
	organizationId: string;
	fields: RebuiltFields;
	status: RecordedStatus | null;
	/** When the status covering the moment began (epoch ms); null when unknown. */
	statusSince: number | null;
};

/** The fleet at `at` (epoch ms): the listeners recorded by then, in the order they were first recorded. */
export type FleetAt = {at: number; listeners: RebuiltListener[]; truncated: boolean};

/** A stored change that moves a watched field or the session (events.type, server_at, details). */
export type StoredChange = {type: number; serverAt: number; details: Partial<FleetEvent>};

/** A stored string made fit for a terminal (the file is hostile), or null. */
function text(value: unknown): string | null {
	return typeof value === 'string' ? sanitizeText(cap(value)) : null;
}

function epoch(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The baseline as stored (stored-text.ts baselineJson): a JSON object of the watched fields and the
 * session id. A baseline that does not read (not JSON, not an object, over 64 KiB) gives the names
 * only, every other field null: one bad row never hides the listener.
 */
export function parseBaseline(stored: unknown, connectionName: string): RebuiltFields {
	let parsed: Record<string, unknown> = {};
	if (typeof stored === 'string' && stored.length <= 65_536) {
		try {
			const value: unknown = JSON.parse(stored);
			if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
				parsed = value as Record<string, unknown>;
			}
		} catch {
			// Names only, as documented.
		}
	}

	return {
		connectionName: text(parsed['connectionName']) ?? text(connectionName) ?? '',
		mode: text(parsed['mode']),
		branch: text(parsed['branch']),
		workingDirectory: text(parsed['workingDirectory']),
		lettaCodeVersion: text(parsed['lettaCodeVersion']),
		podId: text(parsed['podId']),
		connectionId: text(parsed['connectionId']),
		connectedAt: epoch(parsed['connectedAt']),
	};
}

/**
 * `fields` after one change, applied in order of time. A `connected` event carries no connectedAt:
 * its server time is it (history/poll-batch.ts naturalKey); nor its pod, which is unknown (null) then.
 */
export function applyChange(fields: RebuiltFields, change: StoredChange): RebuiltFields {
	const {details} = change;
	switch (change.type) {
		case EVENT_TYPE_CODES.changed: {
			const field = CHANGED_FIELDS.find(name => name === details.field);
			if (field === undefined) return fields;
			const to = text(details.to);
			return field === 'connectionName' ? {...fields, connectionName: to ?? ''} : {...fields, [field]: to};
		}

		case EVENT_TYPE_CODES.connected: {
			return {...fields, connectionId: text(details.to), connectedAt: epoch(change.serverAt), podId: null};
		}

		case EVENT_TYPE_CODES.reconnected: {
			return {
				...fields,
				connectionId: text(details.to),
				podId: details.podTo === undefined ? fields.podId : text(details.podTo),
				connectedAt: epoch(details.connectedAtTo) ?? fields.connectedAt,
			};
		}

		case EVENT_TYPE_CODES.disconnected: {
			return {...fields, connectionId: null, connectedAt: null, podId: null};
		}

		default: {
			return fields;
		}
	}
}

/** What a session without a recorded id is called (a connect the monitor did not see). */
export const UNRECORDED_SESSION = '(not recorded)';

/**
 * The rebuilt fleet as a Snapshot taken at `fleet.at` (clock offset 0: times as recorded), and how
 * many listeners were left out because their status then is unknown. Leaving them out, rather than
 * drawing them offline (or gone, which says the API dropped them), keeps every count in the header
 * true to what was observed; the banner says how many were not watched.
 *
 * Heartbeats are made to judge as recorded (fleet/status.ts): online has a heartbeat at the moment,
 * stale one `staleAfterMs` before its stale stretch began, offline none.
 */
export function rebuiltSnapshot(fleet: FleetAt, staleAfterMs: number): {snapshot: Snapshot; unknown: number} {
	const connections: Connection[] = [];
	const byId = new Map<string, Connection>();
	let unknown = 0;
	for (const entry of fleet.listeners) {
		if (entry.status === null) {
			unknown++;
			continue;
		}

		const connection = toConnection(entry, fleet.at, staleAfterMs);
		// Two organizations under one base URL may share a record id: the row key must be unique.
		for (let n = 2; byId.has(connection.id); n++) {
			connection.id = `${connection.recordId}#${n}`;
			connection.keyNote = 'its id is repeated in another organization recorded for this base URL';
		}

		byId.set(connection.id, connection);
		connections.push(connection);
	}

	return {snapshot: {connections, byId, fetchedAt: fleet.at, clockOffsetMs: 0, latencyMs: 0, pages: 0}, unknown};
}

function toConnection(entry: RebuiltListener, at: number, staleAfterMs: number): Connection {
	const {fields, status, listener} = entry;
	const session = status !== 'offline';
	const connectionId = session ? (fields.connectionId ?? UNRECORDED_SESSION) : null;
	const lastHeartbeat =
		status === 'online' ? at : status === 'stale' ? (entry.statusSince ?? at) - staleAfterMs : null;
	const id = sanitizeText(listener.id);
	const known = {
		id,
		deviceId: listener.deviceId === null ? '' : sanitizeText(listener.deviceId),
		listenerInstanceId: listener.listenerInstanceId === null ? null : sanitizeText(listener.listenerInstanceId),
		connectionId,
		connectionName: fields.connectionName || sanitizeText(listener.connectionName),
		organizationId: sanitizeText(entry.organizationId),
		podId: session ? fields.podId : null,
		connectedAt: session ? fields.connectedAt : null,
		lastHeartbeat,
		lastSeenAt: status === 'offline' ? entry.statusSince : at,
		mode: fields.mode,
		branch: fields.branch,
		workingDirectory: fields.workingDirectory,
		lettaCodeVersion: fields.lettaCodeVersion,
	};
	return {
		...known,
		recordId: id,
		keyNote: null,
		firstSeenAt: null,
		apiKeyOwner: null,
		userId: null,
		modeAsSent: null,
		nodeVersion: null,
		os: null,
		supportedCommands: [],
		selfUpdate: null,
		metadata: {},
		problems: [`rebuilt from the history file as of ${new Date(at).toISOString()}: only watched fields are known`],
		raw: {...known, asOf: new Date(at).toISOString()},
	};
}
