import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {fleetReducer, type FleetState, initialFleetState} from '../../src/fleet/reducer.js';
import {type FleetRow, heartbeatSince, rowsServerNow, selectRows} from '../../src/fleet/rows.js';
import {ageAt} from '../../src/fleet/status.js';
import {offline, rawConnection, snapshotOf, snapshotOfConnections, T0} from '../helpers/fixtures.js';

const STALE = 75_000;
const stateOf = (records: Array<Record<string, unknown>>, at = T0) =>
	fleetReducer(initialFleetState({staleAfterMs: STALE}), {type: 'poll-succeeded', snapshot: snapshotOf(records, at)});
const byName = (rows: ReturnType<typeof selectRows>) => new Map(rows.map(row => [row.connection.connectionName, row]));
/** The first row's status, and its heartbeat's age as the table shows it at local time `now`. */
function firstRow(state: FleetState, now: number): {status: string; heartbeatAgeMs: number | null} {
	const [row] = selectRows(state, now);
	return {status: row!.status, heartbeatAgeMs: ageAt(heartbeatSince(row!), rowsServerNow(state, now))};
}

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
		expect(firstRow(failing, T0 + 100_000)).toEqual({status: 'online', heartbeatAgeMs: 20_000});
		// The same state with a healthy poller would have judged it stale: the freeze is the outage's doing.
		expect(firstRow(good, T0 + 100_000)).toEqual({status: 'stale', heartbeatAgeMs: 120_000});

		const recovered = fleetReducer(failing, {
			type: 'poll-succeeded',
			snapshot: snapshotOf([rawConnection({lastHeartbeat: T0 + 95_000})], T0 + 100_000),
		});
		expect(firstRow(recovered, T0 + 100_000)).toEqual({status: 'online', heartbeatAgeMs: 5000});
	});
});

describe('a pause holds the picture still', () => {
	it('keeps every status and age of the last poll while paused, and judges time again on resume', () => {
		const good = stateOf([rawConnection({lastHeartbeat: T0 - 20_000})]);
		const paused = fleetReducer(good, {type: 'paused', paused: true, at: T0 + 1000});
		// Ten minutes paused: by the wall clock the whole fleet would read stale.
		expect(firstRow(paused, T0 + 600_000)).toEqual({status: 'online', heartbeatAgeMs: 20_000});
		const resumed = fleetReducer(paused, {type: 'paused', paused: false, at: T0 + 600_000});
		expect(firstRow(resumed, T0 + 600_000)).toEqual({status: 'stale', heartbeatAgeMs: 620_000});
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

describe('rows from the last rows', () => {
	const STEPS = fc.constantFrom(0, 1000, 2000, 30_000, 80_000);
	/** A poll: which of five listeners are listed, each with a heartbeat some seconds old or a name changed. */
	const poll = fc.array(
		fc.record({
			id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
			beat: fc.constantFrom(0, 10_000, 70_000),
			renamed: fc.boolean(),
			online: fc.boolean(),
		}),
		{maxLength: 6},
	);

	it('are what they would be made afresh, the unchanged ones the very objects of the last', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({step: STEPS, poll: fc.option(poll, {freq: 2})}), {maxLength: 12}),
				frames => {
					let state = initialFleetState({staleAfterMs: STALE, lingerMs: 60_000});
					// As the page reader does, an unchanged record keeps its Connection object from poll to poll.
					let records = new Map<
						string,
						{spec: string; connection: ReturnType<typeof snapshotOf>['connections'][0]}
					>();
					let now = T0;
					let previous: FleetRow[] = [];
					for (const {step, poll} of frames) {
						now += step;
						if (poll) {
							const next = new Map<string, typeof records extends Map<string, infer V> ? V : never>();
							const connections = poll.map(({id, beat, renamed, online}) => {
								const spec = JSON.stringify([beat === 0 ? now : now - beat, renamed, online]);
								const kept = records.get(id);
								const connection =
									kept?.spec === spec
										? kept.connection
										: snapshotOf([
												(online ? rawConnection : offline)({
													id,
													connectionName: renamed ? `${id}-renamed` : id,
													lastHeartbeat: online ? now - beat : null,
												}),
											]).connections[0]!;
								next.set(id, {spec, connection});
								return connection;
							});
							records = next;
							state = fleetReducer(state, {
								type: 'poll-succeeded',
								snapshot: snapshotOfConnections(connections, now),
							});
						} else {
							state = fleetReducer(state, {type: 'tick', now});
						}

						const rows = selectRows(state, now, previous);
						expect(rows).toEqual(selectRows(state, now));
						rows.forEach((row, index) => {
							const before = previous[index];
							// The same record, mark and duplicate facts, showing the same: the same object.
							const same =
								before !== undefined &&
								before.connection === row.connection &&
								before.mark === row.mark &&
								before.duplicate === row.duplicate &&
								JSON.stringify(before) === JSON.stringify(row);
							if (same) expect(row).toBe(before);
						});
						if (rows.length === previous.length && rows.every((row, index) => row === previous[index])) {
							expect(rows).toBe(previous);
						}

						previous = rows;
					}
				},
			),
		);
	});

	it('are the same array a second later, when only the ages moved', () => {
		const state = stateOf([rawConnection({id: 'a'}), offline({id: 'b'})]);
		const rows = selectRows(state, T0);
		expect(selectRows(state, T0 + 1000, rows)).toBe(rows);
		// Its heartbeat grew stale: that row is new, the other is the one it was.
		const later = selectRows(state, T0 + STALE + 1000, rows);
		expect(later).not.toBe(rows);
		expect(later[0]).toMatchObject({id: 'a', status: 'stale'});
		expect(later[1]).toBe(rows[1]);
	});
});
