import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {ONLINE_SERIES_MINUTES, onlineByMinute, recordOnline} from '../../src/fleet/online-series.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const MINUTE = 60_000;

describe("the fleet's online count by minute", () => {
	it('keeps the lowest count of a minute, so a dip between two polls of it shows', () => {
		let series = recordOnline([], T0, 40);
		series = recordOnline(series, T0 + 10_000, 3);
		series = recordOnline(series, T0 + 20_000, 40);
		expect(series).toEqual([{minute: T0, online: 3}]);
	});

	it('leaves a gap for a minute no poll succeeded in, and shows the last hour only', () => {
		let series = recordOnline([], T0, 10);
		series = recordOnline(series, T0 + 2 * MINUTE, 12);
		expect(onlineByMinute(series, T0 + 2 * MINUTE + 5000, 4)).toEqual([null, 10, null, 12]);
		series = recordOnline(series, T0 + 70 * MINUTE, 9);
		expect(series).toEqual([{minute: T0 + 70 * MINUTE, online: 9}]);
	});

	it('starts again when the clock steps back, rather than writing into the past', () => {
		const series = recordOnline(recordOnline([], T0, 10), T0 - 5 * MINUTE, 7);
		expect(series).toEqual([{minute: T0 - 5 * MINUTE, online: 7}]);
	});

	it('holds at most an hour of minutes, oldest first, whatever the polls', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({min: 0, max: 30_000}), fc.nat(100)), {maxLength: 300}), polls => {
				let at = T0;
				let series = recordOnline([], at, 0);
				for (const [step, online] of polls) {
					at += step;
					series = recordOnline(series, at, online);
				}

				expect(series.length).toBeLessThanOrEqual(ONLINE_SERIES_MINUTES);
				const minutes = series.map(sample => sample.minute);
				expect(minutes).toEqual([...new Set(minutes)].sort((a, b) => a - b));
			}),
		);
	});

	it('is counted by the reducer at the server time, stale and offline listeners left out', () => {
		const stale = rawConnection({id: 'stale', lastHeartbeat: T0 - 10 * MINUTE});
		const state = fleetReducer(initialFleetState(), {
			type: 'poll-succeeded',
			snapshot: snapshotOf([rawConnection({id: 'a'}), rawConnection({id: 'b'}), stale, offline({id: 'c'})]),
		});
		expect(state.onlineSeries).toEqual([{minute: Math.floor(T0 / MINUTE) * MINUTE, online: 2}]);
	});
});
