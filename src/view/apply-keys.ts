/**
 * The whole key handling, pure: keys and pastes applied in order to the view, each looked up in
 * the keymap (keymap.ts) for the focus the earlier ones left, giving the view actions and the
 * effects to run (ui/hooks/use-keymap.ts runs them).
 */
import type {FleetEvent} from '../fleet/types.js';
import {eventKey} from './event-query.js';
import type {Key} from './key-parse.js';
import {commandFor, focusOf} from './keymap.js';
import {parseJump, travelStep} from './time-jump.js';
import {
	DETAIL_TABS,
	type ViewAction,
	type ViewState,
	resolveLogSelection,
	resolveSelection,
	viewReducer,
} from './view-state.js';

/** One input to the keymap: a key, or a bracketed paste's text. */
export type KeyInput = {key: Key} | {paste: string};

/**
 * What keys read of the world besides the view, each a function of the view the
 * earlier keys left, so type-ahead acts on what they left (derived rows included):
 * `/build` `Enter` `e` in one chunk exports the filtered rows.
 */
export type KeyWorld = {
	/** The ids of the rows shown under a view (its scope, filter and sort), in order. */
	ids: (view: ViewState) => readonly string[];
	/** Rows a page moves under a view (the table's or the open pane's height, less one). */
	pageSize: (view: ViewState) => number;
	/** The events the log shows under a view (its search), newest first. */
	logEvents: (view: ViewState) => readonly FleetEvent[];
	/** How far the open pane can scroll under a view. */
	paneMaxScroll: (view: ViewState) => number;
	/** How far the help overlay can scroll. */
	helpMaxScroll: number;
	paused: boolean;
	/** Whether a history file is read (time travel has something to show). */
	history: boolean;
	/** Epoch ms, for a flash's start and where time travel steps from. */
	now: number;
};

/** What the keys ask of the world outside the view. `copy` and `export` carry the view they were pressed on. */
export type KeyEffect =
	| {type: 'quit'}
	| {type: 'interrupt'}
	| {type: 'suspend'}
	| {type: 'repaint'}
	| {type: 'pause'}
	| {type: 'resume'}
	| {type: 'poll'}
	| {type: 'copy'; id: string}
	| {type: 'export'; format: 'csv' | 'json'; view: ViewState};

export type KeysResult = {view: ViewState; actions: ViewAction[]; effects: KeyEffect[]};

/**
 * Control characters (C0, DEL, C1) are dropped from pasted filter text: a paste must not carry an escape sequence into
 * the view.
 */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

export const PASTE_IGNORED = 'a paste was ignored: it is text only in the filter (/)';

/** What the history keys say when nothing is recorded to travel through. */
export const NO_HISTORY = 'no history to step back through: recording is off (see the notice above)';

/**
 * The whole key handling: keys and pastes applied in order, each to the view the
 * ones before it left. Returns the last view, the view actions that lead to it
 * (for the app's reducer) and the effects to run.
 */
