/**
 * Availability arithmetic on fixed times: what an operator reads in `letta-fleet availability` and
 * the detail pane. Unknown time is neither up nor down; counts and outages are what was observed.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {availabilityReport, listenerAvailability, statusTotals} from '../../src/history/availability.js';
import type {ListenerIntervals, RecordedStatus, StatusInterval} from '../../src/history/types.js';
import {T0} from '../helpers/fixtures.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

function listener(id: string, intervals: StatusInterval[], lastSeenAt: number | null = null): ListenerIntervals {
	return {
		listener: {id, deviceId: `device-${id}`, listenerInstanceId: null, connectionName: `host-${id}`},
		intervals,
		lastSeenAt,
	};
}

/** Consecutive intervals from `start`: each [status, minutes]; a null status leaves unknown time. */
function timeline(start: number, parts: Array<[RecordedStatus | null, number]>): StatusInterval[] {
	const out: StatusInterval[] = [];
	let at = start;
	for (const [status, minutes] of parts) {
		if (status) out.push({status, from: at, to: at + minutes * MIN});
		at += minutes * MIN;
	}

	return out;
}

const day = {since: T0, until: T0 + 24 * HOUR};

describe('listenerAvailability', () => {
	it('is the online share of the observed time, not of the window', () => {
		// 6 h online, 2 h unknown (the monitor was stopped), 2 h offline: 75 % of the 8 h observed, not 60 % of 10 h.
		const entry = listener(
			'a',
			timeline(T0, [
				['online', 360],
				[null, 120],
				['offline', 120],
			]),
		);
		const result = listenerAvailability(entry, {since: T0, until: T0 + 10 * HOUR});
		expect(result.availability).toBeCloseTo(0.75);
		expect(result.staleShare).toBe(0);
		expect(result.observedSeconds).toBe(8 * 3600);
		expect(result.longestOutageSeconds).toBe(2 * 3600);
	});

	it('is null, not 0 or 100 %, when nothing of the window was observed', () => {
		const entry = listener('a', timeline(T0 - 2 * HOUR, [['online', 60]]));
		const result = listenerAvailability(entry, day);
		expect(result.availability).toBeNull();
		expect(result.staleShare).toBeNull();
		expect(result.observedSeconds).toBe(0);
		expect(result.disconnects).toBe(0);
	});

	it('clips intervals to the window', () => {
		const entry = listener(
			'a',
			timeline(T0 - HOUR, [
				['offline', 90],
				['online', 30],
			]),
		);
		const result = listenerAvailability(entry, {since: T0, until: T0 + HOUR});
		expect(result.observedSeconds).toBe(3600);
		expect(result.availability).toBeCloseTo(0.5);
		expect(result.longestOutageSeconds).toBe(30 * 60);
	});

	it('counts each observed drop from online or stale to offline within the window', () => {
		const entry = listener(
			'a',
			timeline(T0, [
				['online', 60],
				['offline', 2],
				['online', 60],
				['stale', 5],
				['offline', 10],
				['online', 1],
			]),
		);
		const result = listenerAvailability(entry, day);
		expect(result.disconnects).toBe(2);
		expect(result.staleShare).toBeCloseTo(5 / 138);
		expect(result.longestOutageSeconds).toBe(600);
	});

	it('does not count a drop across unknown time: nobody saw it', () => {
		const entry = listener(
			'a',
			timeline(T0, [
				['online', 60],
				[null, 60],
				['offline', 60],
			]),
		);
		expect(listenerAvailability(entry, day).disconnects).toBe(0);
	});

	it('counts an outage split by unknown time as two, each its observed length', () => {
		const entry = listener(
			'a',
			timeline(T0, [
				['offline', 30],
				[null, 600],
				['offline', 40],
			]),
		);
		expect(listenerAvailability(entry, day).longestOutageSeconds).toBe(40 * 60);
	});

	it('joins adjacent offline intervals into one outage', () => {
		const entry = listener(
			'a',
			timeline(T0, [
				['offline', 30],
				['offline', 40],
			]),
		);
		expect(listenerAvailability(entry, day).longestOutageSeconds).toBe(70 * 60);
	});

	it('counts a drop at the window start but not one just before it', () => {
		const entry = listener(
			'a',
			timeline(T0 - HOUR, [
				['online', 60],
				['offline', 60],
			]),
		);
		expect(listenerAvailability(entry, {since: T0, until: T0 + HOUR}).disconnects).toBe(1);
		expect(listenerAvailability(entry, {since: T0 + 1, until: T0 + HOUR}).disconnects).toBe(0);
	});

	it('keeps lastSeenAt within the window it reports on', () => {
		const entry = listener(
			'a',
			timeline(T0, [
				['online', 60],
				['offline', 600],
			]),
			T0 + 20 * HOUR,
		);
		expect(listenerAvailability(entry, day).lastSeenAt).toBe(T0 + 20 * HOUR);
		expect(listenerAvailability(entry, {since: T0, until: T0 + 2 * HOUR}).lastSeenAt).toBe(T0 + HOUR);
		expect(listenerAvailability(entry, {since: T0, until: T0 + 30 * MIN}).lastSeenAt).toBe(T0 + 30 * MIN);
	});

	it('drops intervals that are not usable instead of counting them', () => {
		const entry = listener('a', [
			{status: 'online', from: T0, to: T0 + HOUR},
			{status: 'online', from: T0 + 30 * MIN, to: T0 + HOUR},
			{status: 'offline', from: Number.NaN, to: T0},
			{status: 'gone' as RecordedStatus, from: T0 + HOUR, to: T0 + 2 * HOUR},
			{status: 'offline', from: T0 + 3 * HOUR, to: T0 + 2 * HOUR},
		]);
		const result = listenerAvailability(entry, day);
		expect(result.observedSeconds).toBe(3600);
		expect(result.availability).toBe(1);
	});

	it('refuses an empty or backward window', () => {
		expect(() => listenerAvailability(listener('a', []), {since: T0, until: T0})).toThrow(RangeError);
	});
});

