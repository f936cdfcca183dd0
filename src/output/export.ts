/**
 * `e` and `E` in the live view: the rows as shown (filtered, sorted) to a
 * CSV or JSON file. Values are the printable ones; the key is never in them.
 */
import path from 'node:path';
import type {FleetRow} from '../fleet/rows.js';
import {heartbeatSince} from '../fleet/rows.js';
import {ageAt} from '../fleet/status.js';
import {type ColumnKey, COLUMNS, lastSeenSince} from '../view/columns.js';
import {recordWithStatus} from './json.js';
import {safeJson} from './safe-json.js';

export type ExportFormat = 'csv' | 'json';

/** A CSV field: its name, and its value for a row whose ages count to `serverNow` (epoch ms, fleet/rows.ts). */
type CsvField = [string, (row: FleetRow, serverNow: number) => string | number | null];

/** Every field, in this order, when the table shows every column in its own order. */
const CSV_FIELDS: CsvField[] = [
	['status', row => row.status],
	['connectionName', row => row.connection.connectionName],
	['deviceId', row => row.connection.deviceId],
	['listenerInstanceId', row => row.connection.listenerInstanceId],
	['machineListeners', row => row.machine.listeners],
	['duplicate', row => (row.duplicate ? (row.status === 'online' ? 'live' : 'dup') : null)],
	['id', row => row.connection.recordId],
	['connectionId', row => row.connection.connectionId],
	['mode', row => row.connection.mode],
	['heartbeatAgeSeconds', (row, serverNow) => ageSeconds(heartbeatSince(row), serverNow)],
	['connectedAt', row => iso(row.connection.connectedAt)],
	['lastHeartbeat', row => iso(row.connection.lastHeartbeat)],
	['firstSeenAt', row => iso(row.connection.firstSeenAt)],
	['lastSeenAt', row => iso(row.connection.lastSeenAt)],
	['gitBranch', row => row.connection.branch],
	['lettaCodeVersion', row => row.connection.lettaCodeVersion],
	['os', row => row.connection.os],
	['podId', row => row.connection.podId],
	['workingDirectory', row => row.connection.workingDirectory],
	['userId', row => row.connection.userId],
];

/** Whole seconds from `since` to `serverNow` (both epoch ms); null without a `since`. */
function ageSeconds(since: number | null, serverNow: number): number | null {
	const age = ageAt(since, serverNow);
	return age === null ? null : Math.floor(age / 1000);
}

function iso(epoch: number | null): string | null {
	return epoch === null ? null : new Date(epoch).toISOString();
}

const field = (name: string): CsvField => CSV_FIELDS.find(([fieldName]) => fieldName === name)!;

/** The fields a column stands for in a CSV when columns were chosen: its value, unabridged (the full deviceId). */
const COLUMN_FIELDS: Record<ColumnKey, CsvField[]> = {
	status: [field('status')],
	name: [field('connectionName')],
	duplicate: [field('duplicate')],
	machine: [field('deviceId'), field('machineListeners')],
	mode: [field('mode')],
	heartbeat: [field('heartbeatAgeSeconds'), field('lastHeartbeat')],
	uptime: [field('connectionId'), field('connectedAt')],
	lastSeen: [['lastSeenAgeSeconds', (row, serverNow) => ageSeconds(lastSeenSince(row), serverNow)]],
	branch: [field('gitBranch')],
	version: [field('lettaCodeVersion')],
	os: [field('os')],
	pod: [field('podId')],
	listener: [field('listenerInstanceId')],
	directory: [field('workingDirectory')],
};

/** The CSV's fields: every one for the table's own columns, else the chosen columns' in order, then when seen. */
function csvFields(columns: readonly ColumnKey[] | undefined): CsvField[] {
	if (columns === undefined || columns.join() === COLUMNS.map(column => column.key).join()) return CSV_FIELDS;
	return [...columns.flatMap(key => COLUMN_FIELDS[key]), field('firstSeenAt'), field('lastSeenAt')];
}

/**
 * The rows as CSV (RFC 4180, CRLF), their ages counted to `serverNow` (epoch ms, fleet/rows.ts rowsServerNow).
 * `columns`: the chosen columns, in order (`--columns`, `f`); the CSV then holds their fields in that order, then
 * firstSeenAt and lastSeenAt. Every field when absent or every column in its own order.
 */
