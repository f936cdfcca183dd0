/** Filtering, scoping and sorting the rows: pure, so the UI and exports agree. */
import type {FleetRow} from '../fleet/rows.js';
import {isLocalRow} from '../fleet/listeners.js';
import type {Connection} from '../api/connection.js';
import type {SymbolSet} from './symbols.js';
import {type ColumnKey, columnByKey, duplicateText, machineId} from './columns.js';
import {compareNames} from './name-order.js';

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
		const matches =
			word.get(row.status)! ||
			(row.duplicate !== null && word.get(duplicateText(row) as 'live' | 'dup')!) ||
			filter.test(haystack(row));
		return matches !== filter.inverted;
	});
}

/**
 * "problems": stale, offline, gone, or changed within the linger time; "duplicates": rows that share a name, or online
 * listeners that share a machine.
 */
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
	return [...rows].sort(rowComparator(sort));
}

/**
 * The total order sortRows uses: the column's order (text in a person's order, name-order.ts), then name, then row
 * key (0 only for two versions of one row that sort alike).
 */
export function rowComparator(sort: SortState): (a: FleetRow, b: FleetRow) => number {
	const column = columnByKey(sort.key);
	const direction = sort.descending ? -1 : 1;
	const {ranked} = column;
	let compare: (a: FleetRow, b: FleetRow) => number;
	if (column.since) {
		// Oldest first is largest age first, at any clock: the order does not move as the ages do.
		const {since} = column;
		compare = (a, b) => {
			const sinceA = since(a);
			const sinceB = since(b);
			if (sinceA === null || sinceB === null) return sinceA === sinceB ? 0 : sinceA === null ? 1 : -1;
			return direction * (sinceA - sinceB);
		};
	} else {
		const {text} = column;
		compare = (a, b) => {
			if (ranked) {
				const rankedA = ranked(a);
				if (rankedA !== ranked(b)) return rankedA ? -1 : 1;
				if (!rankedA) return compareNames(text(a), text(b));
			}

			return direction * (column.compare ? column.compare(a, b) : compareNames(text(a), text(b)));
		};
	}

	return (a, b) =>
		compare(a, b) ||
		compareNames(a.connection.connectionName, b.connection.connectionName) ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * `rows` sorted, the same result as sortRows, reusing `previous`: the same sort
 * of an earlier snapshot under the same scope and filter. A row that sorts as
 * its earlier version did keeps its place among the others; only the rows that
 * moved (new, or whose sorted value changed) are sorted, then put in place by
 * binary search. A new snapshot changes a few listeners, so this is about n
 * comparisons of a row with itself (equal strings, no collation) instead of
 * n·log n collations. When most rows moved, it sorts them all.
 */
export function sortMoved(rows: readonly FleetRow[], previous: readonly FleetRow[], sort: SortState): FleetRow[] {
	const compare = rowComparator(sort);
	// A snapshot lists most records where the last one did: look there first, by id only when that fails.
	let positions: Map<string, number> | undefined;
	const placed = new Uint8Array(rows.length);
	const kept: FleetRow[] = [];
	// By index, not for…of: docs/performance.md, "Loops run once a poll".
	for (let place = 0; place < previous.length; place++) {
		const earlier = previous[place]!;
		let at = rows[earlier.index]?.id === earlier.id ? earlier.index : undefined;
		if (at === undefined) {
			positions ??= new Map(rows.map((row, index) => [row.id, index]));
			at = positions.get(earlier.id);
		}

		if (at !== undefined && placed[at] === 0 && compare(earlier, rows[at]!) === 0) {
			kept.push(rows[at]!);
			placed[at] = 1;
		}
	}

	const unplaced = rows.filter((_row, index) => placed[index] === 0);
	if (unplaced.length > rows.length / 4) {
		return [...rows].sort(compare);
	}

	// Each moved row goes in after the kept rows that sort before it, found by binary search.
	const moved = unplaced.sort(compare);
	const merged: FleetRow[] = [];
	let from = 0;
	for (const row of moved) {
		let low = from;
		let high = kept.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (compare(kept[middle]!, row) < 0) low = middle + 1;
			else high = middle;
		}

		for (; from < low; from++) merged.push(kept[from]!);
		merged.push(row);
	}

	for (; from < kept.length; from++) merged.push(kept[from]!);
	return merged;
}

/**
 * Where each row of `sorted` sits in the rows selectRows gave (FleetRow.index):
 * for reorder, on the ticks that follow. Positions, not ids: a tick's rows come
 * from the same snapshot in the same positions, so nothing is hashed.
 */
export function sortOrder(sorted: readonly FleetRow[]): Int32Array {
	const order = new Int32Array(sorted.length);
	// Not Int32Array.from, which iterates: docs/performance.md, "Loops run once a poll".
	for (let index = 0; index < sorted.length; index++) order[index] = sorted[index]!.index;
	return order;
}

/**
 * `rows` (a tick's rows: the same snapshot, judged at a later time) in the
 * order `order` (from sortOrder) recorded for `sorted`, or null when a position
 * no longer holds the same row id. Between polls only time moves: under a sort
 * whose order time cannot change, a tick keeps the order without sorting.
 */
export function reorder(rows: readonly FleetRow[], order: Int32Array, sorted: readonly FleetRow[]): FleetRow[] | null {
	if (rows.length !== order.length) {
		return null;
	}

	const result = new Array<FleetRow>(order.length);
	for (let index = 0; index < order.length; index++) {
		const row = rows[order[index]!];
		if (row?.id !== sorted[index]!.id) {
			return null;
		}

		result[index] = row;
	}

	return result;
}

/** Whether `a` and `b` hold rows of the same ids at every position (rows of one snapshot: the same listeners). */
export function sameIds(a: readonly FleetRow[], b: readonly FleetRow[]): boolean {
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) if (a[index]!.id !== b[index]!.id) return false;
	return true;
}

/** Whether rows sorted this way, unfiltered and unscoped, keep their order as time passes. */
export function orderIsTimeless(sort: SortState, scope: Scope, filter: string): boolean {
	return scope === 'all' && filter === '' && !columnByKey(sort.key).changesWithTime;
}

/**
 * The arrow a sort shows: which way the values in its column run, so it reads as it looks. An age
 * column (BEAT, UP, LAST SEEN) sorts oldest first, its values falling down the table: `↓`, reversed
 * `↑`; any other column `↑` for A to Z, `↓` reversed.
 */
export function sortArrow(sort: SortState, symbols: Pick<SymbolSet, 'sortAscending' | 'sortDescending'>): string {
	const largestFirst = columnByKey(sort.key).since !== undefined;
	return sort.descending !== largestFirst ? symbols.sortDescending : symbols.sortAscending;
}
