/**
 * The table's columns, shared by the live view and the plain --once table:
 * what each shows, how wide it may be, and which go first when space runs out.
 */
import {DEFAULT_STALE_AFTER_MS} from '../fleet/defaults.js';
import {type FleetRow, heartbeatSince} from '../fleet/rows.js';
import {ageAt} from '../fleet/status.js';
import type {WatchedField} from '../fleet/types.js';
import {compareVersionsNewestFirst, isSemverVersion} from '../fleet/versions.js';
import {formatAge} from './format.js';
import type {Align} from './text.js';

export type ColumnKey =
	| 'status'
	| 'name'
	| 'duplicate'
	| 'machine'
	| 'mode'
	| 'heartbeat'
	| 'uptime'
	| 'branch'
	| 'version'
	| 'os'
	| 'pod'
	| 'listener'
	| 'directory'
	| 'lastSeen';

/** What every column has: its place, its title, its width and how it sorts. */
type ColumnFacts = {
	key: ColumnKey;
	title: string;
	/** What its cells mean, for help's legend of the columns. */
	means: string;
	minWidth: number;
	/** Width this column is worth before optional columns are shown (defaults to minWidth). */
	fitWidth?: number;
	maxWidth: number;
	align: Align;
	/** As the terminal narrows, the lowest number drops first; 0 never drops (status, name). */
	dropOrder: number;
	/**
	 * The key that sorts by this column, pressed in upper case (mostly the title's first letter); none when sorting by
	 * it would not help.
	 */
	sortKey?: string;
	/** The watched field this column shows: its cell is underlined while a change of it is marked. */
	field?: WatchedField;
	compare?: (a: FleetRow, b: FleetRow) => number;
	/**
	 * Whether a row's value has a place in `compare`'s order; rows without one (a version that is not SemVer, or
	 * none) sort last in both directions, as `-` ages do, among themselves by their text.
	 */
	ranked?: (row: FleetRow) => boolean;
	/**
	 * Its order can change while the snapshot stands still (a status goes stale). An age column's does not: it sorts by
	 * moments, and what its `since` reads of a status (gone, offline) holds for the snapshot.
	 */
	changesWithTime?: boolean;
};

/**
 * A column: one that shows a row's value as text, or an age column, which shows how long ago its `since` was at the
 * rows' server time (cellText). An age column sorts by `since`, oldest first, so its order does not move as the clock
 * does; a row without one (`-`) sorts last either way.
 */
export type Column = ColumnFacts &
	(
		| {text: (row: FleetRow) => string; since?: undefined}
		| {
				/** The moment its age counts from, epoch ms at server time; null: no such age (shown `-`). */
				since: (row: FleetRow) => number | null;
				text?: undefined;
		  }
	);

/** A column's cell for `row`, its age read at `serverNow` (the rows' server time, fleet/rows.ts rowsServerNow). */
export function cellText(column: Column, row: FleetRow, serverNow: number): string {
	return column.since ? formatAge(ageAt(column.since(row), serverNow)) : column.text(row);
}

const STATUS_RANK = {stale: 0, offline: 1, gone: 2, online: 3} as const;

/** When its session began (epoch ms); null offline, and for a gone row (its last record's session is over). */
function sessionSince(row: FleetRow): number | null {
	return row.status !== 'gone' && row.connection.connectionId ? row.connection.connectedAt : null;
}

/**
 * When an offline or gone listener was last seen (epoch ms, server time): its record's `lastSeenAt` (always set, per
 * the API reference; its last heartbeat if not). Null for a listener with a connection (online or stale: BEAT says how
 * fresh it is).
 */
export function lastSeenSince(row: FleetRow): number | null {
	if (row.status !== 'offline' && row.status !== 'gone') {
		return null;
	}

	return row.connection.lastSeenAt ?? row.connection.lastHeartbeat;
}

/**
 * A machine's short name: its deviceId without the app's prefix, cut to 8
 * characters as short commit ids are, so the rows of one machine read alike;
 * "×2" when it runs more than one listener. Local rows say so instead.
 */
export function machineText(row: FleetRow): string {
	if (row.local) {
		return 'local';
	}

	const short = machineId(row.connection.deviceId);
	return row.machine.listeners > 1 ? `${short} ×${row.machine.listeners}` : short;
}

/** A deviceId without the app's prefix, cut to 8 characters when long; "-" when empty. */
export function machineId(deviceId: string): string {
	const id = deviceId.replace(/^(desktop:|sandbox-agent-|sandbox-)/, '');
	return id.length > 10 ? id.slice(0, 8) : id || '-';
}

/** "live": a duplicate that is beating (online); "dup": one that is not; empty: no duplicate. */
export function duplicateText(row: FleetRow): string {
	return row.duplicate ? (row.status === 'online' ? 'live' : 'dup') : '';
}

