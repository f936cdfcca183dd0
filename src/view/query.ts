/** Filtering, scoping and sorting the rows: pure, so the UI and exports agree. */
import type {FleetRow} from '../fleet/rows.js';
import {type Column, type ColumnKey, columnByKey} from './columns.js';

export type SortState = {key: ColumnKey; descending: boolean};
export type Scope = 'all' | 'problems' | 'online' | 'duplicates';

export const DEFAULT_SORT: SortState = {key: 'name', descending: false};

/**
 * Case-insensitive substring over the given columns' text; a leading "!"
 * keeps the rows that do not match. An empty pattern (or a lone "!") keeps all.
 */
export function filterRows(rows: FleetRow[], pattern: string, columns: Column[]): FleetRow[] {
	const inverted = pattern.startsWith('!');
	const needle = (inverted ? pattern.slice(1) : pattern).toLowerCase();
	if (needle === '') {
		return rows;
	}

	return rows.filter(row => {
		const matches = columns.some(column => column.text(row).toLowerCase().includes(needle));
		return matches !== inverted;
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

export function sortRows(rows: FleetRow[], sort: SortState): FleetRow[] {
	const column = columnByKey(sort.key);
	const compare = column.compare ?? ((a: FleetRow, b: FleetRow) => collator.compare(column.text(a), column.text(b)));
	const direction = sort.descending ? -1 : 1;
	return [...rows].sort(
		(a, b) =>
			direction * compare(a, b) ||
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
