/**
 * The whole key handling as a pure function of keys, view and a world that
 * derives rows from a view: no server, no terminal. Keys go in as the terminal
 * sends them (parseKeys), so a chunk is tested as a chunk.
 */
import {describe, expect, it} from 'vitest';
import {COLUMNS} from '../../src/view/columns.js';
import {parseKeys} from '../../src/view/key-parse.js';
import {applyKeys, type KeyInput, type KeyWorld, PASTE_IGNORED} from '../../src/view/apply-keys.js';
import {fitHints, keysUsageLine} from '../../src/view/key-text.js';
import {BINDINGS, commandFor, hintsFor, FOCUSES} from '../../src/view/keymap.js';
import {initialViewState, type ViewState} from '../../src/view/view-state.js';
import {searchEvents} from '../../src/view/event-query.js';
import type {FleetEvent} from '../../src/fleet/types.js';

/** Forty rows, six of them build runners: a filter narrows them as the real one would, by name. */
const NAMES = Array.from({length: 40}, (_, index) => (index % 7 === 3 ? `build-runner-${index}` : `laptop-${index}`));

const world: KeyWorld = {
	ids: view =>
		NAMES.filter(name => name.includes(view.filter)).filter(
			(_, index) => view.scope !== 'online' || index % 2 === 0,
		),
	pageSize: () => 10,
	logEvents: () => [],
	paneMaxScroll: () => 50,
	helpMaxScroll: () => 20,
	paused: false,
	history: true,
	now: 1000,
};

/** The log, oldest first: each of the first ten names disconnected, then its status moved. */
const LOG: FleetEvent[] = NAMES.slice(0, 10).map((name, index) => ({
	at: 1000 + index,
	type: index % 2 === 0 ? 'disconnected' : 'stale',
	id: name,
	deviceId: `device-${name}`,
	listenerInstanceId: null,
	connectionName: name,
}));

const onLog: Partial<KeyWorld> = {logEvents: view => searchEvents(LOG, view.logFilter)};

/** Applies what the terminal sent, one raw event after another, as the app does. */
function press(raw: string | string[], view: ViewState = initialViewState, on: Partial<KeyWorld> = {}) {
	const inputs: KeyInput[] = (Array.isArray(raw) ? raw : [raw]).flatMap(chunk =>
		parseKeys(chunk).map(key => ({key})),
	);
	return applyKeys(view, inputs, {...world, ...on});
}

const effects = (raw: string, view?: ViewState) => press(raw, view).effects.map(effect => effect.type);

describe('type-ahead acts on what the earlier keys left, rows included', () => {
	it('`/build` Enter `e` in one chunk exports the six filtered rows, not all forty', () => {
		const result = press('/build\re');
		expect(result.view).toMatchObject({filter: 'build', filterEditing: false});
		expect(result.effects).toHaveLength(1);
		const exported = result.effects[0]!;
		expect(exported.type).toBe('export');
		if (exported.type !== 'export') return;
		expect(world.ids(exported.view)).toHaveLength(6);
		expect(world.ids(exported.view).every(name => name.startsWith('build-runner'))).toBe(true);
	});

	it('a move in the same chunk moves among the filtered rows; c copies the row selected there', () => {
		const result = press('/build\rjc');
		expect(result.view.selectedId).toBe('build-runner-10');
		expect(result.effects).toEqual([{type: 'copy', id: 'build-runner-10'}]);
	});

	it('a scope picked in the chunk is the scope the next key sees', () => {
		const result = press('3G');
		expect(result.view.selectedId).toBe(world.ids({...initialViewState, scope: 'online'}).at(-1));
	});

	it('p twice in one chunk pauses then resumes', () => {
		expect(effects('pp')).toEqual(['pause', 'resume']);
		expect(press('p', initialViewState, {paused: true}).effects).toEqual([{type: 'resume'}]);
	});
});

