import {describe, expect, it} from 'vitest';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {rowsServerNow, selectRows} from '../../src/fleet/rows.js';
import {cellText, columnByKey} from '../../src/view/columns.js';
import {sortRows} from '../../src/view/query.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const lastSeen = columnByKey('lastSeen');
const uptime = columnByKey('uptime');

/** A fleet polled twice: `gone` was listed (online, last seen 5 s before the first poll) and then removed. */
function fleetState(clockOffsetMs: number) {
	const listed = [
		rawConnection({id: 'up', connectionName: 'up', lastSeenAt: T0 - 5000}),
		offline({id: 'old', connectionName: 'old', lastSeenAt: T0 - 3 * DAY - 4 * HOUR}),
		offline({id: 'recent', connectionName: 'recent', lastSeenAt: T0 - 12 * 60_000}),
		rawConnection({
			id: 'stale',
			connectionName: 'stale',
			lastHeartbeat: T0 - 10 * 60_000,
			lastSeenAt: T0 - 10 * 60_000,
		}),
	];
	const first = fleetReducer(initialFleetState({lingerMs: DAY}), {
		type: 'poll-succeeded',
		snapshot: snapshotOf(
			[...listed, rawConnection({id: 'gone', connectionName: 'gone', lastSeenAt: T0 - 5000})],
			T0,
			clockOffsetMs,
		),
	});
	return fleetReducer(first, {type: 'poll-succeeded', snapshot: snapshotOf(listed, T0 + HOUR, clockOffsetMs)});
}

/** That fleet's rows an hour after the first poll. */
const fleet = (clockOffsetMs = 0) => selectRows(fleetState(clockOffsetMs), T0 + HOUR);

/** What `column` shows for each of those rows, by name. */
function cells(clockOffsetMs = 0, column = lastSeen) {
	const state = fleetState(clockOffsetMs);
	const serverNow = rowsServerNow(state, T0 + HOUR);
	return Object.fromEntries(
		selectRows(state, T0 + HOUR).map(row => [row.connection.connectionName, cellText(column, row, serverNow)]),
	);
}

describe('the LAST SEEN column', () => {
	it('says how long ago an offline or gone listener was last seen, and - for one with a connection', () => {
		expect(cells()).toEqual({up: '-', stale: '-', old: '3d5h', recent: '1h12m', gone: '1h'});
	});

	it('is judged by server time, as the other ages are', () => {
		// The server's clock runs an hour ahead of this machine's: an hour more has passed there.
		expect(cells(HOUR)).toMatchObject({old: '3d6h', recent: '2h12m', gone: '2h'});
	});

	it('sorts the longest unseen first, listeners with a connection last', () => {
		const names = sortRows(fleet(), {key: 'lastSeen', descending: false}).map(row => row.connection.connectionName);
		expect(names.slice(0, 3)).toEqual(['old', 'recent', 'gone']);
		expect(lastSeen.sortKey?.toUpperCase()).toBe('T');
		// Reversed: the most recently seen first, and still the rows without an age last.
		const reversed = sortRows(fleet(), {key: 'lastSeen', descending: true}).map(
			row => row.connection.connectionName,
		);
		expect(reversed.slice(0, 3)).toEqual(['gone', 'recent', 'old']);
		expect(reversed.slice(3).sort()).toEqual(['stale', 'up']);
	});
});

describe('the UP column', () => {
	it('shows no uptime for a gone listener, whose session is over', () => {
		expect(cells(0, uptime)).toMatchObject({up: '2h', gone: '-', old: '-'});
	});
});
