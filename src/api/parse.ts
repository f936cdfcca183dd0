/**
 * Turns one raw record of GET /v1/environments into a Connection. Tolerant by
 * design: the API may drift, and a record that cannot be fully read is still
 * shown with what could be read, its unreadable fields listed in `problems`.
 */
import type {Connection, SelfUpdate} from './connection.js';
import {boundRecord} from './bound-record.js';
import {sameJson, shareEqualParts} from './same-json.js';
import {sanitizeDeep, sanitizeText} from './sanitize.js';

/**
 * Legacy permission-mode names and their current ones (Letta Code 0.32; `plan` has no current name and is shown as
 * sent).
 */
const LEGACY_MODES: Record<string, string> = {
	default: 'standard',
	bypassPermissions: 'unrestricted',
	fullAccess: 'unrestricted',
};

type Reader = {
	problems: string[];
	record: Record<string, unknown>;
};

export class ParseError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readString(reader: Reader, source: Record<string, unknown>, key: string, label = key): string | null {
	const value = source[key];
	if (value === undefined || value === null) {
		return null;
	}

	if (typeof value === 'string') {
		return sanitizeText(value);
	}

	if (typeof value === 'number' || typeof value === 'boolean') {
		return String(value);
	}

	reader.problems.push(`${label}: expected a string, got ${describe(value)}`);
	return null;
}

/**
 * A number a Date can hold: finite and within ±8.64e15 ms of the epoch (ECMA-262, "Time Values
 * and Time Range"). Past it every date formatter throws, so such a value is a problem of its
 * record, not a time.
 */
function isDateValue(value: number): boolean {
	return Number.isFinite(value) && Math.abs(value) <= 8.64e15;
}

/** Epoch milliseconds; also understood as a numeric string or an ISO date, since APIs drift. */
function readTimestamp(reader: Reader, key: string): number | null {
	const value = reader.record[key];
	if (value === undefined || value === null) {
		return null;
	}

	if (typeof value === 'number' && isDateValue(value)) {
		return value;
	}

	if (typeof value === 'string' && value.trim() !== '') {
		const asNumber = Number(value);
		if (isDateValue(asNumber)) {
			return asNumber;
		}

		const asDate = Date.parse(value);
		if (isDateValue(asDate)) {
			return asDate;
		}
	}

	reader.problems.push(`${key}: expected epoch milliseconds, got ${describe(value)}`);
	return null;
}

function readBoolean(value: unknown): boolean | null {
	if (typeof value === 'boolean') {
		return value;
	}

	if (value === 'true' || value === 'false') {
		return value === 'true';
	}

	return null;
}

function describe(value: unknown): string {
	if (Array.isArray(value)) {
		return 'an array';
	}

	if (value === null) {
		return 'null';
	}

	const type = typeof value;
	return type === 'object' ? 'an object' : `a ${type}`;
}

function readSelfUpdate(reader: Reader, metadata: Record<string, unknown>): SelfUpdate | null {
	const value = metadata['self_update'];
	if (value === undefined || value === null) {
		return null;
	}

	if (!isObject(value)) {
		reader.problems.push(`metadata.self_update: expected an object, got ${describe(value)}`);
		return null;
	}

	return {
		supported: readBoolean(value['supported']),
		writable: readBoolean(value['writable']),
		installPath: readString(reader, value, 'install_path', 'metadata.self_update.install_path'),
		manualCommand: readString(reader, value, 'manual_command', 'metadata.self_update.manual_command'),
		reason: readString(reader, value, 'reason', 'metadata.self_update.reason'),
	};
}

function readCommands(reader: Reader, metadata: Record<string, unknown>): string[] {
	const value = metadata['supported_commands'];
	if (value === undefined || value === null) {
		return [];
	}

	if (!Array.isArray(value)) {
		reader.problems.push(`metadata.supported_commands: expected an array, got ${describe(value)}`);
		return [];
	}

	// Held as sent when every command is a clean string (the common case): one array, not two.
	if (value.every(item => typeof item === 'string' && sanitizeText(item) === item)) {
		return value as string[];
	}

	return value.filter((item): item is string => typeof item === 'string').map(item => sanitizeText(item));
}

/**
 * Never throws: a record with no identity, or not even an object, still
 * becomes a Connection (so it gets a row), with what is odd in `problems`.
 * `id` is provisional here (the id as sent, or ""): fleet/row-keys.ts gives
 * every record of a listing its unique row key. The record is first held to
 * RECORD_LIMITS (bound-record.ts): `raw` is that bounded copy, and what was
 * cut leads its `problems`.
 */
export function parseConnection(input: unknown): Connection {
	const {record, cuts} = boundRecord(input);
	return readConnection(record, cuts);
}