export function applyKeys(start: ViewState, inputs: readonly KeyInput[], world: KeyWorld): KeysResult {
	let view = start;
	let paused = world.paused;
	const actions: ViewAction[] = [];
	const effects: KeyEffect[] = [];
	const act = (action: ViewAction) => {
		actions.push(action);
		view = viewReducer(view, action);
	};

	for (const input of inputs) {
		const focus = focusOf(view);
		if ('paste' in input) {
			if (focus === 'filter') {
				const text = input.paste.replaceAll(CONTROL, '');
				if (text) act({type: 'filter-type', text});
			} else {
				act({type: 'flash', flash: {text: PASTE_IGNORED, at: world.now, tone: 'error'}});
			}

			continue;
		}

		const command = commandFor(input.key, focus);
		if (!command) continue;
		const ids = () => world.ids(view);
		const logKeys = () => world.logEvents(view).map(eventKey);
		switch (command.do) {
			case 'line':
			case 'page': {
				const step = command.do === 'line' ? command.by : command.by * world.pageSize(view);
				if (focus === 'help') act({type: 'scroll-help', delta: step, max: world.helpMaxScroll});
				else if (focus === 'columns') act({type: 'chooser-move', delta: step});
				else if (view.pane === 'log') act({type: 'log-move', delta: step, keys: logKeys()});
				else if (focus === 'table' || focus === 'filter') act({type: 'move', delta: step, ids: ids()});
				else act({type: 'scroll-pane', delta: step, max: world.paneMaxScroll(view)});
				break;
			}

			case 'edge': {
				const delta = command.to === 'first' ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
				if (focus === 'help') act({type: 'scroll-help', delta, max: world.helpMaxScroll});
				else if (focus === 'log') act({type: 'log-jump', to: command.to, keys: logKeys()});
				else if (focus === 'table') act({type: 'jump', to: command.to, ids: ids()});
				else act({type: 'scroll-pane', delta, max: world.paneMaxScroll(view)});
				break;
			}

			case 'open': {
				if (focus === 'log') showListener(view, world, act);
				else act({type: 'open-detail', ids: ids()});
				break;
			}

			case 'back': {
				act(focus === 'filter' ? {type: 'filter-clear'} : {type: 'close'});
				break;
			}

			case 'help': {
				if (focus === 'filter') act({type: 'filter-commit'});
				act({type: 'toggle-help'});
				break;
			}

			case 'filter': {
				act({type: 'filter-start'});
				break;
			}

			case 'filter-keep': {
				if (view.prompt === 'jump') goTo(view, world, act);
				else act({type: 'filter-commit'});
				break;
			}

			case 'travel': {
				if (world.history) act({type: 'travel', to: travelStep(view.timeTravel, command.byMs, world.now)});
				else act({type: 'flash', flash: {text: NO_HISTORY, at: world.now, tone: 'error'}});
				break;
			}

			case 'travel-prompt': {
				if (world.history) act({type: 'jump-start'});
				else act({type: 'flash', flash: {text: NO_HISTORY, at: world.now, tone: 'error'}});
				break;
			}

			case 'filter-erase': {
				act({type: 'filter-erase'});
				break;
			}

			case 'text': {
				act({type: 'filter-type', text: input.key});
				break;
			}

			case 'scope': {
				act({type: 'scope', scope: command.scope});
				break;
			}

			case 'sort': {
				act({type: 'sort', key: command.column});
				break;
			}

			case 'log': {
				act({type: 'open-log'});
				break;
			}

			case 'chooser': {
				act({type: 'chooser-toggle'});
				break;
			}

			case 'column-toggle': {
				act({type: 'column-toggle', now: world.now});
				break;
			}

			case 'column-move': {
				act({type: 'column-move', by: command.by});
				break;
			}

			case 'tab': {
				act({type: 'detail-tab-step', step: command.by});
				break;
			}

			case 'tab-to': {
				act({type: 'detail-tab', tab: DETAIL_TABS[command.index]!});
				break;
			}

			case 'copy': {
				const shown = ids();
				const index = resolveSelection(view, shown);
				if (index >= 0) effects.push({type: 'copy', id: shown[index]!});
				break;
			}

			case 'export': {
				effects.push({type: 'export', format: command.format, view});
				break;
			}

			case 'pause': {
				effects.push({type: paused ? 'resume' : 'pause'});
				paused = !paused;
				break;
			}

			case 'poll': {
				effects.push({type: 'poll'});
				break;
			}

			case 'quit':
			case 'interrupt':
			case 'suspend':
			case 'repaint': {
				effects.push({type: command.do});
				break;
			}
		}
	}

	return {view, actions, effects};
}

/** Enter on the "go to:" prompt: to the moment typed, or a flash saying what it takes. */
function goTo(view: ViewState, world: KeyWorld, act: (action: ViewAction) => void): void {
	const typed = view.jumpText;
	act({type: 'filter-clear'});
	if (typed.trim() === '') return;
	try {
		act({type: 'travel', to: parseJump(typed, world.now)});
	} catch (error) {
		act({type: 'flash', flash: {text: (error as Error).message, at: world.now, tone: 'error'}});
	}
}

/**
 * Enter on an event: back to the table with its listener selected. When scope or filter hide the
 * row, they are cleared (and the flash says so) rather than leaving the person on a row they did
 * not ask for; a listener the table no longer holds is said so and the log stays open.
 */
function showListener(view: ViewState, world: KeyWorld, act: (action: ViewAction) => void): void {
	const events = world.logEvents(view);
	const event = events[resolveLogSelection(view, events.map(eventKey))];
	if (!event) return;
	const shown = world.ids(view);
	if (shown.includes(event.id)) {
		act({type: 'show-listener', id: event.id, ids: shown, reveal: false});
		return;
	}

	const revealed = world.ids({...view, scope: 'all', filter: ''});
	if (revealed.includes(event.id)) {
		act({type: 'show-listener', id: event.id, ids: revealed, reveal: true});
		act({
			type: 'flash',
			flash: {text: `scope and filter cleared to show ${event.connectionName}`, at: world.now, tone: 'info'},
		});
	} else {
		act({
			type: 'flash',
			flash: {text: `${event.connectionName} is no longer listed`, at: world.now, tone: 'error'},
		});
	}
}
