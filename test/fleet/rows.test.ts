import {describe, expect, it} from 'vitest';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const STALE = 75_000;
const stateOf = (records: Array<Record<string, unknown>>, at = T0) =>
	fleetReducer(initialFleetState({staleAfterMs: STALE}), {type: 'poll-succeeded', snapshot: snapshotOf(records, at)});
const byName = (rows: ReturnType<typeof selectRows>) => new Map(rows.map(row => [row.connection.connectionName, row]));

describe('an outage of ours is not an outage of theirs', () => {
	it('keeps every status and age of the last good poll while polls fail, and judges time again once one succeeds', () => {
		const good = stateOf([rawConnection({lastHeartbeat: T0 - 20_000})]);
		const failing = fleetReducer(good, {
			type: 'poll-failed',
			error: {kind: 'network', message: 'cannot reach the API', at: T0 + 2000},
			nextAttemptAt: T0 + 4000,
			halted: false,
		});
		// 100 s without data: by the wall clock the heartbeat would be 120 s old, stale.
		const [during] = selectRows(failing, T0 + 100_000);
		expect(during).toMatchObject({status: 'online', heartbeatAgeMs: 20_000});
		// The same state with a healthy poller would have judged it stale: the freeze is the outage's doing.
		expect(selectRows(good, T0 + 100_000)[0]).toMatchObject({status: 'stale', heartbeatAgeMs: 120_000});

		const recovered = fleetReducer(failing, {
			type: 'poll-succeeded',
			snapshot: snapshotOf([rawConnection({lastHeartbeat: T0 + 95_000})], T0 + 100_000),
		});
		expect(selectRows(recovered, T0 + 100_000)[0]).toMatchObject({status: 'online', heartbeatAgeMs: 5000});
	});
});

describe('a pause holds the picture still', () => {
	it('keeps every status and age of the last poll while paused, and judges time again on resume', () => {
		const good = stateOf([rawConnection({lastHeartbeat: T0 - 20_000})]);
		const paused = fleetReducer(good, {type: 'paused', paused: true, at: T0 + 1000});
		// Ten minutes paused: by the wall clock the whole fleet would read stale.
		expect(selectRows(paused, T0 + 600_000)[0]).toMatchObject({status: 'online', heartbeatAgeMs: 20_000});
		const resumed = fleetReducer(paused, {type: 'paused', paused: false, at: T0 + 600_000});
		expect(selectRows(resumed, T0 + 600_000)[0]).toMatchObject({status: 'stale', heartbeatAgeMs: 620_000});
	});
});

describe('listeners and machines', () => {
	const machine = (id: string, deviceId: string, name: string, extra: Record<string, unknown> = {}) =>
		rawConnection({id, deviceId, connectionName: name, listenerInstanceId: `server-${id}`, ...extra});

	it('counts the listeners of each machine and how many are online', () => {
		const rows = byName(
			selectRows(
				stateOf([
					machine('a', 'm-1', 'alpha'),
					machine('b', 'm-1', 'beta'),
					offline({id: 'c', deviceId: 'm-1', connectionName: 'gamma'}),
					machine('d', 'm-2', 'delta'),
				]),
				T0,
			),
		);
		expect(rows.get('alpha')!.machine).toEqual({listeners: 3, online: 2});
		expect(rows.get('gamma')!.machine).toEqual({listeners: 3, online: 2});
		expect(rows.get('delta')!.machine).toEqual({listeners: 1, online: 1});
	});

	it('flags rows that share a name, and names the live one: the one beating', () => {
		const rows = selectRows(
			stateOf([
				machine('old', 'm-1', 'ana-mbp', {
					connectionId: null,
					podId: null,
					connectedAt: null,
					lastHeartbeat: null,
				}),
				machine('new', 'm-2', 'ana-mbp2'),
				machine('live', 'm-3', 'ana-mbp'),
				machine('solo', 'm-4', 'solo'),
			]),
			T0,
		);
		const duplicate = new Map(rows.map(row => [row.id, row.duplicate]));
		const group = {reason: 'name', label: 'ana-mbp', members: ['old', 'live'], live: ['live']};
		expect(duplicate.get('old')).toEqual({sameName: group, sameMachine: null});
		expect(duplicate.get('live')).toEqual({sameName: group, sameMachine: null});
		// One group object for all its rows: a thousand runners with one name cost a thousand, not a million.
		expect(duplicate.get('old')!.sameName).toBe(duplicate.get('live')!.sameName);
		expect(duplicate.get('new')).toBeNull();
		expect(duplicate.get('solo')).toBeNull();
	});

	it('flags a machine with more than one online listener, but not one whose other listeners are offline', () => {
		const rows = selectRows(
			stateOf([
				machine('a', 'm-1', 'alpha'),
				machine('b', 'm-1', 'beta'),
				machine('c', 'm-2', 'gamma'),
				machine('d', 'm-2', 'delta', {connectionId: null, podId: null, connectedAt: null, lastHeartbeat: null}),
			]),
			T0,
		);
		const duplicate = new Map(rows.map(row => [row.id, row.duplicate]));
		const group = {reason: 'machine', label: 'm-1', members: ['a', 'b'], live: ['a', 'b']};
		expect(duplicate.get('a')).toEqual({sameName: null, sameMachine: group});
		expect(duplicate.get('b')).toEqual({sameName: null, sameMachine: group});
		expect(duplicate.get('c')).toBeNull();
		expect(duplicate.get('d')).toBeNull();
	});

	it('marks local rows and never counts them as machines or duplicates', () => {
		const rows = selectRows(
			stateOf([
				rawConnection({
					id: 'l1',
					deviceId: 'local',
					organizationId: 'local',
					connectionId: 'local-local',
					connectionName: 'this-mac',
				}),
				rawConnection({id: 'l2', deviceId: '__letta_cloud__', connectionName: 'this-mac'}),
				rawConnection({id: 'r1', deviceId: 'm-1', connectionName: 'this-mac'}),
			]),
			T0,
		);
		expect(rows.map(row => [row.id, row.local, row.duplicate === null])).toEqual([
			['l1', true, true],
			['l2', true, true],
			['r1', false, true],
		]);
	});

	it('keeps a row for every record, however its id is broken', () => {
		const rows = selectRows(
			stateOf([
				rawConnection({id: 'a'}),
				rawConnection({id: 'a'}),
				rawConnection({id: undefined, deviceId: 'm-9'}),
			]),
			T0,
		);
		expect(rows.map(row => row.id)).toEqual(['a', 'a#2', 'device:m-9']);
	});
});
