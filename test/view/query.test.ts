import {describe, expect, it} from 'vitest';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {COLUMNS} from '../../src/view/columns.js';
import {
	DEFAULT_SORT,
	filterRows,
	orderIsTimeless,
	parseFilter,
	reorder,
	scopeRows,
	sortMoved,
	sortOrder,
	sortArrow,
	sortRows,
} from '../../src/view/query.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';

function rows() {
	const state = fleetReducer(initialFleetState(), {
		type: 'poll-succeeded',
		snapshot: snapshotOf([
			rawConnection({id: 'a', connectionName: 'Maya-MBP', lastHeartbeat: T0 - 1000}),
			rawConnection({
				id: 'b',
				connectionName: 'gpu-box',
				lastHeartbeat: T0 - 100_000,
				metadata: {gitBranch: 'feat/maya'},
			}),
			offline({id: 'c', connectionName: 'ci-runner-10'}),
			rawConnection({id: 'd', connectionName: 'ci-runner-9', lastHeartbeat: T0 - 20_000}),
		]),
	});
	return selectRows(state, T0);
}

const names = (list: ReturnType<typeof rows>) => list.map(row => row.connection.connectionName);

describe('filterRows', () => {
	it('matches a case-insensitive substring', () => {
		expect(names(filterRows(rows(), 'MAYA'))).toEqual(['Maya-MBP', 'gpu-box']);
	});

	it('inverts with a leading !', () => {
		expect(names(filterRows(rows(), '!maya'))).toEqual(['ci-runner-10', 'ci-runner-9']);
	});

	it('keeps everything for an empty pattern or a lone !', () => {
		expect(filterRows(rows(), '')).toHaveLength(4);
		expect(filterRows(rows(), '!')).toHaveLength(4);
	});

	it('matches every field of a row, shown or not: os, pod, directory, user, ids, version, mode, machine, status, DUP', () => {
		const state = fleetReducer(initialFleetState(), {
			type: 'poll-succeeded',
			snapshot: snapshotOf([
				rawConnection({
					id: 'env-7f3a',
					deviceId: 'desktop:9fd89b71-aaaa-bbbb-cccc-000000000001',
					listenerInstanceId: 'server-0123456789abcdef',
					connectionName: 'mac',
					podId: 'pod-ws-6',
					userId: 'user-ana',
					currentMode: 'acceptEdits',
					metadata: {
						os: 'darwin',
						workingDirectory: '/Users/ana/code/ml',
						lettaCodeVersion: '0.30.2',
						gitBranch: 'chore/deps',
					},
				}),
				offline({id: 'env-2', connectionName: 'box'}),
				offline({id: 'env-3', connectionName: 'box'}),
			]),
		});
		const all = selectRows(state, T0);
		for (const pattern of [
			'darwin',
			'pod-ws-6',
			'/users/ana',
			'USER-ANA',
			'env-7f3a',
			'9fd89b71-aaaa',
			'server-0123',
			'0.30.2',
			'acceptedits',
			'chore/deps',
		]) {
			expect(names(filterRows(all, pattern)), pattern).toEqual(['mac']);
		}

		// The machine's short id, as MACHINE shows it (the deviceId without its "desktop:" prefix).
		expect(names(filterRows(all, '^9fd89b71'))).toEqual(['mac']);
		// Status and DUP words, as the STATUS and DUP columns show them.
		expect(names(filterRows(all, '^online$'))).toEqual(['mac']);
		expect(names(filterRows(all, 'offline'))).toEqual(['box', 'box']);
		expect(names(filterRows(all, '^dup$'))).toEqual(['box', 'box']);
	});

	it('takes a regular expression, each field on a line of its own', () => {
		expect(names(filterRows(rows(), '^ci-runner-\\d$'))).toEqual(['ci-runner-9']);
		expect(names(filterRows(rows(), 'MBP|gpu'))).toEqual(['Maya-MBP', 'gpu-box']);
		// ^ and $ hold a whole field: only the rows whose branch is exactly main.
		expect(names(filterRows(rows(), '^main$'))).toEqual(['Maya-MBP', 'ci-runner-10', 'ci-runner-9']);
		// . never crosses from one field into the next (gpu-box's branch holds maya, its os linux).
		expect(filterRows(rows(), 'maya.*linux')).toHaveLength(0);
		expect(names(filterRows(rows(), '!^ci-'))).toEqual(['Maya-MBP', 'gpu-box']);
	});

	it('reads a pattern that is not a valid regular expression as plain text', () => {
		const state = fleetReducer(initialFleetState(), {
			type: 'poll-succeeded',
			snapshot: snapshotOf([
				rawConnection({id: 'a', connectionName: 'build(3)'}),
				rawConnection({id: 'b', connectionName: 'build-3'}),
			]),
		});
		const all = selectRows(state, T0);
		expect(names(filterRows(all, 'build('))).toEqual(['build(3)']);
		expect(names(filterRows(all, 'build(3'))).toEqual(['build(3)']);
		expect(filterRows(rows(), '[(*')).toHaveLength(0);
		expect(parseFilter('build(')).toMatchObject({regex: false, inverted: false});
		expect(parseFilter('!^ci-')).toMatchObject({regex: true, inverted: true});
		expect(parseFilter('!')).toBeNull();
	});

	it('sees a field change in a new record (nothing stale is kept for it)', () => {
		const first = rows();
		const state = fleetReducer(initialFleetState(), {
			type: 'poll-succeeded',
			snapshot: snapshotOf([
				rawConnection({
					id: 'a',
					connectionName: 'Maya-MBP',
					lastHeartbeat: T0 - 1000,
					metadata: {os: 'darwin'},
				}),
			]),
		});
		expect(names(filterRows(first, 'darwin'))).toEqual([]);
		expect(names(filterRows(selectRows(state, T0), 'darwin'))).toEqual(['Maya-MBP']);
	});
});

