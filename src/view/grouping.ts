/**
 * The table as a tree, as htop's tree view and k9s read it: the rows a view shows (scoped, filtered,
 * sorted) under group header lines by machine, user or Letta Code version, each header with its
 * counts, a group collapsible. Pure and without Ink: grouping is one pass over the sorted rows plus a
 * sort of the groups (k log k for k groups), and the flattened lines one more pass, so 50 000 rows
 * cost a few milliseconds per poll or view change (app.tsx memoizes it).
 */
import type {Connection} from '../api/connection.js';
import type {FleetRow} from '../fleet/rows.js';
import {versionCounts} from '../fleet/versions.js';
import {machineId} from './columns.js';

/** What the rows are grouped by, in the order `t` cycles through them; `none` is the flat table. */
export const GROUP_BYS = ['none', 'machine', 'user', 'version'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** One group of the rows shown: its key (stable across polls and group-by changes), name and counts. */
export type Group = {
	/** `machine:<deviceId>`, `user:<userId>`, `version:<v>`; a missing value has a key of its own. */
	key: string;
	by: Exclude<GroupBy, 'none'>;
	/** What the header shows (already sanitized at parse, as every API string); null: the rows report none. */
	name: string | null;
	/** Its rows, in the view's sort. */
	rows: FleetRow[];
	online: number;
	stale: number;
	offline: number;
	gone: number;
};

/** A group's header line. */
export type GroupLine = {kind: 'group'; id: string; group: Group; collapsed: boolean};

/** A line of the table: a group's header, or a row itself (no wrapper, so the flat table allocates none a tick). */
export type TableLine = GroupLine | FleetRow;

export function isGroupLine(line: TableLine | undefined): line is GroupLine {
	return line !== undefined && 'kind' in line;
}

/**
 * What the table shows under a group-by: its lines in order, their ids (the selection's list), the index of
 * each line's group header line (`headers`, -1 for a header; null when ungrouped), and where each row of a
 * collapsed group is hidden (row id to the index of its header line).
 */
export type TableLines = {
	lines: readonly TableLine[];
	ids: readonly string[];
	headers: Int32Array | null;
	hiddenIn: ReadonlyMap<string, number>;
};

/** The index of the header line of the group the line at `index` is in; -1 when ungrouped or a header itself. */
export function headerOf(table: TableLines, index: number): number {
	return table.headers?.[index] ?? -1;
}

/** What the header says for a group whose rows report no value: last in every order. */
export const NO_VALUE = '(none)';

/**
 * A header line's id in the selection's list. Row ids are the API's ids or derived keys (fleet/row-keys.ts), sanitized
 * at parse, so none starts with a NUL.
 */
const GROUP_ID_PREFIX = '\u0000group:';

export function groupLineId(key: string): string {
	return GROUP_ID_PREFIX + key;
}

export function isGroupLineId(id: string): boolean {
	return id.startsWith(GROUP_ID_PREFIX);
}

/** The group-by after `by`, as `t` cycles: none, machine, user, version, none. */
export function nextGroupBy(by: GroupBy): GroupBy {
	return GROUP_BYS[(GROUP_BYS.indexOf(by) + 1) % GROUP_BYS.length]!;
}

/**
 * A row's group: its key and name. The machine is what the MACHINE column and the duplicates call it
 * (fleet/listeners.ts): the deviceId, keyed whole, named by its short id; a Desktop app's local row is
 * "local"; a record without a deviceId has none.
 */
function groupOf(row: FleetRow, by: Exclude<GroupBy, 'none'>): GroupId {
	// A record that did not change keeps its Connection (api/parse.ts), so a tick looks its group up, not builds it.
	const cache = GROUP_IDS[by];
	let id = cache.get(row.connection);
	if (id === undefined) {
		id = computeGroupOf(row, by);
		cache.set(row.connection, id);
	}

	return id;
}

type GroupId = {key: string; name: string | null};

/** Each listener's group per group-by, kept per Connection object: its key string is hashed once, not per tick. */
const GROUP_IDS = {
	machine: new WeakMap<Connection, GroupId>(),
	user: new WeakMap<Connection, GroupId>(),
	version: new WeakMap<Connection, GroupId>(),
};

function computeGroupOf(row: FleetRow, by: Exclude<GroupBy, 'none'>): GroupId {
	let value: string | null;
	switch (by) {
		case 'machine': {
			if (row.local) return {key: 'machine\u0000local', name: 'local'};
			const {deviceId} = row.connection;
			return deviceId === ''
				? {key: 'machine\u0000', name: null}
				: {key: `machine:${deviceId}`, name: machineId(deviceId)};
		}

		case 'user': {
			value = row.connection.userId;
			break;
		}

		case 'version': {
			value = row.connection.lettaCodeVersion;
			break;
		}
	}

	return value === null || value === '' ? {key: `${by}\u0000`, name: null} : {key: `${by}:${value}`, name: value};
}

function byCodePoint(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Groups of machines and users in reading order: by name as written (ids, so code-point order), a missing
 * value last, ties by key. Versions go newest first (fleet/versions.ts compareVersionsNewestFirst, through
 * versionCounts).
 */
function compareGroups(a: Group, b: Group): number {
	if (a.name === null || b.name === null) return a.name === b.name ? 0 : a.name === null ? 1 : -1;
	return byCodePoint(a.name, b.name) || byCodePoint(a.key, b.key);
}

/** `rows` (already sorted) in groups, each keeping the rows' order, the groups in reading order. O(n + k log k). */
export function groupRows(rows: readonly FleetRow[], by: Exclude<GroupBy, 'none'>): Group[] {
	const groups = new Map<string, Group>();
	for (const row of rows) {
		const {key, name} = groupOf(row, by);
		let group = groups.get(key);
		if (!group) {
			group = {key, by, name, rows: [], online: 0, stale: 0, offline: 0, gone: 0};
			groups.set(key, group);
		}

		group.rows.push(row);
		// A switch, not group[row.status]++: a keyed store by a changing name is slow in V8's hot loops.
		switch (row.status) {
			case 'online': {
				group.online++;
				break;
			}

			case 'stale': {
				group.stale++;
				break;
			}

			case 'offline': {
				group.offline++;
				break;
			}

			case 'gone': {
				group.gone++;
				break;
			}
		}
	}

	const list = [...groups.values()];
	if (by !== 'version') return list.sort(compareGroups);
	// Each version parsed once (versionCounts ranks the distinct ones), not at every comparison of the sort.
	const place = new Map(versionCounts(list.map(group => group.name)).map(({version}, index) => [version, index]));
	return list.sort((a, b) => place.get(a.name)! - place.get(b.name)!);
}

/**
 * The table's lines: the rows as they are under `none`, else each group's header followed by its rows
 * unless its key is in `collapsed`. Collapsed keys of groups not shown are kept by the caller, so a group
 * stays collapsed across polls and when the group-by comes back to it.
 */
export function tableLines(rows: readonly FleetRow[], by: GroupBy, collapsed: ReadonlySet<string>): TableLines {
	if (by === 'none') return {lines: rows, ids: rows.map(row => row.id), headers: null, hiddenIn: new Map()};
	const lines: TableLine[] = [];
	const ids: string[] = [];
	const headerIndexes: number[] = [];
	const hiddenIn = new Map<string, number>();
	for (const group of groupRows(rows, by)) {
		const header = lines.length;
		const id = groupLineId(group.key);
		const folded = collapsed.has(group.key);
		lines.push({kind: 'group', id, group, collapsed: folded});
		ids.push(id);
		headerIndexes.push(-1);
		for (const row of group.rows) {
			if (folded) {
				hiddenIn.set(row.id, header);
			} else {
				lines.push(row);
				ids.push(row.id);
				headerIndexes.push(header);
			}
		}
	}

	return {lines, ids, headers: Int32Array.from(headerIndexes), hiddenIn};
}

/**
 * The line the selection is on: the line of `selectedId`, the header hiding it when its group is
 * collapsed, else the line nearest `selectedIndex`; -1 when there are none.
 */
export function resolveLine(table: TableLines, selectedId: string | null, selectedIndex: number): number {
	if (table.ids.length === 0) return -1;
	if (selectedId !== null) {
		const index = table.ids.indexOf(selectedId);
		if (index >= 0) return index;
		const header = table.hiddenIn.get(selectedId);
		if (header !== undefined) return header;
	}

	return Math.min(Math.max(0, selectedIndex), table.ids.length - 1);
}

/** `online/total online`, then each problem the group has: `3/4 online · 1 offline`. */
export function groupCountsText(group: Group): string {
	const parts = [`${group.online}/${group.rows.length} online`];
	if (group.stale > 0) parts.push(`${group.stale} stale`);
	if (group.offline > 0) parts.push(`${group.offline} offline`);
	if (group.gone > 0) parts.push(`${group.gone} gone`);
	return parts.join(' · ');
}

/** The words of a header line after its fold symbol: `0.15.0 · 3/4 online · 1 offline` (and `· collapsed`). */
export function groupHeaderText(line: GroupLine): string {
	const name = line.group.name ?? NO_VALUE;
	return `${name} · ${groupCountsText(line.group)}${line.collapsed ? ' · collapsed' : ''}`;
}
