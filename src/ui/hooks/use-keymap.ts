/**
 * Keys to actions. Kept apart from drawing so the whole keymap reads in one place.
 * `Ctrl`+letter is never the letter: Ctrl-C interrupts, Ctrl-Z suspends, Ctrl-L
 * redraws, and any other Ctrl-letter does nothing (Ctrl-E must not export, Ctrl-Q
 * must not quit). F1 and F10 are help and quit, as in htop.
 */
import type {EventEmitter} from 'node:events';
import {type Key, useInput, useStdin} from 'ink';
import {type Dispatch, useEffect, useRef} from 'react';
import {COLUMNS} from '../../view/columns.js';
import {DETAIL_TABS, type ViewAction, type ViewState, viewReducer} from '../../view/view-state.js';
import type {FleetControls} from './use-fleet.js';

export type KeymapContext = {
	view: ViewState;
	dispatch: Dispatch<ViewAction>;
	ids: readonly string[];
	pageSize: number;
	/** How far the open pane (details, event log) can scroll. */
	paneMaxScroll: number;
	paused: boolean;
	controls: FleetControls;
	copySelected: () => void;
	exportRows: (format: 'csv' | 'json') => void;
	/** q and F10: the operator is done (exit 0). */
	quit: () => void;
	/** Ctrl-C: as a SIGINT would (exit 130; src/exit-status.ts). */
	interrupt: () => void;
	/** Ctrl-Z: give the terminal back and stop, as SIGTSTP would (src/ui/hooks/use-job-control.ts). */
	suspend: () => void;
	/** Ctrl-L: repaint the whole screen, whatever it holds now. */
	repaint: () => void;
};

/** The function keys the keymap knows, by the sequences xterm, VT220, rxvt and the Linux console send for them. */
const FUNCTION_KEYS: ReadonlyMap<string, 'f1' | 'f10'> = new Map([
	['\u001BOP', 'f1'],
	['\u001B[11~', 'f1'],
	['\u001B[[A', 'f1'],
	['\u001B[21~', 'f10'],
]);

/** The function key a raw input event is, if it is F1 or F10. */
export function functionKey(sequence: string): 'f1' | 'f10' | undefined {
	return FUNCTION_KEYS.get(sequence);
}

const SORT_KEYS = new Map(COLUMNS.flatMap(column => (column.sortKey ? [[column.sortKey.toUpperCase(), column.key] as const] : [])));
const SCOPES = {'1': 'all', '2': 'problems', '3': 'online', '4': 'duplicates'} as const;

const NO_KEY: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

export function useKeymap(context: KeymapContext): void {
	// Ink hands useInput an F-key as an empty string with no flag set: its raw sequence says which it is.
	// Ink 8 has no public hook for the raw sequences; its stdin context carries the emitter useInput reads.
	const latest = useRef(context);
	latest.current = context;
	const events = (useStdin() as {internal_eventEmitter?: EventEmitter}).internal_eventEmitter;
	useEffect(() => {
		if (!events) {
			return;
		}

		const onInput = (sequence: string) => {
			const name = functionKey(sequence);
			if (name) {
				const current = latest.current;
				handleFunctionKey(name, current.view, current.dispatch, current);
			}
		};

		events.on('input', onInput);
		return () => {
			events.off('input', onInput);
		};
	}, [events]);

	useInput((input: string, key: Key) => {
		// Keys typed faster than a frame (or sent by tmux send-keys) arrive as one chunk;
		// each one is still a key, and each sees the view the previous one left.
		let view = context.view;
		const dispatch = (action: ViewAction) => {
			view = viewReducer(view, action);
			context.dispatch(action);
		};

		if (input.length > 1 && !input.includes('\u001B') && !key.ctrl && !key.meta) {
			for (const character of input) {
				const plain = plainKey(character);
				handleKey(plain.input, plain.key, view, dispatch, context);
			}

			return;
		}

		handleKey(input, key, view, dispatch, context);
	});
}

/**
 * One character of a chunk of typed keys, as Ink would report it alone:
 * CR is Enter, DEL and BS are Backspace, Tab is Tab, and the other C0 codes
 * are Ctrl+letter (0x0C is Ctrl-L).
 */
export function plainKey(character: string): {input: string; key: Key} {
	const code = character.codePointAt(0)!;
	if (character === '\r') return {input: '', key: {...NO_KEY, return: true}};
	if (character === '\u007F' || character === '\b') return {input: '', key: {...NO_KEY, backspace: true}};
	if (character === '\t') return {input: '', key: {...NO_KEY, tab: true}};
	if (code >= 1 && code <= 26) return {input: String.fromCodePoint(code + 96), key: {...NO_KEY, ctrl: true}};
	return {input: character, key: NO_KEY};
}

