/**
 * Time travel's keys as a pure function of keys, view and world: `[` `]` `{` `}` step the moment,
 * `@` opens "go to:", Esc and stepping past now return to live, and without history they only say so.
 */
import {describe, expect, it} from 'vitest';
import {applyKeys, type KeyWorld, NO_HISTORY} from '../../src/view/apply-keys.js';
import {parseKeys} from '../../src/view/key-parse.js';
import {initialViewState, type ViewState} from '../../src/view/view-state.js';

const NOW = new Date(2026, 11, 4, 15, 0, 0).getTime();
const MINUTE = 60_000;
const HOUR = 3_600_000;

const world: KeyWorld = {
	ids: () => ['a', 'b'],
	pageSize: () => 10,
	logEvents: () => [],
	paneMaxScroll: () => 0,
	helpMaxScroll: () => 0,
	paused: false,
	history: true,
	now: NOW,
};

function press(raw: string, view: ViewState = initialViewState, on: Partial<KeyWorld> = {}) {
	return applyKeys(
		view,
		parseKeys(raw).map(key => ({key})),
		{...world, ...on},
	);
}

describe('stepping the table through time', () => {
	it('[ and { step back a minute and an hour from live, ] and } forward', () => {
		expect(press('[').view.timeTravel).toBe(NOW - MINUTE);
		expect(press('[[{').view.timeTravel).toBe(NOW - 2 * MINUTE - HOUR);
		expect(press('{{]').view.timeTravel).toBe(NOW - 2 * HOUR + MINUTE);
		expect(press('{{}').view.timeTravel).toBe(NOW - HOUR);
	});

	it('stepping forward past now is live again, and so is Esc', () => {
		expect(press('[]').view.timeTravel).toBeNull();
		expect(press('[}').view.timeTravel).toBeNull();
		expect(press('{\u001B').view.timeTravel).toBeNull();
	});

	it('Esc leaves history before it clears the filter, and closes a pane before either', () => {
		const filtered = {...initialViewState, filter: 'build', timeTravel: NOW - HOUR};
		const once = press('\u001B', filtered).view;
		expect(once).toMatchObject({timeTravel: null, filter: 'build'});
		expect(press('\u001B', once).view.filter).toBe('');
		const inDetails = {...filtered, pane: 'detail' as const};
		expect(press('\u001B', inDetails).view).toMatchObject({pane: 'table', timeTravel: NOW - HOUR});
	});

	it('without a history file the keys change nothing and the flash says why', () => {
		for (const key of ['[', '{', '@']) {
			const result = press(key, initialViewState, {history: false});
			expect(result.view.timeTravel).toBeNull();
			expect(result.view.filterEditing).toBe(false);
			expect(result.view.flash).toMatchObject({text: NO_HISTORY, tone: 'error'});
		}
	});
});

describe('the go-to prompt', () => {
	it('@ 3h ago Enter goes there, and the table filter is untouched', () => {
		const start = {...initialViewState, filter: 'build'};
		const result = press('@3h ago\r', start);
		expect(result.view).toMatchObject({timeTravel: NOW - 3 * HOUR, filter: 'build', filterEditing: false});
	});

	it('while typing, letters are text, not keys: q does not quit and [ does not step', () => {
		const typing = press('@q[');
		expect(typing.effects).toEqual([]);
		expect(typing.view).toMatchObject({filterEditing: true, prompt: 'jump', jumpText: 'q[', timeTravel: null});
		expect(press('\u007F', typing.view).view.jumpText).toBe('q');
	});

	it('a moment it cannot read is said in the flash and nothing moves; Esc cancels', () => {
		const bad = press('@lunchtime\r', {...initialViewState, timeTravel: NOW - HOUR});
		expect(bad.view).toMatchObject({timeTravel: NOW - HOUR, filterEditing: false});
		expect(bad.view.flash?.text).toMatch(/go to takes 3h ago, 09:30/);
		const cancelled = press('@09:30\u001B');
		expect(cancelled.view).toMatchObject({timeTravel: null, filterEditing: false, jumpText: ''});
	});

	it('09:30 is today, or yesterday when today it is still to come', () => {
		expect(press('@09:30\r').view.timeTravel).toBe(new Date(2026, 11, 4, 9, 30).getTime());
		expect(press('@16:00\r').view.timeTravel).toBe(new Date(2026, 11, 3, 16, 0).getTime());
	});
});
