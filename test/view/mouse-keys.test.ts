/**
 * What `--mouse`'s commands do to the view, through the keymap's pure handling (applyKeys): a row
 * is selected or opened only while it is still shown, the wheel moves what has the focus, a tab is
 * switched only in the detail pane; mixed with keys typed in the same read.
 */
import {describe, expect, it} from 'vitest';
import type {FleetEvent} from '../../src/fleet/types.js';
import {applyKeys, type KeyInput, type KeyWorld} from '../../src/view/apply-keys.js';
import {parseKeys} from '../../src/view/key-parse.js';
import {initialViewState, type ViewState} from '../../src/view/view-state.js';

const NAMES = Array.from({length: 40}, (_, index) => (index % 7 === 3 ? `build-runner-${index}` : `laptop-${index}`));
const LOG: FleetEvent[] = NAMES.slice(0, 10).map((name, index) => ({
	at: 1000 + index,
	type: 'disconnected',
	id: name,
	deviceId: `device-${name}`,
	listenerInstanceId: null,
	connectionName: name,
}));

const world: KeyWorld = {
	ids: view => NAMES.filter(name => name.includes(view.filter)),
	pageSize: () => 10,
	logEvents: () => LOG,
	paneMaxScroll: () => 50,
	helpMaxScroll: () => 20,
	paused: false,
	history: true,
	now: 1000,
};

const apply = (inputs: KeyInput[], view: ViewState = initialViewState) => applyKeys(view, inputs, world).view;
const keys = (raw: string): KeyInput[] => parseKeys(raw).map(key => ({key}));

describe('mouse commands in the keymap', () => {
	it('a click selects a shown row by id; a row the filter hides, or one gone, is not selected', () => {
		expect(apply([{mouse: {do: 'select', id: 'laptop-5'}}])).toMatchObject({
			selectedId: 'laptop-5',
			selectedIndex: 5,
		});
		const filtered = {...initialViewState, filter: 'build'};
		expect(apply([{mouse: {do: 'select', id: 'laptop-5'}}], filtered)).toBe(filtered);
		expect(apply([{mouse: {do: 'select', id: 'gone'}}])).toBe(initialViewState);
	});

	it('a double-click opens the row it was on; then the wheel scrolls details, and a tab click switches', () => {
		const opened = apply([{mouse: {do: 'open', id: 'laptop-8'}}]);
		expect(opened).toMatchObject({selectedId: 'laptop-8', pane: 'detail', paneScroll: 0});
		expect(apply([{mouse: {do: 'scroll', by: 3}}], opened)).toMatchObject({pane: 'detail', paneScroll: 3});
		expect(apply([{mouse: {do: 'tab', index: 2}}], opened)).toMatchObject({detailTab: 'events'});
		// A click on a row the frame still showed, read after details opened: nothing.
		expect(apply([{mouse: {do: 'select', id: 'laptop-1'}}], opened)).toBe(opened);
	});

	it('the wheel moves the table selection, the log selection, or help, 3 lines a notch as given', () => {
		const down = apply([{mouse: {do: 'scroll', by: 3}}]);
		expect(down).toMatchObject({selectedId: NAMES[3], selectedIndex: 3});
		expect(apply([{mouse: {do: 'scroll', by: -3}}], down)).toMatchObject({selectedIndex: 0});
		const log = {...initialViewState, pane: 'log' as const};
		expect(apply([{mouse: {do: 'scroll', by: 3}}], log)).toMatchObject({logSelectedIndex: 3});
		const help = {...initialViewState, help: true};
		expect(apply([{mouse: {do: 'scroll', by: 3}}], help)).toMatchObject({helpScroll: 3, selectedId: null});
		expect(apply([{mouse: {do: 'tab', index: 1}}])).toBe(initialViewState);
	});

	it('keys and clicks of one read act in order: j then a click then j', () => {
		const view = apply([...keys('j'), {mouse: {do: 'select', id: 'laptop-9'}}, ...keys('j')]);
		expect(view).toMatchObject({selectedId: NAMES[10], selectedIndex: 10});
	});
});
