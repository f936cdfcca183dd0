/** --events: one JSON object a line for each change, for `| grep disconnected` and friends. */
import type {FleetEvent} from '../fleet/types.js';
import {safeJson} from './safe-json.js';

export function eventToJson(event: FleetEvent): string {
	const {at, type, id, deviceId, connectionName, ...details} = event;
	return safeJson({at: new Date(at).toISOString(), type, id, deviceId, connectionName, ...details});
}
