/**
 * The fleet rebuilt at past moments from a real history file: a listener renamed, one whose mode
 * changed and one that dropped and came back, each seen before, during and after; and time
 * nobody watched is unknown, not offline.
 */
import path from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {describe, expect, it} from 'vitest';
import {openLiveHistory} from '../../src/history/live-history.js';
import {rebuiltSnapshot} from '../../src/history/rebuild.js';
import {connectionStatus} from '../../src/fleet/status.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {rowsToJson} from '../../src/output/export.js';
import {T0, offline, rawConnection} from '../helpers/fixtures.js';
import {fleetStates, recorderOn, tempFolder} from './helpers.js';

const MINUTE = 60_000;
const STALE_AFTER = 75_000;

function live(id: string, at: number, overrides: Record<string, unknown> = {}) {
	return rawConnection({id, lastHeartbeat: at - 1000, lastSeenAt: at - 1000, ...overrides});
}

/**
 * Ten minutes polled every 2 s: `a` is renamed at minute 3, `b` goes from standard to plan at minute
 * 5, `c` is offline from minute 4 to 6 and back on a new pod with a new session. Then the recorder
 * stops, and 10 minutes later a second run sees only `a` (a new listener `d` appears).
 */
function recordScenario(file: string): number {
	const clock = {now: T0};
	const recorder = recorderOn(file, clock);
	const states = fleetStates();
	for (let at = T0; at <= T0 + 10 * MINUTE; at += 2000) {
		clock.now = at;
		const cDown = at >= T0 + 4 * MINUTE && at < T0 + 6 * MINUTE;
		const cBack = at >= T0 + 6 * MINUTE;
		recorder.record(
			states(
				[
					live('a', at, {connectionName: at >= T0 + 3 * MINUTE ? 'renamed-a' : 'host-a'}),
					live('b', at, {currentMode: at >= T0 + 5 * MINUTE ? 'plan' : 'standard'}),
					cDown
						? offline({id: 'c'})
						: live(
								'c',
								at,
								cBack ? {podId: 'pod-2', connectionId: 'conn-c2', connectedAt: T0 + 6 * MINUTE} : {},
							),
				],
				at,
			),
		);
	}

	recorder.close();
	const second = T0 + 20 * MINUTE;
	clock.now = second;
	const again = recorderOn(file, clock);
	const states2 = fleetStates();
	for (let at = second; at <= second + 2 * MINUTE; at += 2000) {
		clock.now = at;
		again.record(states2([live('a', at, {connectionName: 'renamed-a'}), live('d', at)], at));
	}

	again.close();
	return T0 + 10 * MINUTE;
}

function fleetAt(file: string, at: number) {
	const history = openLiveHistory(file, 'https://api.example')!;
	try {
		const fleet = history.fleetAt(at)!;
		const {snapshot, unknown} = rebuiltSnapshot(fleet, STALE_AFTER);
		const row = (id: string) => {
			const connection = snapshot.byId.get(id);
			return connection && {connection, status: connectionStatus(connection, at, STALE_AFTER)};
		};

		return {snapshot, unknown, row};
	} finally {
		history.close();
	}
}

describe('the fleet rebuilt at a past moment', () => {
	it('shows a rename, a mode change and an outage before, during and after', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		recordScenario(file);

		const before = fleetAt(file, T0 + 2 * MINUTE + 1000);
		expect(before.row('a')?.connection.connectionName).toBe('host-a');
		expect(before.row('b')?.connection.mode).toBe('standard');
		expect(before.row('c')).toMatchObject({status: 'online', connection: {podId: 'pod-1', connectionId: 'conn-c'}});

		const during = fleetAt(file, T0 + 5 * MINUTE + 1000);
		expect(during.row('a')?.connection.connectionName).toBe('renamed-a');
		expect(during.row('b')?.connection.mode).toBe('plan');
		expect(during.row('c')).toMatchObject({status: 'offline', connection: {connectionId: null, connectedAt: null}});
		expect(during.row('c')?.connection.lastSeenAt).toBe(T0 + 4 * MINUTE);

		// A `connected` event does not carry the pod (fleet/diff.ts): unknown, shown as none, never the old one.
		const after = fleetAt(file, T0 + 7 * MINUTE);
		expect(after.row('c')).toMatchObject({
			status: 'online',
			connection: {podId: null, connectionId: 'conn-c2', connectedAt: T0 + 6 * MINUTE},
		});
		expect(after.snapshot.connections.map(connection => connection.id)).toEqual(['a', 'b', 'c']);
		expect(after.unknown).toBe(0);
	});

	it('leaves out what nobody watched: before the first poll, between runs, and a listener not yet recorded', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const end = recordScenario(file);

		expect(fleetAt(file, T0 - MINUTE).snapshot.connections).toEqual([]);
		const between = fleetAt(file, end + 5 * MINUTE);
		expect(between.snapshot.connections).toEqual([]);
		expect(between.unknown).toBe(3);

		// The second run watched a (and a new d); b and c were not listed then, so not observed: unknown.
		const second = fleetAt(file, T0 + 21 * MINUTE);
		expect(second.snapshot.connections.map(connection => connection.id)).toEqual(['a', 'd']);
		expect(second.row('a')).toMatchObject({status: 'online', connection: {connectionName: 'renamed-a'}});
		expect(second.unknown).toBe(2);
	});

	it('says each rebuilt row is history, and its JSON is as of the moment', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		recordScenario(file);
		const at = T0 + 5 * MINUTE;
		const {snapshot} = fleetAt(file, at);
		const connection = snapshot.byId.get('b')!;
		expect(connection.problems.join(' ')).toMatch(/rebuilt from the history file as of/);
		expect(connection.raw).toMatchObject({id: 'b', asOf: new Date(at).toISOString(), mode: 'plan'});
		expect(snapshot.fetchedAt).toBe(at);
		// An export of the rows shown (e/E) carries the moment in every record.
		const state = {...fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot}), snapshot};
		const exported = JSON.parse(rowsToJson(selectRows(state, at))) as {connections: Array<Record<string, unknown>>};
		expect(exported.connections.map(record => [record['id'], record['status'], record['asOf']])).toEqual([
			['a', 'online', new Date(at).toISOString()],
			['b', 'online', new Date(at).toISOString()],
			['c', 'offline', new Date(at).toISOString()],
		]);
	});

	it('a baseline that does not read and an escape sequence in a name hide nothing and reach no terminal', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		recordScenario(file);
		const db = new DatabaseSync(file);
		db.prepare("UPDATE listeners SET baseline = 'not json', connection_name = ? WHERE record_id = 'b'").run(
			'evil\u001B]0;owned\u0007-b',
		);
		db.close();
		const {snapshot} = fleetAt(file, T0 + 2 * MINUTE);
		expect(snapshot.connections.map(connection => connection.id)).toEqual(['a', 'b', 'c']);
		const b = snapshot.byId.get('b')!;
		expect(b.connectionName).not.toMatch(/\u001B|\u0007/);
		expect(b.connectionName).toContain('evil');
		expect(b.mode).toBeNull();
	});
});
