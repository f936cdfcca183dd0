/**
 * A pass in progress in the fleet state, on fake time: the first pass's rows are shown as they come,
 * but only a complete pass makes a snapshot, a diff, events, history samples or the online trend.
 */
import {describe, expect, it} from 'vitest';
import {parseConnection} from '../../src/api/parse.js';
import type {Connection} from '../../src/api/connection.js';
import type {PassProgress} from '../../src/fleet/fetch-fleet.js';
import {withPartialRows} from '../../src/fleet/pass-progress.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {pollHealthText} from '../../src/view/header-text.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const records = (count: number, from = 0): Connection[] =>
	Array.from({length: count}, (_, index) => parseConnection(rawConnection({id: `env-${from + index}`})));
const progress = (connections: Connection[], pages: number): PassProgress => ({
	pages,
	connections,
	clockOffsetMs: 0,
	startedAt: T0,
});

describe('a pass in progress', () => {
	it('shows the first pass’s rows so far, marked as loading with the count, and no snapshot', () => {
		const pass = records(4200);
		const state = fleetReducer(initialFleetState(), {
			type: 'poll-progress',
			progress: progress(pass, 42),
			at: T0 + 4000,
		});
		expect(state.snapshot).toBeNull();
		const drawn = withPartialRows(state);
		expect(selectRows(drawn, T0 + 4000)).toHaveLength(4200);
		expect(pollHealthText(drawn, T0 + 4000, 2000)).toMatchObject({
			text: 'loading… 4 200 listeners so far, page 42',
			tone: 'loading',
		});
		// The pass fills its own array on: the rows shown are those of the page told.
		pass.push(...records(100, 4200));
		expect(selectRows(withPartialRows(state), T0 + 4000)).toHaveLength(4200);
	});

	it('never reaches the diff, the events, the heartbeat log or the online trend', () => {
		let state = initialFleetState();
		for (let page = 1; page <= 3; page++) {
			state = fleetReducer(state, {
				type: 'poll-progress',
				progress: progress(records(100 * page), page),
				at: T0 + page * 1000,
			});
		}

		expect(state).toMatchObject({snapshot: null, events: [], eventsSeen: 0, onlineSeries: []});
		expect(state.heartbeats).toEqual(initialFleetState().heartbeats);
		// The complete pass is the first snapshot: no event for the rows that were already on screen.
		const complete = fleetReducer(state, {
			type: 'poll-succeeded',
			snapshot: snapshotOf([rawConnection({id: 'a'})]),
		});
		expect(complete.pass).toBeNull();
		expect(complete.events).toEqual([]);
		expect(complete.snapshot!.connections.map(connection => connection.id)).toEqual(['a']);
		expect(complete.onlineSeries).toHaveLength(1);
	});

	it('on a later pass keeps the last complete snapshot on screen and says how far the pass has come', () => {
		const first = fleetReducer(initialFleetState(), {
			type: 'poll-succeeded',
			snapshot: snapshotOf([rawConnection({id: 'a'}), offline({id: 'b'})]),
		});
		const polling = fleetReducer(first, {
			type: 'poll-progress',
			progress: progress(records(9000), 90),
			at: T0 + 9000,
		});
		expect(polling.snapshot).toBe(first.snapshot);
		expect(polling.pass).toEqual({pages: 90, records: 9000, partial: null});
		expect(withPartialRows(polling)).toBe(polling);
		expect(selectRows(withPartialRows(polling), T0 + 9000).map(row => row.id)).toEqual(['a', 'b']);
		expect(pollHealthText(polling, T0 + 9000, 2000).text).toBe(' │ updated 9s ago · every 2s · polling… page 90');
	});

	it('drops a failed pass’s rows: a partial pass is never more than progress', () => {
		const loading = fleetReducer(initialFleetState(), {
			type: 'poll-progress',
			progress: progress(records(300), 3),
			at: T0 + 3000,
		});
		const failed = fleetReducer(loading, {
			type: 'poll-failed',
			error: {kind: 'server', message: 'HTTP 503', at: T0 + 4000},
			nextAttemptAt: T0 + 6000,
			halted: false,
		});
		expect(failed.pass).toBeNull();
		expect(selectRows(withPartialRows(failed), T0 + 4000)).toEqual([]);
	});
});
