/**
 * The keymap as a function of key and view, without a server or a terminal:
 * what each key asks for (view actions, quit, interrupt, suspend, repaint).
 */
import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {functionKey, handleFunctionKey, handleKey, type KeymapContext, plainKey} from '../../src/ui/hooks/use-keymap.js';
import {initialViewState, type ViewAction, type ViewState, viewReducer} from '../../src/view/view-state.js';

const NONE: Key = plainKey('x').key;

/** A keymap context that records what was asked of it. */
function recorder(view: ViewState = initialViewState) {
	const calls: string[] = [];
	const actions: ViewAction[] = [];
	let current = view;
	const dispatch = (action: ViewAction) => {
		actions.push(action);
		current = viewReducer(current, action);
	};

	const context: KeymapContext = {
		view,
		dispatch,
		ids: ['a', 'b', 'c'],
		pageSize: 10,
		paneMaxScroll: 0,
		paused: false,
		controls: {pause: () => calls.push('pause'), resume: () => calls.push('resume'), pollNow: () => calls.push('pollNow')},
		copySelected: () => calls.push('copy'),
		exportRows: format => calls.push(`export ${format}`),
		quit: () => calls.push('quit'),
		interrupt: () => calls.push('interrupt'),
		suspend: () => calls.push('suspend'),
		repaint: () => calls.push('repaint'),
	};
	/** Presses keys as Ink reports them, each on the view the one before left. */
	const press = (...keys: Array<{input: string; key: Key}>) => {
		for (const {input, key} of keys) handleKey(input, key, current, dispatch, context);
	};

	return {calls, actions, press, context, view: () => current};
}

const ctrl = (letter: string) => ({input: letter, key: {...NONE, ctrl: true}});
const typed = (text: string) => [...text].map(plainKey);

describe('Ctrl+letter is never the letter', () => {
	it('Ctrl-L repaints and opens no log; Ctrl-E exports nothing; Ctrl-Q does not quit; Ctrl-P does not pause', () => {
		const keys = recorder();
		keys.press(ctrl('l'), ctrl('e'), ctrl('q'), ctrl('p'), ctrl('r'), ctrl('j'));
		expect(keys.calls).toEqual(['repaint']);
		expect(keys.actions).toEqual([]);
		expect(keys.view().pane).toBe('table');
	});

	it('Ctrl-C interrupts (exit 130) and Ctrl-Z suspends, also while the filter is being typed', () => {
		const keys = recorder();
		keys.press(typed('/')[0]!, ctrl('z'), ctrl('c'));
		expect(keys.calls).toEqual(['suspend', 'interrupt']);
		// Nothing of the Ctrl keys reached the filter.
		expect(keys.view()).toMatchObject({filterEditing: true, filter: ''});
	});

	it('the letters themselves still act', () => {
		const keys = recorder();
		keys.press(...typed('elq'));
		expect(keys.view().pane).toBe('log');
		expect(keys.calls).toEqual(['export csv', 'quit']);
	});

	it('a chunk of typed keys is split as the terminal sent them: a C0 code in it is Ctrl+letter, Enter and Backspace are keys', () => {
		expect(plainKey('\u000C')).toEqual({input: 'l', key: {...NONE, ctrl: true}});
		expect(plainKey('\u0005')).toEqual({input: 'e', key: {...NONE, ctrl: true}});
		expect(plainKey('\r').key.return).toBe(true);
		expect(plainKey('\u007F').key.backspace).toBe(true);
		expect(plainKey('\t').key.tab).toBe(true);

		const keys = recorder();
		keys.press(...typed('/ab\u007F\u0005c\r'));
		expect(keys.view()).toMatchObject({filter: 'ac', filterEditing: false});
		expect(keys.calls).toEqual([]);
	});
});

describe('function keys, for htop hands', () => {
	it('knows F1 and F10 by what xterm, VT220 and the Linux console send', () => {
		expect(['\u001BOP', '\u001B[11~', '\u001B[[A'].map(functionKey)).toEqual(['f1', 'f1', 'f1']);
		expect(functionKey('\u001B[21~')).toBe('f10');
		expect(functionKey('\u001BOQ')).toBeUndefined();
		expect(functionKey('q')).toBeUndefined();
	});

	it('F1 shows and hides help; F10 quits', () => {
		const keys = recorder();
		handleFunctionKey('f1', keys.view(), keys.context.dispatch, keys.context);
		expect(keys.view().help).toBe(true);
		handleFunctionKey('f1', keys.view(), keys.context.dispatch, keys.context);
		expect(keys.view().help).toBe(false);
		handleFunctionKey('f10', keys.view(), keys.context.dispatch, keys.context);
		expect(keys.calls).toEqual(['quit']);
	});

	it('F1 while typing a filter keeps the filter and shows help; F10 quits from there too', () => {
		const keys = recorder();
		keys.press(...typed('/web'));
		handleFunctionKey('f1', keys.view(), keys.context.dispatch, keys.context);
		expect(keys.view()).toMatchObject({help: true, filterEditing: false, filter: 'web'});
		handleFunctionKey('f10', keys.view(), keys.context.dispatch, keys.context);
		expect(keys.calls).toEqual(['quit']);
	});
});
