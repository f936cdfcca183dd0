/** Filtering, scoping and sorting the rows: pure, so the UI and exports agree. */
import type {FleetRow} from '../fleet/rows.js';
import {isLocalRow} from '../fleet/listeners.js';
import type {Connection} from '../fleet/types.js';
import {type ColumnKey, columnByKey, duplicateText, machineId} from './columns.js';

export type SortState = {key: ColumnKey; descending: boolean};
/** The scopes, in the order keys 1-4 pick them. */
export const SCOPES = ['all', 'problems', 'online', 'duplicates'] as const;
export type Scope = (typeof SCOPES)[number];

export const DEFAULT_SORT: SortState = {key: 'name', descending: false};

/**
 * How a filter pattern is read, as k9s reads its `/` filter: a leading "!"
 * keeps the rows that do not match; the rest is a case-insensitive regular
 * expression, or plain text when it is not a valid one (so "build(" still
 * finds "build(3)"). `test` answers for one field's text or for a row's
 * haystack (fields on lines of their own: "^main$" matches a whole field, and
 * "." never crosses from one field into the next). Null: keep every row.
 */
export type FilterPattern = {inverted: boolean; regex: boolean; test: (text: string) => boolean};

export function parseFilter(pattern: string): FilterPattern | null {
	const inverted = pattern.startsWith('!');
	const source = inverted ? pattern.slice(1) : pattern;
	if (source === '') {
		return null;
	}

	let expression: RegExp;
	let regex = true;
	try {
		expression = new RegExp(source, 'im');
	} catch {
		expression = new RegExp(escapeRegExp(source), 'im');
		regex = false;
	}

	// No g or y flag: test() keeps no lastIndex between rows.
	return {inverted, regex, test: text => expression.test(text)};
}

function escapeRegExp(text: string): string {
	return text.replaceAll(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * A listener's fields that do not move while its record stands still, one a
 * line: name, mode, branch, version, os, pod, directory, user, device id,
 * machine id, record id, listener instance id. Kept per Connection object
 * (parsePage reuses the object of an unchanged record), so a keystroke builds
 * no string for a row already seen.
 */
const haystacks = new WeakMap<Connection, string>();

function haystack({connection}: FleetRow): string {
	let text = haystacks.get(connection);
	if (text === undefined) {
		const c = connection;
		text = [
			c.connectionName,
			c.mode,
			c.modeAsSent,
			c.branch,
			c.lettaCodeVersion,
			c.os,
			c.podId,
			c.workingDirectory,
			c.userId,
			c.deviceId,
			isLocalRow(c) ? 'local' : machineId(c.deviceId),
			c.recordId,
			c.listenerInstanceId,
		]
			.filter(field => field !== null && field !== '')
			.join('\n');
		haystacks.set(connection, text);
	}

	return text;
}

/** The words a row's status and duplicate flag show, which move with time and with the fleet. */
const ROW_WORDS = ['online', 'stale', 'offline', 'gone', 'live', 'dup'] as const;

/**
 * The rows whose fields match `pattern` (see FilterPattern): every field of the
 * row, shown or not at this width, plus its status and DUP words. An empty
 * pattern (or a lone "!") keeps all. One RegExp per call, none per row.
 */
export function filterRows(rows: FleetRow[], pattern: string): FleetRow[] {
	const filter = parseFilter(pattern);
	if (!filter) {
		return rows;
	}

	const word = new Map(ROW_WORDS.map(text => [text, filter.test(text)]));
	return rows.filter(row => {
		const matches = word.get(row.status)! || (row.duplicate !== null && word.get(duplicateText(row) as 'live' | 'dup')!) || filter.test(haystack(row));
		return matches !== filter.inverted;
	});
}

/** "problems": stale, offline, gone, or changed within the linger time; "duplicates": rows that share a name, or online listeners that share a machine. */
export function scopeRows(rows: FleetRow[], scope: Scope): FleetRow[] {
	switch (scope) {
		case 'all': {
			return rows;
		}

		case 'online': {
			return rows.filter(row => row.status === 'online');
		}

		case 'problems': {
			return rows.filter(row => row.status !== 'online' || row.mark !== null);
		}

		case 'duplicates': {
			return rows.filter(row => row.duplicate !== null);
		}
	}
}

/**
 * Rows in the column's order (reversed when descending), then by name and row key. An age
 * column puts rows without that age (`-`) last in both directions, so reversing BEAT, UP or
 * LAST SEEN puts the freshest first, not the rows it says nothing about.
 */
export function sortRows(rows: FleetRow[], sort: SortState): FleetRow[] {
	const column = columnByKey(sort.key);
	const direction = sort.descending ? -1 : 1;
	const {age} = column;
	const compare = age
		? (a: FleetRow, b: FleetRow) => {
				const ageA = age(a);
				const ageB = age(b);
				if (ageA === null || ageB === null) return ageA === ageB ? 0 : ageA === null ? 1 : -1;
				return direction * (ageB - ageA);
			}
		: (a: FleetRow, b: FleetRow) => direction * (column.compare ? column.compare(a, b) : collator.compare(column.text(a), column.text(b)));
	return [...rows].sort(
		(a, b) =>
			compare(a, b) ||
			collator.compare(a.connection.connectionName, b.connection.connectionName) ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
	);
}

/**
 * `rows` in the order of `sorted`, an earlier sort of the same devices, or null
 * when the two do not hold the same ids. Between polls only time moves: under a
 * sort whose order time cannot change, a tick keeps the order without sorting.
 */
export function inOrderOf(rows: readonly FleetRow[], sorted: readonly FleetRow[]): FleetRow[] | null {
	if (rows.length !== sorted.length) {
		return null;
	}

	const byId = new Map<string, FleetRow>();
	for (const row of rows) {
		byId.set(row.id, row);
	}

	const result: FleetRow[] = [];
	for (const {id} of sorted) {
		const row = byId.get(id);
		if (!row) {
			return null;
		}

		result.push(row);
	}

	return result;
}

/** Whether rows sorted this way, unfiltered and unscoped, keep their order as time passes. */
export function orderIsTimeless(sort: SortState, scope: Scope, filter: string): boolean {
	return scope === 'all' && filter === '' && !columnByKey(sort.key).changesWithTime;
}

const collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});