/** F1 shows or hides help and F10 quits, wherever the operator is (neither is text, so the filter prompt does not take them). */
export function handleFunctionKey(name: 'f1' | 'f10', view: ViewState, dispatch: (action: ViewAction) => void, context: KeymapContext): void {
	if (name === 'f10') {
		context.quit();
		return;
	}

	if (view.filterEditing) dispatch({type: 'filter-commit'});
	dispatch({type: 'toggle-help'});
}

/**
 * What one key does, given the view the keys before it left. Pure but for the
 * context's callbacks: `dispatch` gets the view actions, the others the rest.
 */
export function handleKey(input: string, key: Key, view: ViewState, dispatch: (action: ViewAction) => void, context: KeymapContext): void {
	const {ids, pageSize} = context;
	if (key.ctrl && /^[a-z]$/.test(input)) {
		if (input === 'c') context.interrupt();
		else if (input === 'z') context.suspend();
		else if (input === 'l') context.repaint();
		return;
	}

	if (view.filterEditing) {
		if (key.escape) dispatch({type: 'filter-clear'});
		else if (key.return) dispatch({type: 'filter-commit'});
		else if (key.backspace || key.delete) dispatch({type: 'filter-erase'});
		else if (key.upArrow) dispatch({type: 'move', delta: -1, ids});
		else if (key.downArrow) dispatch({type: 'move', delta: 1, ids});
		// Only printable text joins the filter: a stray escape sequence must not.
		else if (input && !key.ctrl && !key.meta && /^[^\u0000-\u001F\u007F]+$/.test(input)) dispatch({type: 'filter-type', text: input});
		return;
	}

	if (input === 'q') {
		context.quit();
		return;
	}

	if (key.escape) {
		dispatch({type: 'close'});
		return;
	}

	if (input === '?') {
		dispatch({type: 'toggle-help'});
		return;
	}

	if (input === 'p') {
		if (context.paused) context.controls.resume();
		else context.controls.pause();
		return;
	}

	if (input === 'r') {
		context.controls.pollNow();
		return;
	}

	if (input === 'c') {
		context.copySelected();
		return;
	}

	if (view.pane === 'detail') {
		const tab = Number(input);
		if (key.tab || key.rightArrow) dispatch({type: 'detail-tab-step', step: key.shift ? -1 : 1});
		else if (key.leftArrow) dispatch({type: 'detail-tab-step', step: -1});
		else if (tab >= 1 && tab <= DETAIL_TABS.length) dispatch({type: 'detail-tab', tab: DETAIL_TABS[tab - 1]!});
		else scrollPane(input, key, dispatch, context);
		return;
	}

	if (view.pane === 'log') {
		scrollPane(input, key, dispatch, context);
		return;
	}

	if (key.upArrow || input === 'k') dispatch({type: 'move', delta: -1, ids});
	else if (key.downArrow || input === 'j') dispatch({type: 'move', delta: 1, ids});
	else if (key.pageUp) dispatch({type: 'move', delta: -pageSize, ids});
	else if (key.pageDown) dispatch({type: 'move', delta: pageSize, ids});
	else if (key.home || input === 'g') dispatch({type: 'jump', to: 'first', ids});
	else if (key.end || input === 'G') dispatch({type: 'jump', to: 'last', ids});
	else if (key.return) dispatch({type: 'open-detail', ids});
	else if (input === '/') dispatch({type: 'filter-start'});
	else if (input === 'l') dispatch({type: 'open-log'});
	else if (input === 'e') context.exportRows('csv');
	else if (input === 'E') context.exportRows('json');
	else if (input in SCOPES) dispatch({type: 'scope', scope: SCOPES[input as keyof typeof SCOPES]});
	else if (SORT_KEYS.has(input)) dispatch({type: 'sort', key: SORT_KEYS.get(input)!});
}

function scrollPane(input: string, key: Key, dispatch: (action: ViewAction) => void, context: KeymapContext): void {
	const max = context.paneMaxScroll;
	const page = context.pageSize;
	if (key.upArrow || input === 'k') dispatch({type: 'scroll-pane', delta: -1, max});
	else if (key.downArrow || input === 'j') dispatch({type: 'scroll-pane', delta: 1, max});
	else if (key.pageUp) dispatch({type: 'scroll-pane', delta: -page, max});
	else if (key.pageDown || input === ' ') dispatch({type: 'scroll-pane', delta: page, max});
	else if (key.home || input === 'g') dispatch({type: 'scroll-pane', delta: -Number.MAX_SAFE_INTEGER, max});
	else if (key.end || input === 'G') dispatch({type: 'scroll-pane', delta: Number.MAX_SAFE_INTEGER, max});
}
