/**
 * What the person is looking at: selection (by device id, never by row
 * number), pane, overlays, filter, scope and sort. Pure, tested apart from Ink.
 */
import type {ColumnKey} from './columns.js';
import type {GroupBy} from './grouping.js';
import {type ColumnSetup, DEFAULT_SETUP, moveColumn, setupOf, toggleColumn} from './column-choice.js';
import {DEFAULT_SORT, type Scope, type SortState} from './query.js';

export type Pane = 'table' | 'detail' | 'log';
export type DetailTab = 'overview' | 'metadata' | 'events' | 'raw';
export const DETAIL_TABS: readonly DetailTab[] = ['overview', 'metadata', 'events', 'raw'];

/**
 * A detail tab's label as the pane draws it (` 1 overview `): the labels sit side by side from the
 * pane's first column, so a click's column finds its tab (mouse-gesture.ts). ASCII: a cell a character.
 */
export function detailTabLabel(index: number): string {
	return ` ${index + 1} ${DETAIL_TABS[index]} `;
}

/** A short message that replaces the key hints for a few seconds ("copied …", "exported …"). */
export type Flash = {text: string; at: number; tone: 'info' | 'error'};

export type ViewState = {
	selectedId: string | null;
	/** Where the selection was, for when its device vanishes from the visible rows. */
	selectedIndex: number;
	pane: Pane;
	help: boolean;
	/** Scroll offset of the help overlay, in lines. */
	helpScroll: number;
	/** The table's filter. */
	filter: string;
	/**
	 * The prompt is open, editing the filter of the pane it was opened on (the table's, or the log's search), or,
	 * when `prompt` is 'jump', the moment to go to.
	 */
	filterEditing: boolean;
	/** What the open prompt edits: a filter, or the "go to:" moment (time-jump.ts). */
	prompt: 'filter' | 'jump';
	/** The "go to:" prompt's text while it is typed. */
	jumpText: string;
	/** The moment the table shows, rebuilt from the history file (epoch ms); null: live. */
	timeTravel: number | null;
	/** The event log's search (event-query.ts), kept while the log is closed. */
	logFilter: string;
	/** The selected event in the log (event-query.ts's eventKey); null follows the newest. */
	logSelectedKey: string | null;
	/** Where the log's selection was, for when its event leaves the search or the log. */
	logSelectedIndex: number;
	scope: Scope;
	sort: SortState;
	/** What the table's rows are grouped by (grouping.ts); `none` is the flat table. */
	groupBy: GroupBy;
	/** Keys of the groups collapsed (grouping.ts Group.key), kept whatever the group-by, so a group stays collapsed. */
	collapsed: ReadonlySet<string>;
	detailTab: DetailTab;
	/** Scroll offset of the open pane (details or the full event log). */
	paneScroll: number;
	flash: Flash | null;
	/** The context picker (`x`): the index of the chosen context while it is open, else null. */
	picker: number | null;
	/** The columns shown and their order (column-choice.ts): from --columns, changed by the `f` chooser. */
	columns: ColumnSetup;
	/** The column chooser (`f`) is open, its cursor on `chooserIndex` of `columns`. */
	chooser: boolean;
	chooserIndex: number;
};

