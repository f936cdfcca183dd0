/**
 * The whole key handling, pure: keys and pastes applied in order to the view, each looked up in
 * the keymap (keymap.ts) for the focus the earlier ones left, giving the view actions and the
 * effects to run (ui/hooks/use-keymap.ts runs them).
 */
import type {FleetEvent} from '../fleet/types.js';
import {eventKey} from './event-query.js';
import {isGroupLine, isGroupLineId} from './grouping.js';
import type {TableLines} from './table-lines.js';
import {foldSelected, groupByNext, settleSelection, toParent} from './tree-keys.js';
import type {Key} from './key-parse.js';
import {commandFor, focusOf} from './keymap.js';
import type {MouseCommand} from './mouse-gesture.js';
import {parseJump, travelStep} from './time-jump.js';
import {
	DETAIL_TABS,
	type ViewAction,
	type ViewState,
	resolveLogSelection,
	resolveSelection,
	viewReducer,
} from './view-state.js';

/** One input to the keymap: a key, a bracketed paste's text, or what a mouse report asks (`--mouse`). */
export type KeyInput = {key: Key} | {paste: string} | {mouse: MouseCommand};

/**
 * What keys read of the world besides the view, each a function of the view the
 * earlier keys left, so type-ahead acts on what they left (derived rows included):
 * `/build` `Enter` `e` in one chunk exports the filtered rows.
 */
