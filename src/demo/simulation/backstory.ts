/**
 * Histories a seeded record brings with it, set in the past of the simulation's start: a listener
 * that went stale just before, and the old record a renamed listener left behind. Used by the seed
 * and by its guarantees. Times are epoch ms.
 */
import {previousName, serverInstanceId} from '../devices.js';
import type {RawConnection} from '../types.js';
import {DAY_MS, namesOn, STEP_MS, update, type Device, type SimState} from './state.js';
import {churnFate, connectAt, hangAt, OFFLINE_SHAPE} from './transitions.js';

/**
 * Connected earlier, its heartbeats stopped 80-110 s before `at`: stale at `at`, and it recovers
 * or is dropped within the first minute after.
 */
export function makeStale(state: SimState, device: Device, at: number): void {
	const {random} = state;
	const lastHeartbeat = at - random.int(80_000, 110_000);
	connectAt(state, device, Math.max(device.record.firstSeenAt, lastHeartbeat - random.int(60_000, 2 * DAY_MS)));
	// Its last beat lands exactly on lastHeartbeat; it recovers or is dropped within the first minute.
	device.beatAnchor = lastHeartbeat;
	hangAt(state, device, lastHeartbeat, beat => {
		const fate = churnFate(state, beat);
		return {...fate, at: Math.max(fate.at, at + STEP_MS)};
	});
}

/**
 * The record `current` was renamed from, in its offline shape, with id `id`: the old name and
 * instance id, last seen just before the rename, at least a day before the start; `current` is
 * first seen at the rename (its firstSeenAt is moved there).
 */
export function renamedFrom(state: SimState, current: Device, id: string): RawConnection {
	const {random, start} = state;
	const renamedAt =
		current.record.firstSeenAt <= start - DAY_MS
			? current.record.firstSeenAt
			: start - random.int(DAY_MS, 10 * DAY_MS);
	update(current, {firstSeenAt: renamedAt});
	const connectionName = previousName(
		random,
		current.record,
		state.handles.get(current.record.userId ?? ''),
		namesOn(state, current),
	);
	const lastSeenAt = renamedAt - random.int(5000, 120_000);
	return {
		...current.record,
		...OFFLINE_SHAPE,
		id,
		connectionName,
		listenerInstanceId: serverInstanceId(connectionName),
		firstSeenAt: lastSeenAt - random.int(DAY_MS, 90 * DAY_MS),
		lastSeenAt,
	};
}
