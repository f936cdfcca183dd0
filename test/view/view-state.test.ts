import {describe, expect, it} from 'vitest';
import {
	initialView,
	initialViewState,
	resolveSelection,
	viewReducer,
	type ViewState,
	windowStart,
} from '../../src/view/view-state.js';

const ids = ['a', 'b', 'c', 'd', 'e'];

describe('viewReducer', () => {
	it('moves the selection and clamps it at both ends', () => {
		let state = viewReducer(initialViewState, {type: 'move', delta: 1, ids});
		expect(state.selectedId).toBe('b');
		state = viewReducer(state, {type: 'move', delta: 10, ids});
		expect(state.selectedId).toBe('e');
		state = viewReducer(state, {type: 'move', delta: -10, ids});
		expect(state.selectedId).toBe('a');
		expect(viewReducer(state, {type: 'jump', to: 'last', ids}).selectedId).toBe('e');
	});

	it('follows the device, not the row number, when rows move', () => {
		const state = viewReducer(initialViewState, {type: 'move', delta: 2, ids});
		expect(state.selectedId).toBe('c');
		const reordered = ['c', 'x', 'a', 'b'];
		expect(resolveSelection(state, reordered)).toBe(0);
		expect(viewReducer(state, {type: 'move', delta: 1, ids: reordered}).selectedId).toBe('x');
	});

	it('stays near where it was when its device vanishes', () => {
		const state = viewReducer(initialViewState, {type: 'move', delta: 3, ids});
		expect(resolveSelection(state, ['a', 'b', 'c', 'e'])).toBe(3);
		expect(resolveSelection(state, ['a'])).toBe(0);
		expect(resolveSelection(state, [])).toBe(-1);
	});

	it('opens details on the selected device and Esc goes back', () => {
		let state: ViewState = viewReducer(initialViewState, {type: 'open-detail', ids});
		expect(state).toMatchObject({pane: 'detail', selectedId: 'a'});
		state = viewReducer(state, {type: 'close'});
		expect(state.pane).toBe('table');
		expect(viewReducer(initialViewState, {type: 'open-detail', ids: []}).pane).toBe('table');
	});

	it('edits, keeps and clears the filter', () => {
		let state = viewReducer(initialViewState, {type: 'filter-start'});
		for (const text of ['g', 'p', 'ü']) state = viewReducer(state, {type: 'filter-type', text});
		state = viewReducer(state, {type: 'filter-erase'});
		expect(state).toMatchObject({filter: 'gp', filterEditing: true});
		state = viewReducer(state, {type: 'filter-commit'});
		expect(state).toMatchObject({filter: 'gp', filterEditing: false});
		expect(viewReducer(state, {type: 'close'}).filter).toBe('');
	});

	it('starts as --sort, --scope and --filter say, or as the defaults', () => {
		expect(initialView()).toBe(initialViewState);
		const state = initialView({sort: {key: 'lastSeen', descending: true}, scope: 'problems', filter: 'darwin'});
		expect(state).toMatchObject({
			sort: {key: 'lastSeen', descending: true},
			scope: 'problems',
			filter: 'darwin',
			filterEditing: false,
			pane: 'table',
		});
		// The same key as the start reverses it, as it would after pressing it.
		expect(viewReducer(state, {type: 'sort', key: 'lastSeen'}).sort).toEqual({key: 'lastSeen', descending: false});
	});

	it('stays near where its listener was last shown, once told, when that listener vanishes', () => {
		const state = viewReducer(initialViewState, {type: 'move', delta: 1, ids});
		// A sort moved 'b' to the end: the view says where it is now.
		const seen = viewReducer(state, {type: 'selection-seen', index: 4});
		expect(resolveSelection(seen, ['a', 'c', 'd', 'e', 'f', 'g'])).toBe(4);
		expect(viewReducer(seen, {type: 'selection-seen', index: 4})).toBe(seen);
	});

	it('sorts by a column, and the same key again reverses', () => {
		let state = viewReducer(initialViewState, {type: 'sort', key: 'heartbeat'});
		expect(state.sort).toEqual({key: 'heartbeat', descending: false});
		state = viewReducer(state, {type: 'sort', key: 'heartbeat'});
		expect(state.sort).toEqual({key: 'heartbeat', descending: true});
	});
});

describe('windowStart', () => {
	it('keeps the window still until the selection leaves it', () => {
		expect(windowStart(0, 5, 10, 100)).toBe(0);
		expect(windowStart(0, 10, 10, 100)).toBe(1);
		expect(windowStart(20, 15, 10, 100)).toBe(15);
		expect(windowStart(95, 99, 10, 100)).toBe(90);
		expect(windowStart(5, 2, 10, 8)).toBe(0);
	});
});
