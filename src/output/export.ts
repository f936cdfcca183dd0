/**
 * `e` and `E` in the live view: the rows as shown (filtered, sorted) to a
 * CSV or JSON file. Values are the printable ones; the key is never in them.
 */
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {FleetRow} from '../fleet/rows.js';
import {recordWithStatus} from './json.js';
import {safeJson} from './safe-json.js';

export type ExportFormat = 'csv' | 'json';

const CSV_FIELDS: Array<[string, (row: FleetRow) => string | number | null]> = [
	['status', row => row.status],
	['connectionName', row => row.connection.connectionName],
	['deviceId', row => row.connection.deviceId],
	['listenerInstanceId', row => row.connection.listenerInstanceId],
	['machineListeners', row => row.machine.listeners],
	['duplicate', row => (row.duplicate ? (row.status === 'online' ? 'live' : 'dup') : null)],
	['id', row => row.connection.recordId],
	['connectionId', row => row.connection.connectionId],
	['mode', row => row.connection.mode],
	['heartbeatAgeSeconds', row => (row.heartbeatAgeMs === null ? null : Math.floor(row.heartbeatAgeMs / 1000))],
	['connectedAt', row => iso(row.connection.connectedAt)],
	['lastHeartbeat', row => iso(row.connection.lastHeartbeat)],
	['gitBranch', row => row.connection.branch],
	['lettaCodeVersion', row => row.connection.lettaCodeVersion],
	['os', row => row.connection.os],
	['podId', row => row.connection.podId],
	['workingDirectory', row => row.connection.workingDirectory],
	['userId', row => row.connection.userId],
];

function iso(epoch: number | null): string | null {
	return epoch === null ? null : new Date(epoch).toISOString();
}

export function rowsToCsv(rows: FleetRow[]): string {
	const lines = [CSV_FIELDS.map(([name]) => name).join(',')];
	for (const row of rows) {
		lines.push(CSV_FIELDS.map(([, value]) => csvCell(value(row))).join(','));
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

export async function writeExport(rows: FleetRow[], format: ExportFormat, directory: string, now: number): Promise<string> {
	const stamp = new Date(now).toISOString().replaceAll(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
	const file = path.resolve(directory, `letta-fleet-${stamp}.${format}`);
	await writeFile(file, format === 'csv' ? rowsToCsv(rows) : rowsToJson(rows), {flag: 'wx'});
	return file;
}