describe('scopeRows and sortRows', () => {
	it('scopes to problems and to online', () => {
		expect(names(scopeRows(rows(), 'problems'))).toEqual(['gpu-box', 'ci-runner-10']);
		expect(names(scopeRows(rows(), 'online'))).toEqual(['Maya-MBP', 'ci-runner-9']);
	});

	it('sorts names naturally and reverses', () => {
		expect(names(sortRows(rows(), {key: 'name', descending: false}))).toEqual([
			'ci-runner-9',
			'ci-runner-10',
			'gpu-box',
			'Maya-MBP',
		]);
		expect(names(sortRows(rows(), {key: 'name', descending: true}))).toEqual([
			'Maya-MBP',
			'gpu-box',
			'ci-runner-10',
			'ci-runner-9',
		]);
	});

	it('sorts by status with problems first, and by heartbeat oldest first', () => {
		expect(names(sortRows(rows(), {key: 'status', descending: false}))).toEqual([
			'gpu-box',
			'ci-runner-10',
			'ci-runner-9',
			'Maya-MBP',
		]);
		expect(names(sortRows(rows(), {key: 'heartbeat', descending: false}))).toEqual([
			'gpu-box',
			'ci-runner-9',
			'Maya-MBP',
			'ci-runner-10',
		]);
	});

	it('sorts VERSION by SemVer precedence, oldest first (↑), newest first reversed; the unreadable last both ways', () => {
		const versions = ['0.10.0', '0.9.9', 'nightly', null, '0.10.0-next.2', '1.0.0'];
		const state = fleetReducer(initialFleetState(), {
			type: 'poll-succeeded',
			snapshot: snapshotOf(
				versions.map((version, index) =>
					rawConnection({id: `v${index}`, metadata: version === null ? {} : {lettaCodeVersion: version}}),
				),
			),
		});
		const all = selectRows(state, T0);
		const shown = (descending: boolean) =>
			sortRows(all, {key: 'version', descending}).map(row => row.connection.lettaCodeVersion);
		expect(shown(false)).toEqual(['0.9.9', '0.10.0-next.2', '0.10.0', '1.0.0', null, 'nightly']);
		expect(shown(true)).toEqual(['1.0.0', '0.10.0', '0.10.0-next.2', '0.9.9', null, 'nightly']);
		expect(sortArrow({key: 'version', descending: true}, UNICODE_SYMBOLS)).toBe('↓');
	});

	it('keeps rows without a heartbeat last when the heartbeat sort is reversed', () => {
		expect(names(sortRows(rows(), {key: 'heartbeat', descending: true}))).toEqual([
			'Maya-MBP',
			'ci-runner-9',
			'gpu-box',
			'ci-runner-10',
		]);
	});
});

