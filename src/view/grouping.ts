/**
 * The table as a tree, as htop's tree view and k9s read it: the rows a view shows (scoped, filtered,
 * sorted) in groups by machine, user or Letta Code version, each group with its counts, a group
 * collapsible. Pure and without Ink: grouping is one pass over the sorted rows plus a sort of the groups
 * (k log k for k groups); a tick's rows (the same listeners in the same order) reuse it and only recount
 * (`groupsOf`). The lines the table draws, group header lines among the rows, are table-lines.ts's.
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
	// Whether a row is the Desktop app's is the row's (a gone one never is), not its Connection's: not kept with it.
	if (by === 'machine' && row.local) return LOCAL_MACHINE;
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

const LOCAL_MACHINE: GroupId = {key: 'machine\u0000local', name: 'local'};

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
function compareGroups(a: GroupSlot, b: GroupSlot): number {
	if (a.name === null || b.name === null) return a.name === b.name ? 0 : a.name === null ? 1 : -1;
	return byCodePoint(a.name, b.name) || byCodePoint(a.key, b.key);
}

/** A group without its rows: its key, name and header line's id. */
export type GroupSlot = {key: string; name: string | null; id: string};

/**
 * Which group each of a list of rows is in: `slots` in reading order, `groupOf` the slot of each row by its
 * position in the list, `sizes` each slot's row count. It reads only each row's id, Connection and `local`, so it
 * holds for any later list with the same ones at every position (a tick's rows: ages and statuses moved).
 */
export type Grouping = {
	by: Exclude<GroupBy, 'none'>;
	slots: readonly GroupSlot[];
	groupOf: Int32Array;
	sizes: Int32Array;
};

/** `rows` (already sorted) grouped by `by`: one pass, then a sort of the k groups. O(n + k log k). */
export function groupingOf(rows: readonly FleetRow[], by: Exclude<GroupBy, 'none'>): Grouping {
	const found = new Map<string, number>();
	const met: GroupSlot[] = [];
	const metOf = new Int32Array(rows.length);
	for (let position = 0; position < rows.length; position++) {
		const {key, name} = groupOf(rows[position]!, by);
		let slot = found.get(key);
		if (slot === undefined) {
			slot = met.length;
			found.set(key, slot);
			met.push({key, name, id: groupLineId(key)});
		}

		metOf[position] = slot;
	}

	const slots = [...met];
	if (by === 'version') {
		// Each version parsed once (versionCounts ranks the distinct ones), not at every comparison of the sort.
		const place = new Map(versionCounts(met.map(slot => slot.name)).map(({version}, index) => [version, index]));
		slots.sort((a, b) => place.get(a.name)! - place.get(b.name)!);
	} else {
		slots.sort(compareGroups);
	}

	// Where each group met first is now, in reading order.
	const placeOf = new Map<GroupSlot, number>();
	for (let place = 0; place < slots.length; place++) placeOf.set(slots[place]!, place);
	const rank = Int32Array.from(met, slot => placeOf.get(slot)!);
	const groupOfRow = new Int32Array(rows.length);
	const sizes = new Int32Array(met.length);
	for (let position = 0; position < rows.length; position++) {
		const slot = rank[metOf[position]!]!;
		groupOfRow[position] = slot;
		sizes[slot]!++;
	}

	return {by, slots, groupOf: groupOfRow, sizes};
}

/** The groups of `grouping` filled with `rows` (the list it was made for, or a later one it holds for). O(n + k). */
export function groupsOf(grouping: Grouping, rows: readonly FleetRow[]): Group[] {
	const {by, slots, groupOf: slotOf, sizes} = grouping;
	const members = slots.map((_, slot) => new Array<FleetRow>(sizes[slot]!));
	const filled = new Int32Array(slots.length);
	// Four counts a group, by status: online, stale, offline, gone.
	const counts = new Int32Array(slots.length * 4);
	for (let position = 0; position < rows.length; position++) {
		const row = rows[position]!;
		const slot = slotOf[position]!;
		members[slot]![filled[slot]!++] = row;
		// A switch, not counts[row.status]++: a keyed store by a changing name is slow in V8's hot loops.
		switch (row.status) {
			case 'online': {
				counts[slot * 4]!++;
				break;
			}

			case 'stale': {
				counts[slot * 4 + 1]!++;
				break;
			}

			case 'offline': {
				counts[slot * 4 + 2]!++;
				break;
			}

			case 'gone': {
				counts[slot * 4 + 3]!++;
				break;
			}
		}
	}

	return slots.map(({key, name}, slot) => ({
		key,
		by,
		name,
		rows: members[slot]!,
		online: counts[slot * 4]!,
		stale: counts[slot * 4 + 1]!,
		offline: counts[slot * 4 + 2]!,
		gone: counts[slot * 4 + 3]!,
	}));
}

/** `rows` (already sorted) in groups, each keeping the rows' order, the groups in reading order. O(n + k log k). */
export function groupRows(rows: readonly FleetRow[], by: Exclude<GroupBy, 'none'>): Group[] {
	return groupsOf(groupingOf(rows, by), rows);
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
