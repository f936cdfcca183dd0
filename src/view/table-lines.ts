/**
 * The table's lines under a group-by (grouping.ts): each group's header line followed by its rows unless the group
 * is collapsed, or the rows alone when ungrouped; their ids (the selection's list) and where each hidden row is.
 *
 * Made in two steps so that a tick costs a pass, not a regrouping: a plan (which group each row is in, the groups'
 * order, which line shows which row; the ids) depends only on the listeners shown and their order, and is kept with
 * the lines it made; the lines themselves are the plan filled with the current rows and counts. A tick's rows (the
 * same listeners in the same order, their ages and statuses moved: the caller says so with the same listing) reuse
 * the last plan, and a fold reuses its grouping. At 50 000 listeners grouped by machine (46 000 groups) a plan costs
 * about 100 ms, the lines from a kept one about 10; ungrouped, the lines are the rows and the ids are kept.
 */
import type {FleetRow} from '../fleet/rows.js';
import {type GroupBy, type Grouping, groupingOf, type GroupLine, groupsOf, type TableLine} from './grouping.js';

/**
 * What the table shows under a group-by: its lines in order, their ids (the selection's list), the index of
 * each line's group header line (`headers`, -1 for a header; null when ungrouped), and where each row of a
 * collapsed group is hidden (row id to the index of its header line). Shared between the lines of one plan: read only.
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

/**
 * How a list of rows becomes lines. `listing`: what the caller said the rows are (see tableLines). `source`: per
 * line, the position of its row, or `~slot` (negative) for a group's header line; null when ungrouped. `folded`: per
 * group slot, whether it is collapsed.
 */
type Plan = {
	listing: object | undefined;
	by: GroupBy;
	collapsed: ReadonlySet<string>;
	grouping: Grouping | null;
	source: Int32Array | null;
	folded: readonly boolean[];
	ids: readonly string[];
	headers: Int32Array | null;
	hiddenIn: ReadonlyMap<string, number>;
};

const plans = new WeakMap<TableLines, Plan>();
const NONE_HIDDEN: ReadonlyMap<string, number> = new Map();

/** What tableLines may reuse: the lines it made last, if any, and the listing the rows now given are of. */
export type LinesReuse = {
	previous: TableLines | undefined;
	/**
	 * An object that stands for a list of listeners in an order: the same one only for rows with the same listener
	 * (id, Connection and `local`, all a group reads) at every position, as the rows of one snapshot judged at a later
	 * time and kept in the same order are (app.tsx keeps one with its last sort).
	 */
	listing: object;
};

/**
 * The table's lines: the rows as they are under `none`, else each group's header followed by its rows
 * unless its key is in `collapsed`. Collapsed keys of groups not shown are kept by the caller, so a group
 * stays collapsed across polls and when the group-by comes back to it. O(n + k log k) for n rows in k groups.
 *
 * `reuse`: the lines last made and the listing `rows` are of. When it is the listing those lines were
 * made for, under the same group-by, they are refilled with `rows` rather than grouped again: O(n + k), and nothing
 * at all ungrouped; the same answer as without `reuse`, so long as the caller's listing tells the truth.
 */
export function tableLines(
	rows: readonly FleetRow[],
	by: GroupBy,
	collapsed: ReadonlySet<string>,
	reuse?: LinesReuse,
): TableLines {
	const last = reuse?.previous === undefined ? undefined : plans.get(reuse.previous);
	const listing = reuse?.listing;
	let plan: Plan;
	if (last !== undefined && listing !== undefined && last.listing === listing && last.by === by) {
		plan =
			by === 'none' || sameKeys(last.collapsed, collapsed)
				? last
				: planLines(rows, last.grouping, collapsed, listing);
	} else {
		plan = planLines(rows, by === 'none' ? null : groupingOf(rows, by), collapsed, listing);
	}

	const table = linesOf(plan, rows);
	plans.set(table, plan);
	return table;
}

function sameKeys(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
	if (a === b) return true;
	if (a.size !== b.size) return false;
	for (const key of a) if (!b.has(key)) return false;
	return true;
}

function planLines(
	rows: readonly FleetRow[],
	grouping: Grouping | null,
	collapsed: ReadonlySet<string>,
	listing: object | undefined,
): Plan {
	if (grouping === null) {
		const ids = rows.map(row => row.id);
		const hiddenIn = NONE_HIDDEN;
		return {listing, by: 'none', collapsed, grouping, source: null, folded: [], ids, headers: null, hiddenIn};
	}

	const {slots, groupOf, sizes} = grouping;
	// Each group's rows by position, in the rows' order: a counting sort by group.
	const starts = new Int32Array(slots.length + 1);
	for (let slot = 0; slot < slots.length; slot++) starts[slot + 1] = starts[slot]! + sizes[slot]!;
	const next = starts.slice(0, slots.length);
	const members = new Int32Array(rows.length);
	for (let position = 0; position < rows.length; position++) members[next[groupOf[position]!]!++] = position;

	const folded = slots.map(slot => collapsed.has(slot.key));
	const source: number[] = [];
	const ids: string[] = [];
	const headers: number[] = [];
	const hiddenIn = new Map<string, number>();
	for (let slot = 0; slot < slots.length; slot++) {
		const header = source.length;
		source.push(~slot);
		ids.push(slots[slot]!.id);
		headers.push(-1);
		for (let member = starts[slot]!; member < starts[slot + 1]!; member++) {
			const position = members[member]!;
			const {id} = rows[position]!;
			if (folded[slot]) {
				hiddenIn.set(id, header);
			} else {
				source.push(position);
				ids.push(id);
				headers.push(header);
			}
		}
	}

	return {
		listing,
		by: grouping.by,
		collapsed,
		grouping,
		source: Int32Array.from(source),
		folded,
		ids,
		headers: Int32Array.from(headers),
		hiddenIn,
	};
}

function linesOf(plan: Plan, rows: readonly FleetRow[]): TableLines {
	const {grouping, source, ids, headers, hiddenIn} = plan;
	if (grouping === null || source === null) return {lines: rows, ids, headers, hiddenIn};
	const groupLines: GroupLine[] = groupsOf(grouping, rows).map((group, slot) => ({
		kind: 'group',
		id: grouping.slots[slot]!.id,
		group,
		collapsed: plan.folded[slot]!,
	}));
	const lines = new Array<TableLine>(source.length);
	for (let line = 0; line < source.length; line++) {
		const from = source[line]!;
		lines[line] = from >= 0 ? rows[from]! : groupLines[~from]!;
	}

	return {lines, ids, headers, hiddenIn};
}

/**
 * The line the selection is on: the line of `selectedId`, the header hiding it when its group is
 * collapsed, else the line nearest `selectedIndex`; -1 when there are none.
 */
export function resolveLine(table: TableLines, selectedId: string | null, selectedIndex: number): number {
	if (table.ids.length === 0) return -1;
	if (selectedId !== null) {
		// Ids are unique: where the selection was last seen is its line unless rows moved under it, and a search
		// through 50 000 ids every frame is what a tick would otherwise cost.
		if (table.ids[selectedIndex] === selectedId) return selectedIndex;
		const index = table.ids.indexOf(selectedId);
		if (index >= 0) return index;
		const header = table.hiddenIn.get(selectedId);
		if (header !== undefined) return header;
	}

	return Math.min(Math.max(0, selectedIndex), table.ids.length - 1);
}
