/**
 * What of a listener's record is stored, and how long its strings may be: the names beside its id
 * and the baseline of its watched fields (so a past moment can be rebuilt from it and the events
 * after it). Computed when written, not when seen, so a big first poll costs its writes only.
 */
import type {Connection} from '../api/connection.js';
import {WATCHED_FIELDS} from '../fleet/watched-fields.js';

/** A stored string's cap, characters (ids, names, the state an event moved to, detail values). */
export const MAX_STORED_TEXT = 1024;

/** `text` cut to MAX_STORED_TEXT. */
export function cap(text: string): string {
	return text.length > MAX_STORED_TEXT ? text.slice(0, MAX_STORED_TEXT) : text;
}

/** The names stored beside a listener's id, capped. */
export function storedNames(connection: Connection): {
	deviceId: string;
	listenerInstanceId: string | null;
	connectionName: string;
} {
	return {
		deviceId: cap(connection.deviceId),
		listenerInstanceId: connection.listenerInstanceId === null ? null : cap(connection.listenerInstanceId),
		connectionName: cap(connection.connectionName),
	};
}

/** The watched fields and the session id as JSON, each string capped. */
export function baselineJson(connection: Connection): string {
	const baseline: Record<string, unknown> = {};
	for (const {field} of WATCHED_FIELDS) baseline[field] = connection[field];
	baseline['connectionId'] = connection.connectionId;
	return JSON.stringify(baseline, (_key, value: unknown) => (typeof value === 'string' ? cap(value) : value));
}
