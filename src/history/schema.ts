/**
 * The history file's schema, versioned by `PRAGMA user_version` and built by a list of
 * migrations (the file's version is how many have run), and the pragmas every connection sets.
 *
 * Why this shape (docs/architecture.md, "History"): no snapshots; a status interval per listener
 * per change (open while its run lasts: `to_at` NULL ends at the run's `last_at`, so a poll writes
 * one row, not one per listener, and a `kill -9` leaves intervals that end at the last poll); events
 * with a natural key so a second recorder's copy is a no-op; a baseline of the watched fields per
 * listener when first recorded; the fleet's counts per minute; the runs, so time nobody watched is
 * unknown.
 */
import type {DatabaseSync} from 'node:sqlite';
import type {FleetEventType} from '../fleet/types.js';

/** Marks the file as letta-fleet's history ('LFLT'); any other value is a foreign SQLite file. */
export const APPLICATION_ID = 0x4c_46_4c_54;

/** The WAL file is cut back to this many bytes after a checkpoint (SQLite lets it grow without this). */
export const JOURNAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

/** Statuses as stored: small integers, one byte a row. */
export const STATUS_CODES = {online: 0, stale: 1, offline: 2} as const;

/**
 * Event types as stored (`events.type`): small integers, written once, never renumbered (a new
 * type takes the next number). `moved_to` holds a 53-bit hash of the state it moved to (hash53), so
 * the natural key's index is a few integers a row, not a copy of a connection id.
 */
export const EVENT_TYPE_CODES: Readonly<Record<FleetEventType, number>> = {
	appeared: 0,
	removed: 1,
	connected: 2,
	disconnected: 3,
	reconnected: 4,
	stale: 5,
	recovered: 6,
	changed: 7,
};

/**
 * The details an event may carry (fleet/types.ts), stored by position: `events.details` is a JSON
 * array in this order, `false` where the event has no such field (no detail is ever a boolean) and
 * trailing ones left off. Names in every row were half its bytes. Never reorder; add at the end.
 */
export const DETAIL_KEYS = [
	'field',
	'from',
	'to',
	'status',
	'session',
	'podFrom',
	'podTo',
	'connectedAtFrom',
	'connectedAtTo',
	'heartbeatAgeMs',
] as const;

/** cyrb53 (public domain): a fast 53-bit string hash, a safe integer, the same on every platform. */
export function hash53(text: string): number {
	let h1 = 0xde_ad_be_ef;
	let h2 = 0x41_c6_ce_57;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		h1 = Math.imul(h1 ^ code, 2_654_435_761);
		h2 = Math.imul(h2 ^ code, 1_597_334_677);
	}

	h1 = Math.imul(h1 ^ (h1 >>> 16), 2_246_822_507) ^ Math.imul(h2 ^ (h2 >>> 13), 3_266_489_909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2_246_822_507) ^ Math.imul(h1 ^ (h1 >>> 13), 3_266_489_909);
	return 4_294_967_296 * (2_097_151 & h2) + (h1 >>> 0);
}

/** Each entry takes the file from version `index` to `index + 1`; never edit one that has shipped, add another. */
export const MIGRATIONS: readonly string[] = [
	`
	CREATE TABLE sources (
		id INTEGER PRIMARY KEY,
		base_url TEXT NOT NULL,
		organization_id TEXT NOT NULL,
		UNIQUE (base_url, organization_id)
	);
	CREATE TABLE runs (
		id INTEGER PRIMARY KEY,
		base_url TEXT NOT NULL,
		mode TEXT NOT NULL,
		filters TEXT NOT NULL,
		pid INTEGER NOT NULL,
		started_at INTEGER NOT NULL,
		last_at INTEGER NOT NULL
	);
	CREATE TABLE listeners (
		id INTEGER PRIMARY KEY,
		source_id INTEGER NOT NULL REFERENCES sources (id),
		record_id TEXT NOT NULL,
		device_id TEXT,
		listener_instance_id TEXT,
		connection_name TEXT NOT NULL,
		first_at INTEGER NOT NULL,
		last_at INTEGER NOT NULL,
		baseline TEXT NOT NULL,
		UNIQUE (source_id, record_id)
	);
	CREATE TABLE events (
		id INTEGER PRIMARY KEY,
		listener_id INTEGER NOT NULL REFERENCES listeners (id),
		run_id INTEGER NOT NULL,
		at INTEGER NOT NULL,
		type INTEGER NOT NULL,
		moved_to INTEGER NOT NULL,
		server_at INTEGER NOT NULL,
		details TEXT NOT NULL,
		UNIQUE (listener_id, type, moved_to, server_at)
	);
	CREATE INDEX events_at ON events (at);
	CREATE TABLE intervals (
		id INTEGER PRIMARY KEY,
		listener_id INTEGER NOT NULL REFERENCES listeners (id),
		run_id INTEGER NOT NULL REFERENCES runs (id),
		status INTEGER NOT NULL,
		from_at INTEGER NOT NULL,
		to_at INTEGER
	);
	CREATE INDEX intervals_listener ON intervals (listener_id, from_at);
	CREATE INDEX intervals_from ON intervals (from_at);
	CREATE TABLE counts (
		source_id INTEGER NOT NULL REFERENCES sources (id),
		minute INTEGER NOT NULL,
		online INTEGER NOT NULL,
		stale INTEGER NOT NULL,
		offline INTEGER NOT NULL,
		PRIMARY KEY (source_id, minute)
	) WITHOUT ROWID;
	`,
];

