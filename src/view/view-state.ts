/**
 * What the person is looking at: selection (by device id, never by row
 * number), pane, overlays, filter, scope and sort. Pure, tested apart from Ink.
 */
import type {ColumnKey} from './columns.js';
import {DEFAULT_SORT, type Scope, type SortState} from './query.js';

export type Pane = 'table' | 'detail' | 'log';
export type DetailTab = 'overview' | 'metadata' | 'events' | 'raw';
export const DETAIL_TABS: readonly DetailTab[] = ['overview', 'metadata', 'events', 'raw'];

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
	filter: string;
	filterEditing: boolean;
	scope: Scope;
	sort: SortState;
	detailTab: DetailTab;
	/** Scroll offset of the open pane (details or the full event log). */
	paneScroll: number;
	flash: Flash | null;
};

export type ViewAction =
	| {type: 'move'; delta: number; ids: readonly string[]}
	| {type: 'jump'; to: 'first' | 'last'; ids: readonly string[]}
	| {type: 'open-detail'; ids: readonly string[]}
	| {type: 'close'}
	| {type: 'toggle-help'}
	| {type: 'filter-start'}
	| {type: 'filter-type'; text: string}
	| {type: 'filter-erase'}
	| {type: 'filter-commit'}
	| {type: 'filter-clear'}
	| {type: 'scope'; scope: Scope}
	| {type: 'sort'; key: ColumnKey}
	| {type: 'scroll-pane'; delta: number; max: number}
	| {type: 'scroll-help'; delta: number; max: number}
	| {type: 'detail-tab'; tab: DetailTab}
	| {type: 'detail-tab-step'; step: 1 | -1}
	| {type: 'open-log'}
	| {type: 'flash'; flash: Flash}
	| {type: 'flash-expire'; now: number};

export const FLASH_MS = 5000;

export const initialViewState: ViewState = {
	selectedId: null,
	selectedIndex: 0,
	pane: 'table',
	help: false,
	helpScroll: 0,
	filter: '',
	filterEditing: false,
	scope: 'all',
	sort: DEFAULT_SORT,
	detailTab: 'overview',
	paneScroll: 0,
	flash: null,
};

/** How the view starts: --sort, --scope and --filter, or their config file keys (options.ts). */
export type ViewStart = {sort: SortState; scope: Scope; filter: string};

/** The first view state, sorted, scoped and filtered as `start` says (the defaults without it). */
export function initialView(start?: ViewStart): ViewState {
	return start ? {...initialViewState, sort: start.sort, scope: start.scope, filter: start.filter} : initialViewState;
}

/** The row the selection is on: its device's row, or the nearest to where it was. */
export function resolveSelection(state: ViewState, ids: readonly string[]): number {
	if (ids.length === 0) {
		return -1;
	}

	const index = state.selectedId === null ? -1 : ids.indexOf(state.selectedId);
	return index >= 0 ? index : Math.min(Math.max(0, state.selectedIndex), ids.length - 1);
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
			if (state.help) {
				return {...state, help: false};
			}

			if (state.pane !== 'table') {
				return {...state, pane: 'table', paneScroll: 0};
			}

			// Esc on the table clears the filter, as in k9s.
			return state.filter ? {...state, filter: ''} : state;
		}

		case 'toggle-help': {
			return {...state, help: !state.help, helpScroll: 0};
		}

		case 'filter-start': {
			return {...state, filterEditing: true, help: false, pane: 'table'};
		}

		case 'filter-type': {
			return {...state, filter: state.filter + action.text};
		}

		case 'filter-erase': {
			return {...state, filter: Array.from(state.filter).slice(0, -1).join('')};
		}

		case 'filter-commit': {
			return {...state, filterEditing: false};
		}

		case 'filter-clear': {
			return {...state, filter: '', filterEditing: false};
		}

		case 'scope': {
			return {...state, scope: action.scope};
		}

		case 'sort': {
			const descending = state.sort.key === action.key ? !state.sort.descending : false;
			return {...state, sort: {key: action.key, descending}};
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
			return {...state, pane: 'log', paneScroll: 0, help: false};
		}

		case 'flash': {
			return {...state, flash: action.flash};
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