/** Ids sort as written: a collator's numeric mode would read "26b3…" as the number 26. */
function byCodePoint(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export const COLUMNS: Column[] = [
	{
		key: 'status',
		title: 'STATUS',
		means: `online: a session and a heartbeat within --stale-after (default ${DEFAULT_STALE_AFTER_MS / 1000} s); stale: a session, its heartbeat older; offline: no session; gone: no longer listed`,
		minWidth: 9,
		maxWidth: 9,
		align: 'left',
		dropOrder: 0,
		sortKey: 's',
		text: row => row.status,
		compare: (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status],
		changesWithTime: true,
	},
	{
		key: 'name',
		title: 'NAME',
		means: "the listener's connectionName",
		minWidth: 12,
		fitWidth: 20,
		maxWidth: 36,
		align: 'left',
		dropOrder: 0,
		sortKey: 'n',
		field: 'connectionName',
		text: row => row.connection.connectionName,
	},
	{
		key: 'duplicate',
		title: 'DUP',
		means: 'live: the beating one of listeners that share a name or a machine; dup: the others',
		minWidth: 4,
		maxWidth: 4,
		align: 'left',
		dropOrder: 11,
		text: duplicateText,
	},
	{
		key: 'machine',
		title: 'MACHINE',
		means: "the machine's short id (its deviceId, 8 characters); ×N: it runs N listeners",
		minWidth: 8,
		fitWidth: 11,
		maxWidth: 12,
		align: 'left',
		dropOrder: 8,
		sortKey: 'a',
		text: machineText,
		compare: (a, b) => byCodePoint(a.connection.deviceId, b.connection.deviceId),
	},
	{
		key: 'mode',
		title: 'MODE',
		means: 'the permission mode Letta Code runs in',
		minWidth: 8,
		fitWidth: 12,
		maxWidth: 13,
		align: 'left',
		dropOrder: 10,
		sortKey: 'm',
		field: 'mode',
		text: row => row.connection.mode ?? '-',
	},
	{
		key: 'heartbeat',
		title: 'BEAT',
		means: "how old the last heartbeat is, by the server's clock",
		minWidth: 6,
		maxWidth: 6,
		align: 'right',
		dropOrder: 12,
		sortKey: 'h',
		since: heartbeatSince,
	},
	{
		key: 'uptime',
		title: 'UP',
		means: 'how long the current session (connectionId) has run',
		minWidth: 6,
		maxWidth: 7,
		align: 'right',
		dropOrder: 9,
		sortKey: 'u',
		field: 'connectedAt',
		since: sessionSince,
	},
	{
		key: 'lastSeen',
		title: 'LAST SEEN',
		means: 'how long ago an offline or gone listener was last seen',
		// The title and the sort arrow.
		minWidth: 10,
		maxWidth: 10,
		align: 'right',
		dropOrder: 4,
		sortKey: 't',
		since: lastSeenSince,
	},
	{
		key: 'branch',
		title: 'BRANCH',
		means: 'the git branch of its working directory',
		minWidth: 8,
		maxWidth: 28,
		align: 'left',
		dropOrder: 7,
		sortKey: 'b',
		field: 'branch',
		text: row => row.connection.branch ?? '-',
	},
	{
		key: 'version',
		title: 'VERSION',
		means: 'its Letta Code version',
		minWidth: 7,
		maxWidth: 10,
		align: 'left',
		dropOrder: 6,
		sortKey: 'v',
		field: 'lettaCodeVersion',
		text: row => row.connection.lettaCodeVersion ?? '-',
		// By SemVer precedence, oldest first (as A to Z): 0.9.9 before 0.10.0, a prerelease before its release.
		compare: (a, b) => compareVersionsNewestFirst(b.connection.lettaCodeVersion, a.connection.lettaCodeVersion),
		ranked: row => isSemverVersion(row.connection.lettaCodeVersion),
	},
	{
		key: 'os',
		title: 'OS',
		means: 'its operating system',
		minWidth: 6,
		maxWidth: 7,
		align: 'left',
		dropOrder: 5,
		sortKey: 'o',
		text: row => row.connection.os ?? '-',
	},
	{
		key: 'pod',
		title: 'POD',
		means: 'the server pod its socket is connected to',
		minWidth: 8,
		maxWidth: 14,
		align: 'left',
		dropOrder: 3,
		sortKey: 'p',
		field: 'podId',
		text: row => row.connection.podId ?? '-',
	},
	{
		key: 'listener',
		title: 'LISTENER',
		means: 'its listenerInstanceId',
		minWidth: 10,
		maxWidth: 24,
		align: 'left',
		dropOrder: 1,
		sortKey: 'l',
		text: row => row.connection.listenerInstanceId ?? '-',
		compare: (a, b) => byCodePoint(a.connection.listenerInstanceId ?? '', b.connection.listenerInstanceId ?? ''),
	},
	{
		key: 'directory',
		title: 'DIRECTORY',
		means: 'its working directory',
		minWidth: 12,
		maxWidth: 40,
		align: 'left',
		dropOrder: 2,
		sortKey: 'd',
		field: 'workingDirectory',
		text: row => row.connection.workingDirectory ?? '-',
	},
];

export function columnByKey(key: ColumnKey): Column {
	return COLUMNS.find(column => column.key === key)!;
}