/** The version a file has once every migration has run. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Thrown for a SQLite file that is not letta-fleet's history (its application_id differs). */
export class ForeignFileError extends Error {}

/** Thrown for a history file written by a newer letta-fleet: left as it is, never set aside. */
export class NewerSchemaError extends Error {}

/**
 * Brings a freshly opened connection to the current schema and sets the pragmas: WAL with a
 * bounded journal, `synchronous=NORMAL` (in WAL a crash loses at most the last transaction),
 * `auto_vacuum=INCREMENTAL` on a new file (it can only be set before the first table),
 * `busy_timeout` as given (the caller drops it to 0 for recording).
 *
 * @throws ForeignFileError, NewerSchemaError, or node:sqlite's errors (SQLITE_NOTADB, SQLITE_CORRUPT, SQLITE_BUSY...).
 */
export function prepareSchema(db: DatabaseSync, busyTimeoutMs: number): void {
	db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
	const fresh = pragmaNumber(db, 'page_count') === 0;
	if (fresh) db.exec('PRAGMA auto_vacuum = INCREMENTAL');
	const applicationId = pragmaNumber(db, 'application_id');
	if (!fresh && applicationId !== APPLICATION_ID && !(applicationId === 0 && isEmptySchema(db))) {
		throw new ForeignFileError('it is a SQLite file of another program');
	}

	checkIntegrity(db);
	db.exec('PRAGMA journal_mode = WAL');
	db.exec(`PRAGMA journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
	db.exec('PRAGMA synchronous = NORMAL');
	if (pragmaNumber(db, 'user_version') === SCHEMA_VERSION) return;
	db.exec('BEGIN IMMEDIATE');
	try {
		// Read again inside the write lock: another recorder may have migrated the file meanwhile.
		const version = pragmaNumber(db, 'user_version');
		if (version > SCHEMA_VERSION) {
			throw new NewerSchemaError(
				`it was written by a newer letta-fleet (schema ${version}; this one knows ${SCHEMA_VERSION})`,
			);
		}

		for (let step = version; step < SCHEMA_VERSION; step++) db.exec(MIGRATIONS[step]!);
		db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
		db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
		db.exec('COMMIT');
	} catch (error) {
		if (db.isTransaction) db.exec('ROLLBACK');
		throw error;
	}
}

/** A pragma's single number. */
export function pragmaNumber(db: DatabaseSync, name: string): number {
	const row = db.prepare(`PRAGMA ${name}`).get();
	return Number(row ? Object.values(row)[0] : 0);
}

/** A file SQLite made but nobody filled yet (a recorder killed while creating it) is ours to fill. */
function isEmptySchema(db: DatabaseSync): boolean {
	return db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get()?.['n'] === 0;
}

/**
 * `quick_check` reads every page once, without the index cross-checks of `integrity_check`: a
 * truncated or overwritten file fails here, at open, not in the middle of a poll.
 */
function checkIntegrity(db: DatabaseSync): void {
	const row = db.prepare('PRAGMA quick_check(1)').get();
	const verdict = row ? String(Object.values(row)[0]) : 'ok';
	if (verdict !== 'ok') {
		// SQLite's own words for SQLITE_CORRUPT; the verdict's details ("*** in database main ***...") help nobody.
		const error = new Error('database disk image is malformed') as Error & {
			errcode: number;
		};
		error.errcode = 11;
		throw error;
	}
}