export type ViewAction =
	| {type: 'move'; delta: number; ids: readonly string[]}
	/**
	 * Onto one line by id: a click (`--mouse`), or a tree move (a row's id, or a group header's: grouping.ts);
	 * nothing when `ids` no longer holds it.
	 */
	| {type: 'select'; id: string; ids: readonly string[]}
	| {type: 'jump'; to: 'first' | 'last'; ids: readonly string[]}
	| {type: 'open-detail'; ids: readonly string[]}
	| {type: 'close'}
	| {type: 'toggle-help'}
	| {type: 'filter-start'}
	| {type: 'jump-start'}
	/** To a recorded moment (epoch ms), or back to live (null). */
	| {type: 'travel'; to: number | null}
	| {type: 'filter-type'; text: string}
	| {type: 'filter-erase'}
	| {type: 'filter-commit'}
	| {type: 'filter-clear'}
	| {type: 'scope'; scope: Scope}
	| {type: 'sort'; key: ColumnKey}
	| {type: 'group-by'; by: GroupBy}
	/** Collapse (or expand) the group of this key. */
	| {type: 'fold'; key: string; collapsed: boolean}
	| {type: 'scroll-pane'; delta: number; max: number}
	| {type: 'scroll-help'; delta: number; max: number}
	| {type: 'detail-tab'; tab: DetailTab}
	| {type: 'detail-tab-step'; step: 1 | -1}
	| {type: 'open-log'}
	| {type: 'log-move'; delta: number; keys: readonly string[]}
	| {type: 'log-jump'; to: 'first' | 'last'; keys: readonly string[]}
	/**
	 * Back to the table on one listener: `ids` are the table's rows once `reveal` cleared scope and filter, if it did.
	 */
	| {type: 'show-listener'; id: string; ids: readonly string[]; reveal: boolean}
	| {type: 'chooser-toggle'}
	| {type: 'chooser-move'; delta: number}
	/** Show or hide the column under the cursor; `now` (epoch ms) dates the flash when it is refused. */
	| {type: 'column-toggle'; now: number}
	| {type: 'column-move'; by: 1 | -1}
	/** The selected listener is shown at `index` now (rows moved: a sort, a poll); where it was, should it vanish. */
	| {type: 'selection-seen'; index: number}
	| {type: 'flash'; flash: Flash}
	| {type: 'flash-expire'; now: number}
	/** The context picker opens on context `index` of the config file's list. */
	| {type: 'picker-open'; index: number}
	/** Moves the picker's choice, kept within the `count` contexts. */
	| {type: 'picker-move'; delta: number; count: number};

export const FLASH_MS = 5000;

export const initialViewState: ViewState = {
	selectedId: null,
	selectedIndex: 0,
	pane: 'table',
	help: false,
	helpScroll: 0,
	filter: '',
	filterEditing: false,
	prompt: 'filter',
	jumpText: '',
	timeTravel: null,
	logFilter: '',
	logSelectedKey: null,
	logSelectedIndex: 0,
	scope: 'all',
	sort: DEFAULT_SORT,
	groupBy: 'none',
	collapsed: new Set(),
	detailTab: 'overview',
	paneScroll: 0,
	flash: null,
	picker: null,
	columns: DEFAULT_SETUP,
	chooser: false,
	chooserIndex: 0,
};

/** How the view starts: --sort, --scope, --filter, --group-by and --columns, or their config keys (config/flags.ts). */
export type ViewStart = {
	sort: SortState;
	scope: Scope;
	filter: string;
	groupBy?: GroupBy;
	columns?: readonly ColumnKey[];
};

/** The first view state, sorted, scoped, filtered, grouped and with the columns `start` says (defaults without). */
export function initialView(start?: ViewStart): ViewState {
	if (!start) return initialViewState;
	const columns = start.columns ? setupOf(start.columns) : DEFAULT_SETUP;
	return {
		...initialViewState,
		sort: start.sort,
		scope: start.scope,
		filter: start.filter,
		groupBy: start.groupBy ?? 'none',
		columns,
	};
}

/** The row the selection is on: its device's row, or the nearest to where it was. */
export function resolveSelection(state: ViewState, ids: readonly string[]): number {
	return resolveIn(state.selectedId, state.selectedIndex, ids);
}

/** The event the log's selection is on (an index into `keys`, newest first), or the nearest; -1 when none. */
export function resolveLogSelection(state: ViewState, keys: readonly string[]): number {
	return resolveIn(state.logSelectedKey, state.logSelectedIndex, keys);
}

