/** The context picker's keys (`x`, ↑↓, Enter, Esc) as a pure function of keys, view and world. */
import {describe, expect, it} from 'vitest';
import {parseKeys} from '../../src/view/key-parse.js';
import {applyKeys, type KeyWorld, NO_CONTEXTS} from '../../src/view/apply-keys.js';
import {focusOf} from '../../src/view/keymap.js';
import {initialViewState, type ViewState} from '../../src/view/view-state.js';

const world: KeyWorld = {
	ids: () => ['a', 'b', 'c'],
	pageSize: () => 10,
	logEvents: () => [],
	paneMaxScroll: () => 0,
	helpMaxScroll: () => 0,
	paused: false,
	history: false,
	now: 1000,
	contexts: ['prod', 'staging', 'ci'],
	context: 'staging',
};

const press = (keys: string, view: ViewState = initialViewState, on: KeyWorld = world) =>
	applyKeys(
		view,
		parseKeys(keys).map(key => ({key})),
		on,
	);

describe('the context picker', () => {
	it('x opens it on the context in use; ↑↓ choose within the list; Enter switches and closes it', () => {
		const opened = press('x').view;
		expect(opened.picker).toBe(1);
		expect(focusOf(opened)).toBe('contexts');
		expect(press('\u001B[B\u001B[B\u001B[B', opened).view.picker).toBe(2);
		expect(press('kkkk', opened).view.picker).toBe(0);
		const picked = press('j\r', opened);
		expect(picked.effects).toEqual([{type: 'switch-context', name: 'ci'}]);
		expect(picked.view.picker).toBeNull();
		expect(focusOf(picked.view)).toBe('table');
	});

	it('Enter on the context in use, or Esc, closes it without switching; keys of the table do nothing in it', () => {
		const opened = press('x').view;
		expect(press('\r', opened)).toMatchObject({effects: [], view: {picker: null}});
		expect(press('\u001B', opened)).toMatchObject({effects: [], view: {picker: null}});
		// `1-4` and `/` are the table's: the picker keeps the focus until closed.
		expect(press('3/', opened).view).toMatchObject({picker: 1, scope: 'all', filterEditing: false});
	});

	it('without contexts, x says how to add some', () => {
		const result = press('x', initialViewState, {...world, contexts: [], context: undefined});
		expect(result.view.picker).toBeNull();
		expect(result.view.flash).toEqual({text: NO_CONTEXTS, at: 1000, tone: 'error'});
		expect(NO_CONTEXTS).toContain('README');
	});
});
