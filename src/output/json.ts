/**
 * --once --json: the API's records exactly as sent (JSON escaping keeps any
 * control character harmless), each with the status letta-fleet judged.
 */
import type {FleetRow} from '../fleet/rows.js';

export function renderJson(rows: FleetRow[]): string {
	const connections = rows.map(row => ({...row.connection.raw, status: row.status}));
	return JSON.stringify({connections}) + '\n';
}