describe('Ctrl+letter is never the letter', () => {
	it('Ctrl-L repaints and opens no log; Ctrl-E exports nothing; Ctrl-Q does not quit; Ctrl-P does not pause', () => {
		const result = press('\u000C\u0005\u0011\u0010\u0012\u000A');
		expect(result.effects.map(effect => effect.type)).toEqual(['repaint']);
		expect(result.actions).toEqual([]);
	});

	it('Ctrl-C interrupts and Ctrl-Z suspends, also while the filter is typed, and neither joins it', () => {
		const result = press('/\u001A\u0003');
		expect(result.effects.map(effect => effect.type)).toEqual(['suspend', 'interrupt']);
		expect(result.view).toMatchObject({filterEditing: true, filter: ''});
	});

	it('the letters themselves still act', () => {
		expect(press('l').view.pane).toBe('log');
		expect(effects('eEq')).toEqual(['export', 'export', 'quit']);
	});
});

describe('Esc followed at once by a key', () => {
	it('Esc then 4 (one event, as ssh delivers it) closes the pane and then scopes, not scopes alone', () => {
		const inLog = press('l').view;
		const result = press('\u001B4', inLog);
		expect(result.view).toMatchObject({pane: 'table', scope: 'duplicates'});
	});

	it('Esc then q while filtering clears the filter, then quits', () => {
		const result = press('/bu\u001Bq');
		expect(result.view).toMatchObject({filter: '', filterEditing: false});
		expect(result.effects.map(effect => effect.type)).toEqual(['quit']);
	});
});

describe('bracketed paste', () => {
	it('pasted into the filter it is text, control characters dropped', () => {
		const filtering = press('/').view;
		const result = applyKeys(filtering, [{paste: 'bu\u001B[31mild\r\n'}, {key: 'enter'}], world);
		expect(result.view).toMatchObject({filter: 'bu[31mild', filterEditing: false});
	});

	it('anywhere else it runs no command and a flash says it was ignored: pasting "see q" writes no CSV and does not quit', () => {
		const result = applyKeys(initialViewState, [{paste: 'see q'}], world);
		expect(result.effects).toEqual([]);
		expect(result.view.flash).toEqual({text: PASTE_IGNORED, at: 1000, tone: 'error'});
		expect(result.view.filter).toBe('');
	});
});