describe('availabilityReport', () => {
	it('lists the worst first and the never-observed last', () => {
		const report = availabilityReport(
			[
				listener('never', []),
				listener('good', timeline(T0, [['online', 600]])),
				listener(
					'bad',
					timeline(T0, [
						['online', 300],
						['offline', 300],
					]),
				),
			],
			day,
			['a caveat'],
		);
		expect(report.listeners.map(each => each.id)).toEqual(['bad', 'good', 'never']);
		expect(report).toMatchObject({since: day.since, until: day.until, caveats: ['a caveat']});
	});
});

const STATUSES: RecordedStatus[] = ['online', 'stale', 'offline'];
/** A random timeline over two days from T0: statuses and unknown gaps of 1 min to 6 h. */
const arbitraryTimeline = fc
	.array(fc.tuple(fc.constantFrom<RecordedStatus | null>(...STATUSES, null), fc.integer({min: 1, max: 360})), {
		maxLength: 40,
	})
	.map(parts => timeline(T0, parts));
const arbitraryWindow = fc
	.tuple(fc.integer({min: -600, max: 3000}), fc.integer({min: 1, max: 3000}))
	.map(([start, length]) => ({since: T0 + start * MIN, until: T0 + (start + length) * MIN}));

describe('availability properties', () => {
	it('keeps shares in [0, 1], summing to 1 with the offline share when observed', () => {
		fc.assert(
			fc.property(arbitraryTimeline, arbitraryWindow, (intervals, window) => {
				const result = listenerAvailability(listener('a', intervals), window);
				const totals = statusTotals(intervals, window);
				const observed = totals.online + totals.stale + totals.offline;
				expect(totals.unknown + observed).toBe(window.until - window.since);
				expect(result.observedSeconds).toBe(observed / 1000);
				if (observed === 0) {
					expect(result.availability).toBeNull();
					return;
				}

				const offline = totals.offline / observed;
				for (const share of [result.availability!, result.staleShare!, offline]) {
					expect(share).toBeGreaterThanOrEqual(0);
					expect(share).toBeLessThanOrEqual(1);
				}

				expect(result.availability! + result.staleShare! + offline).toBeCloseTo(1, 9);
				expect(result.longestOutageSeconds * 1000).toBeLessThanOrEqual(totals.offline);
			}),
		);
	});

	it('adds up when a window is split in two', () => {
		fc.assert(
			fc.property(
				arbitraryTimeline,
				arbitraryWindow,
				fc.double({min: 0, max: 1, noNaN: true}),
				(intervals, window, at) => {
					const middle = window.since + Math.max(1, Math.floor((window.until - window.since) * at));
					fc.pre(middle < window.until);
					const entry = listener('a', intervals);
					const whole = listenerAvailability(entry, window);
					const first = listenerAvailability(entry, {since: window.since, until: middle});
					const second = listenerAvailability(entry, {since: middle, until: window.until});
					expect(first.observedSeconds + second.observedSeconds).toBeCloseTo(whole.observedSeconds, 6);
					expect(first.disconnects + second.disconnects).toBe(whole.disconnects);
					const online = (part: typeof whole) => (part.availability ?? 0) * part.observedSeconds;
					expect(online(first) + online(second)).toBeCloseTo(online(whole), 3);
					expect(whole.longestOutageSeconds).toBeGreaterThanOrEqual(
						Math.max(first.longestOutageSeconds, second.longestOutageSeconds),
					);
					expect(whole.longestOutageSeconds).toBeLessThanOrEqual(
						first.longestOutageSeconds + second.longestOutageSeconds + 1e-9,
					);
				},
			),
		);
	});
});
