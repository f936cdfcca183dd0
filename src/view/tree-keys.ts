/**
 * The tree keys of a grouped table (grouping.ts), pure, for applyKeys (apply-keys.ts): `←` to a row's
 * group, `←`/`→`/Enter to fold one, `t` to the next group-by, and a selection a collapse hid moved to
 * its group's header line. Each takes the view the earlier keys left and reports view actions.
 */
import {isGroupLine, nextGroupBy} from './grouping.js';
import {headerOf, resolveLine, type TableLines} from './table-lines.js';
import {type ViewAction, type ViewState, viewReducer} from './view-state.js';

/** What the tree keys read of the world: the table's lines under a view; absent, the rows are never grouped. */
export type TreeWorld = {lines?: (view: ViewState) => TableLines};

/** The table's line the selection is on under `view`, or undefined (no lines, or a world that never groups). */
function selectedLine(view: ViewState, world: TreeWorld) {
	const table = world.lines?.(view);
	if (!table) return undefined;
	const index = resolveLine(table, view.selectedId, view.selectedIndex);
	return {table, index, line: table.lines[index]};
}

/** A selected row hidden in a collapsed group: the selection goes to its header line. */
export function settleSelection(view: ViewState, world: TreeWorld, act: (action: ViewAction) => void): void {
	if (view.selectedId === null || world.lines === undefined) return;
	const table = world.lines(view);
	const header = table.hiddenIn.get(view.selectedId);
	if (header !== undefined) act({type: 'select', id: table.ids[header]!, ids: table.ids});
}

/** On a group's header line, collapse, expand or toggle it; false when the selection is not on one. */
export function foldSelected(
	view: ViewState,
	world: TreeWorld,
	act: (action: ViewAction) => void,
	how: 'open' | 'close' | 'toggle',
): boolean {
	const line = selectedLine(view, world)?.line;
	if (!isGroupLine(line)) return false;
	act({type: 'fold', key: line.group.key, collapsed: how === 'toggle' ? !line.collapsed : how === 'close'});
	return true;
}

/** `←` on a row in a group: the selection goes to the group's header line. */
export function toParent(view: ViewState, world: TreeWorld, act: (action: ViewAction) => void): void {
	const found = selectedLine(view, world);
	const header = found ? headerOf(found.table, found.index) : -1;
	if (found && header >= 0) act({type: 'select', id: found.table.ids[header]!, ids: found.table.ids});
}

/**
 * `t`: the next group-by. On a group's header line the selection goes to the group's first row, so the
 * person stays where they were rather than on whatever line the old header's place now holds.
 */
export function groupByNext(view: ViewState, world: TreeWorld, act: (action: ViewAction) => void): void {
	const line = selectedLine(view, world)?.line;
	const next = viewReducer(view, {type: 'group-by', by: nextGroupBy(view.groupBy)});
	act({type: 'group-by', by: next.groupBy});
	const first = isGroupLine(line) ? line.group.rows[0] : undefined;
	if (!first || !world.lines) return;
	const table = world.lines(next);
	const header = table.hiddenIn.get(first.id);
	act({type: 'select', id: header === undefined ? first.id : table.ids[header]!, ids: table.ids});
}