describe('every binding', () => {
	it('the table: select, page, first and last, details, filter, scopes, sorts, log', () => {
		expect(press('jjk').view.selectedId).toBe(NAMES[1]);
		expect(press('\u001B[B\u001B[B\u001B[A'.split(/(?=\u001B)/)).view.selectedId).toBe(NAMES[1]);
		expect(press('\u001B[6~').view.selectedId).toBe(NAMES[10]);
		expect(press(['\u001B[6~', '\u001B[5~']).view.selectedId).toBe(NAMES[0]);
		expect(press(' ').view.selectedId).toBe(NAMES[10]);
		expect(press('G').view.selectedId).toBe(NAMES[39]);
		expect(press('Gg').view.selectedId).toBe(NAMES[0]);
		expect(press(['\u001B[F', '\u001B[H', '\u001B[F']).view.selectedId).toBe(NAMES[39]);
		expect(press('j\r').view).toMatchObject({pane: 'detail', selectedId: NAMES[1]});
		expect(press('/').view.filterEditing).toBe(true);
		expect(['1', '2', '3', '4'].map(key => press(key).view.scope)).toEqual([
			'all',
			'problems',
			'online',
			'duplicates',
		]);
		for (const column of COLUMNS.filter(candidate => candidate.sortKey)) {
			const key = column.sortKey!.toUpperCase();
			expect(press(key).view.sort).toEqual({key: column.key, descending: column.key === 'name'});
			expect(press(key + key).view.sort.key).toBe(column.key);
		}

		expect(press('l').view.pane).toBe('log');
		expect(effects('cprq')).toEqual(['copy', 'pause', 'poll', 'quit']);
	});

	it('details: tabs by Tab, Shift-Tab, arrows and 1-4; scrolling; c copies; Esc goes back', () => {
		const detail = press('\r').view;
		expect(press('\t', detail).view.detailTab).toBe('metadata');
		expect(press('\u001B[Z', detail).view.detailTab).toBe('raw');
		expect(press(['\u001B[C', '\u001B[C'], detail).view.detailTab).toBe('events');
		expect(press('\u001B[D', detail).view.detailTab).toBe('raw');
		expect(['1', '2', '3', '4'].map(key => press(key, detail).view.detailTab)).toEqual([
			'overview',
			'metadata',
			'events',
			'raw',
		]);
		expect(press('jjj', detail).view.paneScroll).toBe(3);
		expect(press('G', detail).view.paneScroll).toBe(50);
		expect(press(['\u001B[6~', '\u001B[6~', 'k'], detail).view.paneScroll).toBe(19);
		expect(press('c', detail).effects).toEqual([{type: 'copy', id: NAMES[0]}]);
		// Table keys do nothing here: no export, no scope.
		expect(press('e/', detail).effects).toEqual([]);
		expect(press('\u001B', detail).view.pane).toBe('table');
	});

	it('the log selects events and goes back; help toggles with ? and F1 and scrolls while open', () => {
		const log = press('l', initialViewState, onLog).view;
		expect(press('jj', log, onLog).view).toMatchObject({pane: 'log', logSelectedIndex: 2});
		expect(press('G', log, onLog).view.logSelectedIndex).toBe(LOG.length - 1);
		expect(press('\u001B', log, onLog).view.pane).toBe('table');

		const help = press('?').view;
		expect(help.help).toBe(true);
		expect(press('jjj', help).view).toMatchObject({helpScroll: 3, selectedId: null});
		expect(press('\u001B[6~', help).view.helpScroll).toBe(10);
		expect(press('G', help).view.helpScroll).toBe(20);
		expect(press(['G', '\u001B[H'], help).view.helpScroll).toBe(0);
		expect(press('?', help).view.help).toBe(false);
		expect(press('\u001BOP', help).view.help).toBe(false);
		expect(press('\u001B', help).view.help).toBe(false);
		// Help reopens at its top.
		expect(press(['jj', '?', '?'], help).view.helpScroll).toBe(0);
		expect(effects('q', help)).toEqual(['quit']);
	});

	it('the filter: text, Backspace, Enter keeps, Esc clears, arrows still select; F1 keeps it and shows help, F10 quits', () => {
		expect(press('/abq?j\u007F').view).toMatchObject({filter: 'abq?', filterEditing: true});
		expect(press('/ab\r').view).toMatchObject({filter: 'ab', filterEditing: false});
		expect(press(['/ab', '\u001B']).view).toMatchObject({filter: '', filterEditing: false});
		expect(press(['/laptop', '\u001B[B']).view.selectedId).toBe(NAMES.filter(name => name.includes('laptop'))[1]);
		expect(press(['/web', '\u001BOP']).view).toMatchObject({help: true, filterEditing: false, filter: 'web'});
		expect(press(['/web', '\u001B[21~']).effects.map(effect => effect.type)).toEqual(['quit']);
	});

	it('F10 quits and Ctrl-L repaints from everywhere', () => {
		for (const raw of ['', 'l', '\r', '?', '/']) {
			const view = press(raw).view;
			expect(effects('\u001B[21~', view)).toEqual(['quit']);
			expect(effects('\u000C', view)).toEqual(['repaint']);
		}
	});
});