export function rowsToCsv(rows: FleetRow[], serverNow: number, columns?: readonly ColumnKey[]): string {
	const fields = csvFields(columns);
	const lines = [fields.map(([name]) => name).join(',')];
	for (const row of rows) {
		lines.push(fields.map(([, value]) => csvCell(value(row, serverNow))).join(','));
	}

	return lines.join('\r\n') + '\r\n';
}

/** Quoted when needed; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
function csvCell(value: string | number | null): string {
	if (value === null) {
		return '';
	}

	let text = String(value);
	if (typeof value === 'string' && /^[=+\-@]/.test(text)) {
		text = `'${text}`;
	}

	return /[",\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function rowsToJson(rows: FleetRow[]): string {
	return safeJson({connections: rows.map(recordWithStatus)}, 2) + '\n';
}

/** How many names one export tries (`…Z.csv`, `…Z-2.csv`, … `…Z-100.csv`) before it gives up. */
export const EXPORT_NAME_TRIES = 100;

/**
 * An export that could not be written: `file` (absolute path, or the folder when every name was taken) and `reason` in
 * words.
 */
export class ExportError extends Error {
	override name = 'ExportError';
	readonly file: string;
	readonly reason: string;

	constructor(file: string, reason: string) {
		super(`cannot write ${file}: ${reason}`);
		this.file = file;
		this.reason = reason;
	}
}

/** Why a write failed, in words a person can act on. */
function describeWriteError(code: string | undefined): string {
	const words: Record<string, string> = {
		ENOENT: 'the folder does not exist',
		ENOTDIR: 'not a folder',
		EACCES: 'permission denied',
		EPERM: 'permission denied',
		ENOSPC: 'the disk is full',
		EDQUOT: 'the disk quota is used up',
		EROFS: 'the file system is read-only',
		EISDIR: 'a folder has that name',
		EFBIG: 'the file is too large for the file system',
		EIO: 'an input/output error',
	};
	return code ? `${words[code] ?? 'it cannot be written'} (${code})` : 'it cannot be written';
}

/**
 * Writes the rows in `format` (a CSV of `columns`' fields, ages counted to `serverNow`, see rowsToCsv) to a new file in
 * `directory`, named for `now` (epoch ms, UTC): letta-fleet-20261204T120000Z.csv, or with -2, -3… when that name is
 * taken, so two exports in one second both land. Each name is created
 * with `wx` (O_EXCL): an existing file, or one a racing writer made first, is
 * never overwritten. A file left half written (the disk filled) is removed.
 * Resolves with the file's absolute path.
 *
 * @throws ExportError naming the path and the reason, e.g. "the folder does not exist (ENOENT)".
 */
export async function writeExport(
	rows: FleetRow[],
	format: ExportFormat,
	directory: string,
	now: number,
	serverNow: number,
	columns?: readonly ColumnKey[],
): Promise<string> {
	const stamp = new Date(now)
		.toISOString()
		.replaceAll(/[-:]/g, '')
		.replace(/\.\d+Z$/, 'Z');
	// JSON keeps every field whatever the columns: a stable machine shape.
	const text = format === 'csv' ? rowsToCsv(rows, serverNow, columns) : rowsToJson(rows);
	// Loaded here, at the first export, not with the live view: node:fs/promises brings Node's readline with it, a few
	// ms of every launch for a key few sessions press (docs/performance.md, Issue 21, "Launch, third round").
	const {open, unlink} = await import('node:fs/promises');
	for (let attempt = 1; attempt <= EXPORT_NAME_TRIES; attempt++) {
		const file = path.resolve(directory, `letta-fleet-${stamp}${attempt === 1 ? '' : `-${attempt}`}.${format}`);
		let handle;
		try {
			handle = await open(file, 'wx');
		} catch (error) {
			const {code} = error as NodeJS.ErrnoException;
			if (code === 'EEXIST') continue;
			throw new ExportError(file, describeWriteError(code));
		}

		try {
			await handle.writeFile(text);
			await handle.close();
		} catch (error) {
			await handle.close().catch(() => {});
			await unlink(file).catch(() => {});
			throw new ExportError(file, describeWriteError((error as NodeJS.ErrnoException).code));
		}

		return file;
	}

	throw new ExportError(
		path.resolve(directory),
		`letta-fleet-${stamp}.${format} and its next ${EXPORT_NAME_TRIES - 1} names are all taken`,
	);
}
