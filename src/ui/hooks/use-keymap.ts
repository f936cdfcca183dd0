/**
 * Feeds the terminal's keys and pastes to the keymap (src/view/keymap.ts, pure)
 * and runs what it asks for. Nothing here decides what a key does.
 *
 * Ink 8's `useInput` reads `Esc` followed at once by a key as Meta+key and loses
 * the `Esc`, so the raw events Ink's input parser cut are read from its stdin
 * emitter (not a public API in Ink 8.0) and split by `parseKeys`. `usePaste`
 * turns bracketed paste on (ESC[?2004h; Ink turns it off on unmount and around
 * a suspend, and back on after) and hands a paste over whole, never as keys.
 */
import type {EventEmitter} from 'node:events';
import {usePaste, useStdin} from 'ink';
import {type Dispatch, useEffect, useRef} from 'react';
import {parseKeys} from '../../view/key-parse.js';
import {applyKeys, type KeyEffect, type KeyInput, type KeyWorld} from '../../view/apply-keys.js';
import type {ViewAction, ViewState} from '../../view/view-state.js';

export type KeymapProps = {
	view: ViewState;
	dispatch: Dispatch<ViewAction>;
	/** What the keys read besides the view, as of the last render (`now` is taken per key). */
	world: Omit<KeyWorld, 'now'>;
	/** Runs one effect the keys asked for (quit, export, copy, …). */
	run: (effect: KeyEffect) => void;
};

/** Returns the keymap's feed (stable), for other inputs than keys: what a mouse report asks (use-mouse.ts). */
export function useKeymap(props: KeymapProps): (inputs: KeyInput[]) => void {
	const latest = useRef(props);
	latest.current = props;
	// The view the last keys left, and the rendered view they were applied on: keys that
	// arrive before the next render (one chunk, or several events in one read) build on it.
	const applied = useRef<{rendered: ViewState; view: ViewState} | null>(null);

	const feed = useRef((inputs: KeyInput[]) => {
		const {view: rendered, dispatch, world, run} = latest.current;
		const start = applied.current?.rendered === rendered ? applied.current.view : rendered;
		const result = applyKeys(start, inputs, {...world, now: Date.now()});
		applied.current = {rendered, view: result.view};
		for (const action of result.actions) dispatch(action);
		for (const effect of result.effects) run(effect);
	});

	const events = (useStdin() as {internal_eventEmitter?: EventEmitter}).internal_eventEmitter;
	useEffect(() => {
		if (!events) return;
		const onInput = (raw: string) => {
			const keys = parseKeys(raw);
			if (keys.length > 0) feed.current(keys.map(key => ({key})));
		};

		events.on('input', onInput);
		return () => {
			events.off('input', onInput);
		};
	}, [events]);

	// Raw mode comes with it: without useInput, this is what puts the terminal in raw mode.
	usePaste(text => feed.current([{paste: text}]));
	return feed.current;
}