describe('the keymap as data', () => {
	it('every key of every binding reaches its command in each focus the binding names, unless the filter takes it as text', () => {
		for (const binding of BINDINGS) {
			for (const focus of binding.where) {
				for (const [key, command] of binding.keys) {
					if (key === 'text' || (focus === 'filter' && [...key].length === 1)) continue;
					const found = commandFor(key, focus);
					// An earlier binding for the same key in that focus would shadow this one.
					expect({key, focus, found}).toEqual({key, focus, found: command});
				}
			}
		}
	});

	it('no two bindings claim one key in one focus', () => {
		for (const focus of FOCUSES) {
			const keys = BINDINGS.filter(binding => binding.where.includes(focus)).flatMap(binding =>
				binding.keys.map(([key]) => key),
			);
			expect(keys.length, focus).toBe(new Set(keys).size);
		}
	});

	it('the footer keeps ? help and q quit at any width from 40, dropping lower-priority hints first', () => {
		for (const focus of ['table', 'detail', 'log', 'help', 'contexts', 'columns'] as const) {
			for (let width = 40; width <= 200; width++) {
				const line = fitHints(hintsFor(focus), width);
				expect([...line].length).toBeLessThanOrEqual(width);
				expect(line).toContain('? help');
				expect(line).toContain('q quit');
			}
		}

		expect(fitHints(hintsFor('table'), 200)).toBe(
			'↑↓ select · Enter details · / filter · 1-4 scope · t group · ←→ fold · l log · f columns · e export · [ ] history · p pause · r poll · x context · ? help · q quit',
		);
		expect(fitHints(hintsFor('columns'), 80)).toBe(
			'↑↓ select · Space show/hide · K/J move · Enter/Esc close · ? help · q quit',
		);
		expect(fitHints(hintsFor('table'), 40)).toBe('↑↓ select · / filter · ? help · q quit');
	});

	it('the footer keeps r poll at 80 and 100 columns (it restarts polling that an error stopped)', () => {
		expect(fitHints(hintsFor('table'), 80)).toBe(
			'↑↓ select · Enter details · / filter · l log · r poll · ? help · q quit',
		);
		expect(fitHints(hintsFor('table'), 100)).toBe(
			'↑↓ select · Enter details · / filter · 1-4 scope · l log · p pause · r poll · ? help · q quit',
		);
	});

	it("--help's key line names what a newcomer needs", () => {
		expect(keysUsageLine()).toBe(
			'Keys in the live view: ↑↓ select, Enter details, / filter, ? help, q quit; ? lists every key.',
		);
	});
});

describe('the event log pane', () => {
	it('/ searches the events, not the rows; Esc clears the search, then closes the log', () => {
		const searched = press(['l', '/build\r'], initialViewState, onLog).view;
		expect(searched).toMatchObject({pane: 'log', logFilter: 'build', filter: '', filterEditing: false});
		expect(searchEvents(LOG, searched.logFilter).map(event => event.id)).toEqual(['build-runner-3']);
		expect(press('\u001B', searched, onLog).view).toMatchObject({pane: 'log', logFilter: ''});
		expect(press('\u001B\u001B', searched, onLog).view.pane).toBe('table');
		// The table's filter is its own.
		expect(press(['/laptop\r', 'l', '/x\r'], initialViewState, onLog).view).toMatchObject({
			filter: 'laptop',
			logFilter: 'x',
		});
	});

	it('the selection stays on its event while newer ones arrive, and follows the newest until moved', () => {
		const moved = press(['l', 'jj'], initialViewState, onLog).view;
		const selected = searchEvents(LOG, '')[2]!;
		const newer: FleetEvent = {...LOG[0]!, at: 5000, id: 'laptop-30', connectionName: 'laptop-30'};
		const grown = {logEvents: () => searchEvents([...LOG, newer], '')};
		const index = press('j', moved, grown).view.logSelectedIndex;
		expect(searchEvents([...LOG, newer], '')[index - 1]).toBe(selected);
		const fresh = press('l', initialViewState, onLog).view;
		expect(fresh.logSelectedKey).toBeNull();
	});

	it('Enter on an event selects its listener in the table', () => {
		const result = press(['l', 'jj', '\r'], initialViewState, onLog);
		expect(result.view).toMatchObject({pane: 'table', selectedId: searchEvents(LOG, '')[2]!.id});
		expect(result.effects).toEqual([]);
	});

	it('Enter clears scope and filter that hide the listener, and says so', () => {
		const hidden = press(['/laptop\r', '3', 'l', '/build\r', '\r'], initialViewState, onLog);
		expect(hidden.view).toMatchObject({pane: 'table', selectedId: 'build-runner-3', filter: '', scope: 'all'});
		expect(hidden.view.flash?.text).toBe('scope and filter cleared to show build-runner-3');
	});

	it('Enter on a listener no longer listed says so and keeps the log open', () => {
		const gone = press(['l', '\r'], initialViewState, {...onLog, ids: () => []});
		expect(gone.view.pane).toBe('log');
		expect(gone.view.flash).toMatchObject({
			text: `${LOG.at(-1)!.connectionName} is no longer listed`,
			tone: 'error',
		});
	});
});
