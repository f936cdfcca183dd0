/**
 * The fields of a listener whose change is news, written down once. The diff
 * compares them, the event text names them, and the table underlines the cell
 * of the column that shows them (columns say which field they show).
 *
 * - `changed`: a change of its own, reported as a `changed` event.
 * - `session`: moves only with a reconnect, and rides on the `reconnected`
 *   event: the platform keeps a listener's connectionId across ordinary
 *   reconnects and moves `connectedAt` (and sometimes `podId`) instead
 *   (see the reference, "Who appears in the list").
 */
import type {Connection} from '../api/connection.js';

export const WATCHED_FIELDS = [
	{field: 'connectionName', label: 'name', kind: 'changed'},
	{field: 'mode', label: 'mode', kind: 'changed'},
	{field: 'branch', label: 'branch', kind: 'changed'},
	{field: 'workingDirectory', label: 'directory', kind: 'changed'},
	{field: 'lettaCodeVersion', label: 'version', kind: 'changed'},
	{field: 'podId', label: 'pod', kind: 'session'},
	{field: 'connectedAt', label: 'connected', kind: 'session'},
] as const satisfies ReadonlyArray<{field: keyof Connection; label: string; kind: 'changed' | 'session'}>;

export type WatchedField = (typeof WATCHED_FIELDS)[number]['field'];
/** A field whose change is a `changed` event. */
export type ChangedField = Extract<(typeof WATCHED_FIELDS)[number], {kind: 'changed'}>['field'];
/** A field that moves with a reconnect. */
export type SessionField = Extract<(typeof WATCHED_FIELDS)[number], {kind: 'session'}>['field'];

export const CHANGED_FIELDS: readonly ChangedField[] = WATCHED_FIELDS.filter(entry => entry.kind === 'changed').map(
	entry => entry.field,
);
export const SESSION_FIELDS: readonly SessionField[] = WATCHED_FIELDS.filter(entry => entry.kind === 'session').map(
	entry => entry.field,
);

const LABELS = new Map<string, string>(WATCHED_FIELDS.map(entry => [entry.field, entry.label]));

/** The word a person reads for a field ("directory" for workingDirectory); the field name itself when not watched. */
export function fieldLabel(field: string): string {
	return LABELS.get(field) ?? field;
}
