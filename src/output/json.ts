/**
 * --once --json: the API's records exactly as sent (JSON escaping keeps any
 * control character harmless), each with the status letta-fleet judged.
 */
import type {FleetRow} from '../fleet/rows.js';
import {safeJson} from './safe-json.js';

export function renderJson(rows: FleetRow[]): string {
	const connections = rows.map(row => ({...row.connection.raw, status: row.status}));
	return safeJson({connections}) + '\n';
}
