/**
 * --once --json: the API's records exactly as sent (JSON escaping keeps any
 * control character harmless), each with the status letta-fleet judged.
 */
import type {FleetRow} from '../fleet/rows.js';
import {safeJson} from './safe-json.js';

/**
 * One row as JSON output shows it: the record exactly as sent plus `status`.
 * A record that is not an object (the API sent a string or null in the list)
 * is kept under `record`, with `problems`, so no record is lost.
 */
export function recordWithStatus(row: FleetRow): Record<string, unknown> {
	const {raw} = row.connection;
	return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
		? {...(raw as Record<string, unknown>), status: row.status}
		: {record: raw, status: row.status, problems: row.connection.problems};
}

export function renderJson(rows: FleetRow[]): string {
	return safeJson({connections: rows.map(recordWithStatus)}) + '\n';
}