export type KeyWorld = {
	/** The ids of the lines a view shows (its scope, filter, sort and groups: rows and group headers), in order. */
	ids: (view: ViewState) => readonly string[];
	/** The table's lines under a view (grouping.ts), for the tree keys; absent: the rows are never grouped. */
	lines?: (view: ViewState) => TableLines;
	/** Rows a page moves under a view (the table's or the open pane's height, less one). */
	pageSize: (view: ViewState) => number;
	/** The events the log shows under a view (its search), newest first. */
	logEvents: (view: ViewState) => readonly FleetEvent[];
	/** How far the open pane can scroll under a view. */
	paneMaxScroll: (view: ViewState) => number;
	/** How far the help overlay can scroll; asked only when help scrolls (laying help out wraps every binding). */
	helpMaxScroll: () => number;
	paused: boolean;
	/** Whether a history file is read (time travel has something to show). */
	history: boolean;
	/** Epoch ms, for a flash's start and where time travel steps from. */
	now: number;
	/** The config file's context names, in order (none: `x` says how to add some), and the one in use. */
	contexts?: readonly string[];
	context?: string | undefined;
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
	| {type: 'switch-context'; name: string}
	| {type: 'export'; format: 'csv' | 'json'; view: ViewState};

export type KeysResult = {view: ViewState; actions: ViewAction[]; effects: KeyEffect[]};

/**
 * Control characters (C0, DEL, C1) are dropped from pasted filter text: a paste must not carry an escape sequence into
 * the view.
 */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

export const PASTE_IGNORED = 'a paste was ignored: it is text only in the filter (/)';

/** What `x` says when the config file names no contexts. */
export const NO_CONTEXTS = 'no contexts to switch to: add a "contexts" map to the config file (README, "Contexts")';

/** What `c` says on a group's header line. */
export const NO_ID_ON_GROUP = 'a group has no deviceId: select one of its listeners (→ expands it)';

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
	const contexts = world.contexts ?? [];
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

		if ('mouse' in input) {
			applyMouse(input.mouse, view, world, act);
			continue;
		}

		const command = commandFor(input.key, focus);
		if (!command) continue;
		// A selected row that a collapse hid (a poll moved it into a collapsed group, or the group-by changed):
		// the keys act from its group's header line, where the table shows the selection.
		if (focus === 'table') settleSelection(view, world, act);
		const ids = () => world.ids(view);
		const logKeys = () => world.logEvents(view).map(eventKey);
		switch (command.do) {
			case 'line':
			case 'page': {
				const step = command.do === 'line' ? command.by : command.by * world.pageSize(view);
				if (focus === 'help') act({type: 'scroll-help', delta: step, max: world.helpMaxScroll()});
				else if (focus === 'contexts') act({type: 'picker-move', delta: step, count: contexts.length});
				else if (focus === 'columns') act({type: 'chooser-move', delta: step});
				else if (view.pane === 'log') act({type: 'log-move', delta: step, keys: logKeys()});
				else if (focus === 'table' || focus === 'filter') act({type: 'move', delta: step, ids: ids()});
				else act({type: 'scroll-pane', delta: step, max: world.paneMaxScroll(view)});
				break;
			}

			case 'edge': {
				const delta = command.to === 'first' ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
				if (focus === 'help') act({type: 'scroll-help', delta, max: world.helpMaxScroll()});
				else if (focus === 'log') act({type: 'log-jump', to: command.to, keys: logKeys()});
				else if (focus === 'table') act({type: 'jump', to: command.to, ids: ids()});
				else act({type: 'scroll-pane', delta, max: world.paneMaxScroll(view)});
				break;
			}

			case 'open': {
				if (focus === 'contexts') pickContext(view, world, act, effects);
				else if (focus === 'log') showListener(view, world, act);
				else if (!foldSelected(view, world, act, 'toggle')) act({type: 'open-detail', ids: ids()});
				break;
			}

			case 'fold': {
				if (!foldSelected(view, world, act, command.open ? 'open' : 'close') && !command.open) {
					toParent(view, world, act);
				}

				break;
			}

			case 'group-by': {
				groupByNext(view, world, act);
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
				if (index < 0) break;
				if (isGroupLineId(shown[index]!))
					act({type: 'flash', flash: {text: NO_ID_ON_GROUP, at: world.now, tone: 'error'}});
				else effects.push({type: 'copy', id: shown[index]!});
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

			case 'contexts': {
				if (contexts.length === 0) {
					act({type: 'flash', flash: {text: NO_CONTEXTS, at: world.now, tone: 'error'}});
				} else {
					act({type: 'picker-open', index: Math.max(0, contexts.indexOf(world.context ?? ''))});
				}

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

/**
 * What a mouse report asked (mouse-gesture.ts), on the view the keys before it left: a row only
 * while it is still shown there (the rows may have moved since the frame clicked on), a tab only
 * while the detail pane is open, the wheel as the arrow keys would move in what has the focus.
 */
function applyMouse(command: MouseCommand, view: ViewState, world: KeyWorld, act: (action: ViewAction) => void) {
	// The context picker is drawn over the table: a click or the wheel there is not on a row.
	if (view.picker !== null) return;
	const onTable = view.pane === 'table' && !view.help;
	switch (command.do) {
		case 'select':
		case 'open': {
			const ids = onTable ? world.ids(view) : [];
			if (!ids.includes(command.id)) return;
			const selected = {type: 'select', id: command.id, ids} as const;
			act(selected);
			if (command.do !== 'open') return;
			// A double-click on a group's header line folds it, as Enter does there.
			if (isGroupLineId(command.id)) foldSelected(viewReducer(view, selected), world, act, 'toggle');
			else act({type: 'open-detail', ids});
			return;
		}

		case 'tab': {
			const tab = DETAIL_TABS[command.index];
			if (tab && view.pane === 'detail' && !view.help) act({type: 'detail-tab', tab});
			return;
		}

		case 'scroll': {
			const delta = command.by;
			if (view.help) act({type: 'scroll-help', delta, max: world.helpMaxScroll()});
			else if (view.pane === 'log') act({type: 'log-move', delta, keys: world.logEvents(view).map(eventKey)});
			else if (view.pane === 'detail') act({type: 'scroll-pane', delta, max: world.paneMaxScroll(view)});
			else act({type: 'move', delta, ids: world.ids(view)});
		}
	}
}

/** Enter in the context picker: closes it, and switches unless the chosen context is the one in use. */
function pickContext(view: ViewState, world: KeyWorld, act: (action: ViewAction) => void, effects: KeyEffect[]): void {
	const name = world.contexts?.[view.picker ?? -1];
	act({type: 'close'});
	if (name !== undefined && name !== world.context) effects.push({type: 'switch-context', name});
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
 * not ask for; a collapsed group holding it is expanded; a listener the table no longer holds is
 * said so and the log stays open.
 */
function showListener(view: ViewState, world: KeyWorld, act: (action: ViewAction) => void): void {
	const events = world.logEvents(view);
	const event = events[resolveLogSelection(view, events.map(eventKey))];
	if (!event) return;
	// Where the listener is under a view: shown, hidden in a collapsed group (its key), or not there.
	const place = (candidate: ViewState): 'shown' | {fold: string} | null => {
		if (world.ids(candidate).includes(event.id)) return 'shown';
		const table = world.lines?.(candidate);
		const header = table?.hiddenIn.get(event.id);
		const line = header === undefined ? undefined : table!.lines[header];
		return isGroupLine(line) ? {fold: line.group.key} : null;
	};

	const revealed = (from: ViewState): ViewState => ({...from, scope: 'all', filter: ''});
	let current = view;
	const track = (action: ViewAction) => {
		act(action);
		current = viewReducer(current, action);
	};

	const here = place(view);
	if (here !== null) {
		if (here !== 'shown') track({type: 'fold', key: here.fold, collapsed: false});
		act({type: 'show-listener', id: event.id, ids: world.ids(current), reveal: false});
		return;
	}

	const there = place(revealed(view));
	if (there !== null) {
		if (there !== 'shown') track({type: 'fold', key: there.fold, collapsed: false});
		act({type: 'show-listener', id: event.id, ids: world.ids(revealed(current)), reveal: true});
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
