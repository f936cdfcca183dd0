import {describe, expect, it} from 'vitest';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {COLUMNS} from '../../src/view/columns.js';
import {DEFAULT_SORT, filterRows, inOrderOf, orderIsTimeless, scopeRows, sortRows} from '../../src/view/query.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

function rows() {
	const state = fleetReducer(initialFleetState(), {
		type: 'poll-succeeded',
		snapshot: snapshotOf([
			rawConnection({id: 'a', connectionName: 'Maya-MBP', lastHeartbeat: T0 - 1000}),
			rawConnection({id: 'b', connectionName: 'gpu-box', lastHeartbeat: T0 - 100_000, metadata: {gitBranch: 'feat/maya'}}),
			offline({id: 'c', connectionName: 'ci-runner-10'}),
			rawConnection({id: 'd', connectionName: 'ci-runner-9', lastHeartbeat: T0 - 20_000}),
		]),
	});
	return selectRows(state, T0);
}

const names = (list: ReturnType<typeof rows>) => list.map(row => row.connection.connectionName);

describe('filterRows', () => {
	it('matches a case-insensitive substring in any given column', () => {
		expect(names(filterRows(rows(), 'MAYA', COLUMNS))).toEqual(['Maya-MBP', 'gpu-box']);
	});

	it('inverts with a leading !', () => {
		expect(names(filterRows(rows(), '!maya', COLUMNS))).toEqual(['ci-runner-10', 'ci-runner-9']);
	});

	it('keeps everything for an empty pattern or a lone !, and treats regex characters literally', () => {
		expect(filterRows(rows(), '', COLUMNS)).toHaveLength(4);
		expect(filterRows(rows(), '!', COLUMNS)).toHaveLength(4);
		expect(filterRows(rows(), '[(*', COLUMNS)).toHaveLength(0);
	});

	it('looks only at the columns it is given', () => {
		const nameOnly = COLUMNS.filter(column => column.key === 'name');
		expect(names(filterRows(rows(), 'maya', nameOnly))).toEqual(['Maya-MBP']);
	});
});

describe('scopeRows and sortRows', () => {
	it('scopes to problems and to online', () => {
		expect(names(scopeRows(rows(), 'problems'))).toEqual(['gpu-box', 'ci-runner-10']);
		expect(names(scopeRows(rows(), 'online'))).toEqual(['Maya-MBP', 'ci-runner-9']);
	});

	it('sorts names naturally and reverses', () => {
		expect(names(sortRows(rows(), {key: 'name', descending: false}))).toEqual(['ci-runner-9', 'ci-runner-10', 'gpu-box', 'Maya-MBP']);
		expect(names(sortRows(rows(), {key: 'name', descending: true}))).toEqual(['Maya-MBP', 'gpu-box', 'ci-runner-10', 'ci-runner-9']);
	});

	it('sorts by status with problems first, and by heartbeat oldest first', () => {
		expect(names(sortRows(rows(), {key: 'status', descending: false}))).toEqual(['gpu-box', 'ci-runner-10', 'ci-runner-9', 'Maya-MBP']);
		expect(names(sortRows(rows(), {key: 'heartbeat', descending: false}))).toEqual(['gpu-box', 'ci-runner-9', 'Maya-MBP', 'ci-runner-10']);
	});
});

describe('keeping an order between ticks', () => {
	it('puts fresh rows in an earlier order, or says it cannot', () => {
		const sorted = sortRows(rows(), DEFAULT_SORT);
		const later = rows().reverse();
		expect(names(inOrderOf(later, sorted)!)).toEqual(names(sorted));
		expect(inOrderOf(later, sorted)![0]).toBe(later.find(row => row.id === sorted[0]!.id));
		expect(inOrderOf(later.slice(1), sorted)).toBeNull();
		expect(inOrderOf([...later.slice(1), {...later[0]!, id: 'x'}], sorted)).toBeNull();
	});

	it('trusts it only for an unfiltered, unscoped sort that time cannot reorder', () => {
		expect(orderIsTimeless({key: 'name', descending: true}, 'all', '')).toBe(true);
		expect(orderIsTimeless({key: 'branch', descending: false}, 'all', '')).toBe(true);
		expect(orderIsTimeless({key: 'status', descending: false}, 'all', '')).toBe(false);
		expect(orderIsTimeless({key: 'heartbeat', descending: false}, 'all', '')).toBe(false);
		expect(orderIsTimeless(DEFAULT_SORT, 'problems', '')).toBe(false);
		expect(orderIsTimeless(DEFAULT_SORT, 'all', 'gpu')).toBe(false);
	});
});
