import {describe, expect, it} from 'vitest';
import {deviceHistory, fleetReducer, type FleetState, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

function poll(state: FleetState, raws: Array<Record<string, unknown>>, at: number): FleetState {
	return fleetReducer(state, {type: 'poll-succeeded', snapshot: snapshotOf(raws, at)});
}

const fleet = (at: number, changes: Record<string, Record<string, unknown>> = {}) =>
	['a', 'b', 'c'].map(id => rawConnection({id, lastHeartbeat: at - 1000, ...changes[id]}));

describe('fleetReducer', () => {
	it('takes the first snapshot as the baseline: no events', () => {
		const state = poll(initialFleetState(), fleet(T0), T0);
		expect(state.events).toEqual([]);
		expect(state.health.lastSuccessAt).toBe(T0);
		expect(selectRows(state, T0).map(row => row.status)).toEqual(['online', 'online', 'online']);
	});

	it('logs events in order and marks the devices they touched', () => {
		let state = poll(initialFleetState(), fleet(T0), T0);
		state = poll(state, fleet(T0 + 2000, {b: {connectionId: null, podId: null}}), T0 + 2000);
		state = poll(state, fleet(T0 + 4000, {b: {connectionId: null}, c: {currentMode: 'acceptEdits'}}), T0 + 4000);
		expect(state.events.map(event => [event.type, event.id])).toEqual([
			['disconnected', 'b'],
			['changed', 'c'],
		]);
		expect(state.eventsSeen).toBe(2);
		const rows = selectRows(state, T0 + 4000);
		expect(rows.find(row => row.id === 'b')?.mark).toMatchObject({type: 'disconnected', at: T0 + 2000});
		expect(rows.find(row => row.id === 'c')?.mark).toMatchObject({type: 'changed', fields: ['mode']});
		expect(rows.find(row => row.id === 'a')?.mark).toBeNull();
	});

	it('lets a mark stay fresh, then fade, then expire with the linger time', () => {
		let state = poll(initialFleetState({lingerMs: 30_000}), fleet(T0), T0);
		state = poll(state, fleet(T0 + 2000, {a: {currentMode: 'strict'}}), T0 + 2000);
		const strength = (now: number) =>
			selectRows(fleetReducer(state, {type: 'tick', now}), now).find(row => row.id === 'a')?.markStrength;
		expect(strength(T0 + 5000)).toBe('fresh');
		expect(strength(T0 + 20_000)).toBe('fading');
		expect(strength(T0 + 32_000)).toBeNull();
	});

	it('keeps a removed device as a tombstone for the linger time', () => {
		let state = poll(initialFleetState({lingerMs: 30_000}), fleet(T0), T0);
		state = poll(
			state,
			fleet(T0 + 2000).filter(raw => raw['id'] !== 'b'),
			T0 + 2000,
		);
		const gone = selectRows(state, T0 + 2000).find(row => row.id === 'b');
		expect(gone).toMatchObject({status: 'gone', mark: {type: 'removed'}});
		state = fleetReducer(state, {type: 'tick', now: T0 + 31_999});
		expect(state.tombstones.has('b')).toBe(true);
		state = fleetReducer(state, {type: 'tick', now: T0 + 32_000});
		expect(state.tombstones.has('b')).toBe(false);
		expect(deviceHistory(state, 'b')).toBeUndefined();
		expect(selectRows(state, T0 + 32_000).map(row => row.id)).toEqual(['a', 'c']);
	});

	it('lifts the tombstone when the device comes back', () => {
		let state = poll(initialFleetState(), fleet(T0), T0);
		state = poll(
			state,
			fleet(T0 + 2000).filter(raw => raw['id'] !== 'b'),
			T0 + 2000,
		);
		state = poll(state, fleet(T0 + 4000), T0 + 4000);
		expect(state.tombstones.size).toBe(0);
		expect(state.events.map(event => event.type)).toEqual(['removed', 'appeared']);
	});

	it('keeps the last good snapshot through failures and counts them', () => {
		let state = poll(initialFleetState(), fleet(T0), T0);
		const error = {kind: 'server', message: 'HTTP 503: down', status: 503, at: T0 + 2000};
		state = fleetReducer(state, {type: 'poll-failed', error, nextAttemptAt: T0 + 4000, halted: false});
		state = fleetReducer(state, {type: 'poll-failed', error, nextAttemptAt: T0 + 8000, halted: false});
		expect(state.snapshot?.fetchedAt).toBe(T0);
		expect(state.health).toMatchObject({
			consecutiveFailures: 2,
			lastError: error,
			nextAttemptAt: T0 + 8000,
			lastSuccessAt: T0,
		});
		expect(state.health.failingSince).toBe(T0 + 2000);
		state = poll(state, fleet(T0 + 9000), T0 + 9000);
		expect(state.health).toMatchObject({consecutiveFailures: 0, lastError: null, failingSince: null});
		// Recovery is announced: how long it was down and how many polls failed.
		expect(state.health.lastRecovery).toEqual({at: T0 + 9000, failures: 2, downMs: 7000, errorCode: null});
	});

	it('bounds the event log, device events, heartbeat samples and sessions', () => {
		const settings = {maxEvents: 5, maxDeviceEvents: 3, maxHeartbeatSamples: 4, maxSessions: 2};
		let state = poll(initialFleetState(settings), [rawConnection({id: 'a'})], T0);
		for (let index = 1; index <= 20; index++) {
			const at = T0 + index * 2000;
			state = poll(state, [rawConnection({id: 'a', connectionId: `c-${index}`, lastHeartbeat: at})], at);
		}

		expect(state.events).toHaveLength(5);
		expect(state.events.at(-1)).toMatchObject({type: 'reconnected', to: 'c-20'});
		expect(state.eventsSeen).toBe(20);
		const history = deviceHistory(state, 'a')!;
		expect(history.events).toHaveLength(3);
		expect(history.heartbeatAges).toHaveLength(4);
		expect(history.sessions.map(session => session.connectionId)).toEqual(['c-19', 'c-20']);
	});

	it('gives a quiet device the session its record shows, and a reconnected one both sessions', () => {
		let state = poll(initialFleetState(), fleet(T0), T0);
		state = poll(state, fleet(T0 + 2000, {b: {connectionId: 'conn-b2', podId: 'pod-2'}}), T0 + 2000);
		expect(deviceHistory(state, 'a')).toMatchObject({
			events: [],
			sessions: [{connectionId: 'conn-a', podId: 'pod-1'}],
		});
		expect(deviceHistory(state, 'b')?.sessions.map(session => [session.connectionId, session.podId])).toEqual([
			['conn-b', 'pod-1'],
			['conn-b2', 'pod-2'],
		]);
		expect(deviceHistory(state, 'b')?.events.map(event => event.type)).toEqual(['reconnected']);
	});

	it('records heartbeat ages per poll, null while offline', () => {
		let state = poll(initialFleetState(), [rawConnection({id: 'a', lastHeartbeat: T0 - 3000})], T0);
		state = poll(state, [offline({id: 'a'})], T0 + 2000);
		expect(deviceHistory(state, 'a')?.heartbeatAges).toEqual([3000, null]);
	});
});
