/** --events: one JSON object a line for each change, for `| grep disconnected` and friends. */
import type {FleetEvent} from '../fleet/types.js';
import {safeJson} from './safe-json.js';

/**
 * `{"at", "type", "id", "deviceId", "listenerInstanceId", "connectionName", ...details}`;
 * times (at, connectedAtFrom, connectedAtTo) as ISO 8601. `sessionFields` is left
 * out: it only says which cells the live view underlines, and the values are here.
 */
export function eventToJson(event: FleetEvent): string {
	const {
		at,
		type,
		id,
		deviceId,
		listenerInstanceId,
		connectionName,
		sessionFields: _cells,
		connectedAtFrom,
		connectedAtTo,
		...details
	} = event;
	const times =
		event.type === 'reconnected'
			? {connectedAtFrom: isoOrNull(connectedAtFrom), connectedAtTo: isoOrNull(connectedAtTo)}
			: {};
	return safeJson({
		at: new Date(at).toISOString(),
		type,
		id,
		deviceId,
		listenerInstanceId,
		connectionName,
		...details,
		...times,
	});
}

function isoOrNull(epochMs: number | null | undefined): string | null {
	return epochMs === null || epochMs === undefined || !Number.isFinite(epochMs)
		? null
		: new Date(epochMs).toISOString();
}
