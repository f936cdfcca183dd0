/**
 * What the person is looking at: selection (by device id, never by row
 * number), pane, overlays, filter, scope and sort. Pure, tested apart from Ink.
 */
import type {ColumnKey} from './columns.js';
import {DEFAULT_SORT, type Scope, type SortState} from './query.js';

export type Pane = 'table' | 'detail';

export type ViewState = {
	selectedId: string | null;
	/** Where the selection was, for when its device vanishes from the visible rows. */
	selectedIndex: number;
	pane: Pane;
	help: boolean;
	filter: string;
	filterEditing: boolean;
	scope: Scope;
	sort: SortState;
	detailScroll: number;
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
	| {type: 'scroll-detail'; delta: number; max: number};

export const initialViewState: ViewState = {
	selectedId: null,
	selectedIndex: 0,
	pane: 'table',
	help: false,
	filter: '',
	filterEditing: false,
	scope: 'all',
	sort: DEFAULT_SORT,
	detailScroll: 0,
};

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

			return {...selectIndex(state, action.ids, index), pane: 'detail', detailScroll: 0, help: false};
		}

		case 'close': {
			if (state.help) {
				return {...state, help: false};
			}

			if (state.pane === 'detail') {
				return {...state, pane: 'table'};
			}

			// Esc on the table clears the filter, as in k9s.
			return state.filter ? {...state, filter: ''} : state;
		}

		case 'toggle-help': {
			return {...state, help: !state.help};
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

		case 'scroll-detail': {
			const detailScroll = Math.min(Math.max(0, state.detailScroll + action.delta), Math.max(0, action.max));
			return {...state, detailScroll};
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