/** The text the prompt edits: the moment to go to, the log's search when the log is open, else the table's filter. */
export function activeFilter(state: ViewState): string {
	if (state.filterEditing && state.prompt === 'jump') return state.jumpText;
	return state.pane === 'log' ? state.logFilter : state.filter;
}

function resolveIn(selected: string | null, where: number, ids: readonly string[]): number {
	if (ids.length === 0) {
		return -1;
	}

	const index = selected === null ? -1 : ids.indexOf(selected);
	return index >= 0 ? index : Math.min(Math.max(0, where), ids.length - 1);
}

function withFilter(state: ViewState, pattern: string): ViewState {
	if (state.filterEditing && state.prompt === 'jump') return {...state, jumpText: pattern};
	return state.pane === 'log'
		? {...state, logFilter: pattern, logSelectedKey: null, logSelectedIndex: 0}
		: {...state, filter: pattern};
}

function selectEvent(state: ViewState, keys: readonly string[], index: number): ViewState {
	if (keys.length === 0) {
		return state;
	}

	const clamped = Math.min(Math.max(0, index), keys.length - 1);
	// The newest selected follows the newest: a live log keeps showing what just happened.
	return {...state, logSelectedKey: clamped === 0 ? null : keys[clamped]!, logSelectedIndex: clamped};
}