/** parseConnection of a record already held to RECORD_LIMITS; `cuts` says what that cut. */
function readConnection(input: unknown, cuts: readonly string[]): Connection {
	const value = isObject(input) ? input : {};
	const reader: Reader = {problems: [...cuts], record: value};
	if (!isObject(input)) {
		reader.problems.push(`record: expected an object, got ${describe(input)}`);
	}

	const id = readString(reader, value, 'id') || null;
	const deviceId = readString(reader, value, 'deviceId') || null;
	if (isObject(input) && !deviceId) {
		reader.problems.push(
			id ? 'deviceId: missing or empty; the record id stands for its machine' : 'deviceId: missing or empty',
		);
	}

	let metadata: Record<string, unknown> = {};
	const rawMetadata = value['metadata'];
	if (isObject(rawMetadata)) {
		metadata = rawMetadata;
	} else if (rawMetadata !== undefined && rawMetadata !== null) {
		reader.problems.push(`metadata: expected an object, got ${describe(rawMetadata)}`);
	}

	const modeAsSent = readString(reader, value, 'currentMode');
	const mode = modeAsSent === null ? null : (LEGACY_MODES[modeAsSent] ?? modeAsSent);
	const connectionId = readString(reader, value, 'connectionId');

	return {
		id: id ?? '',
		recordId: id,
		keyNote: null,
		deviceId: deviceId ?? id ?? '',
		listenerInstanceId: readString(reader, value, 'listenerInstanceId'),
		// An empty connectionId means no live session, as Letta Code itself reads it.
		connectionId: connectionId === '' ? null : connectionId,
		connectionName: readString(reader, value, 'connectionName') || deviceId || id || '(unnamed)',
		organizationId: readString(reader, value, 'organizationId'),
		podId: readString(reader, value, 'podId'),
		connectedAt: readTimestamp(reader, 'connectedAt'),
		lastHeartbeat: readTimestamp(reader, 'lastHeartbeat'),
		firstSeenAt: readTimestamp(reader, 'firstSeenAt'),
		lastSeenAt: readTimestamp(reader, 'lastSeenAt'),
		apiKeyOwner: readString(reader, value, 'apiKeyOwner'),
		userId: readString(reader, value, 'userId'),
		mode,
		modeAsSent: mode === modeAsSent ? null : modeAsSent,
		branch: readString(reader, metadata, 'gitBranch', 'metadata.gitBranch'),
		workingDirectory: readString(reader, metadata, 'workingDirectory', 'metadata.workingDirectory'),
		lettaCodeVersion: readString(reader, metadata, 'lettaCodeVersion', 'metadata.lettaCodeVersion'),
		nodeVersion: readString(reader, metadata, 'nodeVersion', 'metadata.nodeVersion'),
		os: readString(reader, metadata, 'os', 'metadata.os'),
		supportedCommands: readCommands(reader, metadata),
		selfUpdate: readSelfUpdate(reader, metadata),
		metadata: sanitizeDeep(metadata) as Record<string, unknown>,
		problems: reader.problems.length > 0 ? reader.problems : NO_PROBLEMS,
		raw: input,
	};
}

/** Shared by every record read without a problem (most): never written to. */
const NO_PROBLEMS: string[] = Object.freeze([]) as unknown as string[];

export type ParsedPage = {
	connections: Connection[];
	hasNextPage: boolean;
	/** The `id` of the last raw record, the cursor for the next page. */
	lastId: string | null;
};

/**
 * Every record becomes a Connection, none is skipped; each is first held to
 * RECORD_LIMITS (bound-record.ts), its cuts marked and listed in `problems`.
 * `reuse`: the last snapshot's connections by row key. A record exactly as it was
 * then (most are, between two heartbeats) keeps its Connection instead of being
 * parsed again: a poll allocates only for what changed, and the diff can skip
 * records it knows are identical. A changed one keeps the parts that did not
 * change (shareEqualParts), so the fleet's strings are held once. `strings`
 * (one map for a whole pass, then dropped): a record new to the pass takes the
 * equal strings other records of the pass already hold. The body must then be the
 * caller's own, just parsed: its strings are replaced in place.
 */
export function parsePage(
	body: unknown,
	reuse?: ReadonlyMap<string, Connection>,
	strings?: Map<string, string>,
): ParsedPage {
	if (!isObject(body)) {
		throw new ParseError(`expected a JSON object with "connections", got ${describe(body)}`);
	}

	const list = body['connections'];
	if (!Array.isArray(list)) {
		throw new ParseError(`expected "connections" to be an array, got ${describe(list)}`);
	}

	const connections: Connection[] = [];
	let lastId: string | null = null;
	for (const item of list) {
		lastId = cursorOf(item) ?? lastId;
		connections.push(readItem(item, reuse, strings));
	}

	return {connections, hasNextPage: hasNextPage(body), lastId};
}

/** The page's `hasNextPage`, read as parsePage reads it (a boolean, or "true"/"false"); false when absent. */
export function hasNextPage(page: Record<string, unknown>): boolean {
	return readBoolean(page['hasNextPage']) ?? false;
}

/** The record's `id` as the next page's cursor (`after`), when it has one: a string, or a number written out. */
export function cursorOf(item: unknown): string | null {
	return isObject(item) && (typeof item['id'] === 'string' || typeof item['id'] === 'number')
		? String(item['id'])
		: null;
}

/**
 * One record of a page (`item`, just parsed, the caller's own) as parsePage reads it: the
 * Connection of `reuse` when deep-equal to its raw copy, else bounded and read, sharing what did
 * not change and the pass's `strings`.
 */
export function readItem(
	item: unknown,
	reuse: ReadonlyMap<string, Connection> | undefined,
	strings: Map<string, string> | undefined,
): Connection {
	const previous = reuse && isObject(item) && typeof item['id'] === 'string' ? reuse.get(item['id']) : undefined;
	// Safe on an unbounded item: sameJson goes no deeper than previous.raw, which was bounded.
	if (previous && sameJson(previous.raw, item)) return previous;
	// Bounded before any other walk: nothing below recurses over more than RECORD_LIMITS allow.
	// A new record shares the strings other records of the pass hold (in the same walk); a changed
	// one (most often only its heartbeat) its unchanged strings and objects with the last one.
	const {record, cuts} = boundRecord(item, previous ? undefined : strings);
	return readConnection(previous ? shareEqualParts(previous.raw, record) : record, cuts);
}