describe('keeping an order between ticks', () => {
	it("puts a tick's rows in the last sort's order by position, or says it cannot", () => {
		const first = rows();
		const sorted = sortRows(first, DEFAULT_SORT);
		const order = sortOrder(sorted);
		const later = rows();
		expect(names(reorder(later, order, sorted)!)).toEqual(names(sorted));
		expect(reorder(later, order, sorted)![0]).toBe(later.find(row => row.id === sorted[0]!.id));
		expect(reorder(later.slice(1), order, sorted)).toBeNull();
		expect(reorder(later.reverse(), order, sorted)).toBeNull();
	});

	it('trusts it only for an unfiltered, unscoped sort that time cannot reorder', () => {
		expect(orderIsTimeless({key: 'name', descending: true}, 'all', '')).toBe(true);
		expect(orderIsTimeless({key: 'branch', descending: false}, 'all', '')).toBe(true);
		expect(orderIsTimeless({key: 'status', descending: false}, 'all', '')).toBe(false);
		// An age column sorts by the moment its age counts from, which time does not move.
		expect(orderIsTimeless({key: 'heartbeat', descending: false}, 'all', '')).toBe(true);
		expect(orderIsTimeless(DEFAULT_SORT, 'problems', '')).toBe(false);
		expect(orderIsTimeless(DEFAULT_SORT, 'all', 'gpu')).toBe(false);
	});
});

describe('sorting only what moved', () => {
	/** A fleet of `size` listeners, from a seed: names repeat, some offline, heartbeats spread. */
	function fleet(size: number, seed: number, change: (index: number) => Record<string, unknown> = () => ({})) {
		let state = seed;
		const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
		const records = Array.from({length: size}, (_, index) => {
			const base = {
				id: `env-${index}`,
				connectionName: `host-${Math.floor(random() * size * 0.7)}`,
				lastHeartbeat: T0 - Math.floor(random() * 120_000),
				metadata: {gitBranch: `b${Math.floor(random() * 5)}`},
			};
			const record = {...base, ...change(index)};
			return random() < 0.2 ? offline(record) : rawConnection(record);
		});
		return selectRows(
			fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot: snapshotOf(records)}),
			T0,
		);
	}

	it('gives what a full sort gives, for every sort key both ways, after renames, arrivals, departures and new heartbeats', () => {
		const before = fleet(300, 11);
		const after = fleet(300, 11, index =>
			index % 17 === 0 ? {connectionName: `renamed-${index}`} : index % 23 === 0 ? {lastHeartbeat: T0 - 5} : {},
		).slice(7);
		after.push(...fleet(5, 99).map(row => ({...row, id: `new-${row.id}`})));
		for (const column of COLUMNS) {
			for (const descending of [false, true]) {
				const sort = {key: column.key, descending};
				const result = sortMoved(after, sortRows(before, sort), sort);
				expect(
					result.map(row => row.id),
					`${column.key}${descending ? ' desc' : ''}`,
				).toEqual(sortRows(after, sort).map(row => row.id));
			}
		}
	});

	it('keeps the unchanged rows in place and returns the new rows, not the earlier ones', () => {
		const before = sortRows(fleet(50, 3), DEFAULT_SORT);
		const after = fleet(50, 3);
		const result = sortMoved(after, before, DEFAULT_SORT);
		expect(result.map(row => row.id)).toEqual(before.map(row => row.id));
		expect(result.every(row => after.includes(row))).toBe(true);
	});
});

describe('the sort arrow', () => {
	it('shows which way the values run: an age starts with the oldest and falls, a name rises', () => {
		expect(sortArrow({key: 'heartbeat', descending: false}, UNICODE_SYMBOLS)).toBe('↓');
		expect(sortArrow({key: 'heartbeat', descending: true}, UNICODE_SYMBOLS)).toBe('↑');
		expect(sortArrow({key: 'uptime', descending: false}, UNICODE_SYMBOLS)).toBe('↓');
		expect(sortArrow({key: 'name', descending: false}, UNICODE_SYMBOLS)).toBe('↑');
		expect(sortArrow({key: 'name', descending: true}, UNICODE_SYMBOLS)).toBe('↓');
	});
});
