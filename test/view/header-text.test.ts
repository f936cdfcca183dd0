import {describe, expect, it} from 'vitest';
import {LOGIN_EXPIRED} from '../../src/api/errors.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {countStatuses, selectRows} from '../../src/fleet/rows.js';
import {
	countsText,
	onlineTrendText,
	pollHealthText,
	travelBannerText,
	viewLineText,
} from '../../src/view/header-text.js';
import {recordOnline} from '../../src/fleet/online-series.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';
import {initialViewState} from '../../src/view/view-state.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';
import {matcher} from '../helpers/matcher.js';

const error = (at: number, errorCode?: string) => ({
	kind: 'server',
	message: 'HTTP 503: restarting',
	at,
	...(errorCode ? {errorCode} : {}),
});
const polled = fleetReducer(initialFleetState(), {
	type: 'poll-succeeded',
	snapshot: snapshotOf([rawConnection({id: 'a'}), offline({id: 'b'})]),
});

describe("the header's words", () => {
	it('shorten the listeners lead, then drop it, before any count is cut', () => {
		const counts = countStatuses(selectRows(polled, T0));
		expect(countsText(counts, 2, 2, UNICODE_SYMBOLS, 80).lead).toBe('2 listeners on 2 machines:');
		const narrow = countsText(counts, 2, 2, UNICODE_SYMBOLS, 50);
		expect(narrow.lead).toBe('2 listeners:');
		expect(narrow.cells.map(cell => cell.text).join('')).toBe(' ● 1 online ◐ 0 stale ○ 1 offline');
		const tiny = countsText(counts, 2, 2, UNICODE_SYMBOLS, 40);
		expect(tiny.lead).toBe('');
		expect(tiny.cells[0]!.text).toBe('● 1 online');
	});

	it('say when the next try is, and how long a due one has been out', () => {
		const failing = fleetReducer(polled, {
			type: 'poll-failed',
			error: error(T0 + 2000),
			nextAttemptAt: T0 + 10_000,
			halted: false,
		});
		expect(pollHealthText(failing, T0 + 4000, 2000)).toEqual({
			text: '⚠ poll failed ×1 · retry in 6s',
			short: '⚠ poll failed ×1',
			tone: 'failing',
		});
		expect(pollHealthText(failing, T0 + 10_500, 2000).text).toBe('⚠ poll failed ×1 · retrying');
		expect(pollHealthText(failing, T0 + 17_000, 2000).text).toBe('⚠ poll failed ×1 · retrying for 7s');
	});

	it('tell a stop that needs r from a wait for a fresh login, which needs nothing', () => {
		const halted = fleetReducer(polled, {type: 'poll-failed', error: error(T0), nextAttemptAt: null, halted: true});
		expect(pollHealthText(halted, T0, 2000)).toEqual({
			text: '✕ polling stopped: HTTP 503: restarting · r retries',
			short: '✕ polling stopped · r retries',
			tone: 'halted',
		});
		const login = fleetReducer(polled, {
			type: 'poll-failed',
			error: error(T0, LOGIN_EXPIRED),
			nextAttemptAt: null,
			halted: true,
		});
		expect(pollHealthText(login, T0, 2000).tone).toBe('waiting');
	});

	it('say the API is back for ten seconds, then when the data was updated and how often', () => {
		const failing = fleetReducer(polled, {
			type: 'poll-failed',
			error: error(T0 + 2000),
			nextAttemptAt: T0 + 4000,
			halted: false,
		});
		const back = fleetReducer(failing, {
			type: 'poll-succeeded',
			snapshot: snapshotOf([rawConnection({id: 'a'})], T0 + 4000),
		});
		expect(pollHealthText(back, T0 + 5000, 2000)).toMatchObject({
			tone: 'recovered',
			text: matcher.stringContaining('the API answers again after'),
		});
		expect(pollHealthText(back, T0 + 15_000, 2000)).toEqual({
			text: ' │ updated 11s ago · every 2s',
			short: ' │ 11s ago · every 2s',
			detail: '10 ms · 1 page',
			tone: 'quiet',
		});
	});

	it('lead the view line with the count, and quote the filter', () => {
		const view = {...initialViewState, filter: 'build'};
		expect(viewLineText(view, 40, 3, UNICODE_SYMBOLS)).toBe(
			'3 of 40 shown · scope all · sort name ↑ · filter "build"',
		);
	});

	it('says what the rows are grouped by, only when they are', () => {
		const view = {...initialViewState, groupBy: 'machine' as const};
		expect(viewLineText(view, 40, 40, UNICODE_SYMBOLS)).toBe(
			'40 of 40 shown · scope all · sort name ↑ · grouped by machine',
		);
	});
});

describe("the header's online trend", () => {
	const MINUTE = 60_000;
	const bars = UNICODE_SYMBOLS.spark;
	// Forty online for an hour, but for a three-minute outage down to none, and a paused minute.
	let series = recordOnline([], T0, 40);
	for (let minute = 1; minute < 60; minute++) {
		if (minute === 30) continue;
		series = recordOnline(series, T0 + minute * MINUTE, minute >= 40 && minute < 43 ? 0 : 40);
	}

	const now = T0 + 59 * MINUTE;

	it('draws the last hour where there is room, a dip as a dip and a minute without a poll as a blank', () => {
		const text = onlineTrendText(series, now, 120, bars);
		expect(text.startsWith('  online, last 60m ')).toBe(true);
		const drawn = text.slice('  online, last 60m '.length);
		expect(drawn).toHaveLength(60);
		expect(drawn[30]).toBe(' ');
		expect(drawn.slice(40, 43)).toBe('▁▁▁');
		expect(drawn[59]).toBe('█');
	});

	it('draws fewer minutes in less room, and nothing where a quarter of an hour does not fit', () => {
		const narrow = onlineTrendText(series, now, 40, bars);
		expect(narrow).toMatch(/^ {2}online, last 21m .{21}$/u);
		expect(narrow.length).toBeLessThanOrEqual(40);
		expect(onlineTrendText(series, now, 30, bars)).toBe('');
		expect(onlineTrendText([], now, 120, bars)).toBe('');
	});
});

describe('the history banner', () => {
	it('names the moment, with its date when not today, what was not watched, and the way back to live', () => {
		const now = new Date(2026, 11, 4, 15, 0, 0).getTime();
		const today = new Date(2026, 11, 4, 12, 0, 0).getTime();
		expect(travelBannerText({at: today, unknown: 0, truncated: false, failed: false}, now)).toBe(
			' HISTORY 12:00:00 (3h ago) · [ ] { } step · @ go to · Esc live ',
		);
		const earlier = new Date(2026, 11, 1, 9, 30, 0).getTime();
		expect(travelBannerText({at: earlier, unknown: 2, truncated: false, failed: false}, now)).toMatch(
			/^ HISTORY Dec 01 09:30:00 \(3d\d*h? ago\) · 2 not watched then · /,
		);
		expect(travelBannerText({at: today, unknown: 0, truncated: false, failed: true}, now)).toContain(
			'the history file could not be read',
		);
	});
});