function selectIndex(state: ViewState, ids: readonly string[], index: number): ViewState {
	if (ids.length === 0) {
		return state;
	}

	const clamped = Math.min(Math.max(0, index), ids.length - 1);
	return {...state, selectedId: ids[clamped]!, selectedIndex: clamped};
}

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
	switch (action.type) {
		case 'move': {
			return selectIndex(state, action.ids, resolveSelection(state, action.ids) + action.delta);
		}

		case 'select': {
			const index = action.ids.indexOf(action.id);
			return index < 0 ? state : selectIndex(state, action.ids, index);
		}

		case 'jump': {
			return selectIndex(state, action.ids, action.to === 'first' ? 0 : action.ids.length - 1);
		}

		case 'open-detail': {
			const index = resolveSelection(state, action.ids);
			if (index < 0) {
				return state;
			}

			return {...selectIndex(state, action.ids, index), pane: 'detail', paneScroll: 0, help: false};
		}

		case 'close': {
			if (state.picker !== null) {
				return {...state, picker: null};
			}

			if (state.help) {
				return {...state, help: false};
			}

			if (state.chooser) {
				return {...state, chooser: false};
			}

			// Esc on the log clears its search first, as on the table.
			if (state.pane === 'log' && state.logFilter) {
				return withFilter(state, '');
			}

			if (state.pane !== 'table') {
				return {...state, pane: 'table', paneScroll: 0};
			}

			// History first: it changes every row, the filter only which are shown.
			if (state.timeTravel !== null) {
				return {...state, timeTravel: null};
			}

			// Esc on the table clears the filter, as in k9s.
			return state.filter ? {...state, filter: ''} : state;
		}

		case 'toggle-help': {
			return {...state, help: !state.help, helpScroll: 0, picker: null};
		}

		case 'filter-start': {
			return {
				...state,
				filterEditing: true,
				prompt: 'filter',
				help: false,
				pane: state.pane === 'log' ? 'log' : 'table',
			};
		}

		case 'jump-start': {
			return {...state, filterEditing: true, prompt: 'jump', jumpText: '', help: false, pane: 'table'};
		}

		case 'travel': {
			return {...state, timeTravel: action.to};
		}

		case 'filter-type': {
			return withFilter(state, activeFilter(state) + action.text);
		}

		case 'filter-erase': {
			return withFilter(state, Array.from(activeFilter(state)).slice(0, -1).join(''));
		}

		case 'filter-commit': {
			return {...state, filterEditing: false, prompt: 'filter', jumpText: ''};
		}

		case 'filter-clear': {
			return {...withFilter(state, ''), filterEditing: false, prompt: 'filter', jumpText: ''};
		}

		case 'scope': {
			return {...state, scope: action.scope};
		}

		case 'sort': {
			const descending = state.sort.key === action.key ? !state.sort.descending : false;
			return {...state, sort: {key: action.key, descending}};
		}

		case 'group-by': {
			return {...state, groupBy: action.by};
		}

		case 'fold': {
			if (state.collapsed.has(action.key) === action.collapsed) return state;
			const collapsed = new Set(state.collapsed);
			if (action.collapsed) collapsed.add(action.key);
			else collapsed.delete(action.key);
			return {...state, collapsed};
		}

		case 'scroll-pane': {
			const paneScroll = Math.min(Math.max(0, state.paneScroll + action.delta), Math.max(0, action.max));
			return {...state, paneScroll};
		}

		case 'scroll-help': {
			return {
				...state,
				helpScroll: Math.min(Math.max(0, state.helpScroll + action.delta), Math.max(0, action.max)),
			};
		}

		case 'detail-tab': {
			return {...state, detailTab: action.tab, paneScroll: 0};
		}

		case 'detail-tab-step': {
			const index = DETAIL_TABS.indexOf(state.detailTab);
			const next = DETAIL_TABS[(index + action.step + DETAIL_TABS.length) % DETAIL_TABS.length]!;
			return {...state, detailTab: next, paneScroll: 0};
		}

		case 'open-log': {
			return {...state, pane: 'log', paneScroll: 0, help: false, logSelectedKey: null, logSelectedIndex: 0};
		}

		case 'log-move': {
			return selectEvent(state, action.keys, resolveLogSelection(state, action.keys) + action.delta);
		}

		case 'log-jump': {
			return selectEvent(state, action.keys, action.to === 'first' ? 0 : action.keys.length - 1);
		}

		case 'show-listener': {
			const shown = action.reveal ? {...state, scope: 'all' as const, filter: ''} : state;
			const index = action.ids.indexOf(action.id);
			return {
				...shown,
				pane: 'table',
				paneScroll: 0,
				filterEditing: false,
				selectedId: action.id,
				selectedIndex: index >= 0 ? index : state.selectedIndex,
			};
		}

		case 'chooser-toggle': {
			return {...state, chooser: !state.chooser, help: false};
		}

		case 'chooser-move': {
			const last = state.columns.length - 1;
			return {...state, chooserIndex: Math.min(Math.max(0, state.chooserIndex + action.delta), last)};
		}

		case 'column-toggle': {
			const {setup, refused} = toggleColumn(state.columns, state.chooserIndex);
			return refused
				? {...state, flash: {text: refused, at: action.now, tone: 'error'}}
				: {...state, columns: setup};
		}

		case 'column-move': {
			const columns = moveColumn(state.columns, state.chooserIndex, action.by);
			if (columns === state.columns) return state;
			// The cursor goes with the column it moves.
			return {...state, columns, chooserIndex: state.chooserIndex + action.by};
		}

		case 'selection-seen': {
			return state.selectedIndex === action.index ? state : {...state, selectedIndex: action.index};
		}

		case 'flash': {
			return {...state, flash: action.flash};
		}

		case 'picker-open': {
			return {...state, picker: action.index, help: false};
		}

		case 'picker-move': {
			if (state.picker === null) return state;
			return {
				...state,
				picker: Math.min(Math.max(0, state.picker + action.delta), Math.max(0, action.count - 1)),
			};
		}

		case 'flash-expire': {
			return state.flash && action.now - state.flash.at >= FLASH_MS ? {...state, flash: null} : state;
		}
	}
}

/** The first visible row of a list window: moves only when the selection would leave it. */
export function windowStart(previousStart: number, selected: number, height: number, total: number): number {
	if (height <= 0 || total <= height) {
		return 0;
	}

	let start = Math.min(previousStart, total - height);
	if (selected < start) {
		start = selected;
	} else if (selected >= start + height) {
		start = selected - height + 1;
	}

	return Math.max(0, start);
}
