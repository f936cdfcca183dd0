/**
 * The fleet at the simulation's start, all drawn from the seed: machines with their listeners,
 * online, stale or offline, with pasts up to 60 days long, a renamed listener's old record now and
 * then, a Desktop app's local proxy rows. Times are epoch ms.
 */
import {hostsListeners, localRow} from '../devices.js';
import {makeStale, renamedFrom} from './backstory.js';
import {guarantee} from './guarantee.js';
import {createDevice, addListenerAt, place} from './placement.js';
import {DAY_MS, nextId, stateOf, update, type Device, type SimState} from './state.js';
import {connectAt} from './transitions.js';

/** A new machine: about two thirds online, some stale, the rest offline for up to 10 days. */
function seedMachine(state: SimState): Device {
	const {random, start} = state;
	const firstSeenAt = start - random.int(60 * 60_000, 60 * DAY_MS);
	const device = createDevice(state, start, firstSeenAt, {connectionId: null});
	const roll = random.next();
	if (roll < 0.66) {
		connectAt(state, device, Math.max(firstSeenAt, start - random.int(60_000, 3 * DAY_MS)));
	} else if (roll < 0.72) {
		makeStale(state, device, start);
	} else {
		update(device, {lastSeenAt: Math.max(firstSeenAt, start - random.int(5 * 60_000, 10 * DAY_MS))});
	}

	return device;
}

/** A further listener, mostly online when its machine is. */
function seedListener(state: SimState, machine: Device): void {
	const {random, start} = state;
	const firstSeenAt = random.int(machine.record.firstSeenAt, start - 60_000);
	const device = addListenerAt(state, machine, start, firstSeenAt, {connectionId: null});
	if (random.chance(stateOf(machine) === 'offline' ? 0.3 : 0.8)) {
		connectAt(state, device, Math.max(firstSeenAt, start - random.int(60_000, 3 * DAY_MS)));
	} else {
		update(device, {lastSeenAt: Math.max(firstSeenAt, start - random.int(5 * 60_000, 10 * DAY_MS))});
	}
}

/** A Desktop app's local proxy row, which the dice never pick. */
function seedLocal(state: SimState, deviceId: '__letta_cloud__' | 'local'): void {
	const {random, start, users} = state;
	const firstSeenAt = start - random.int(60 * 60_000, 7 * DAY_MS);
	const device = place(
		state,
		localRow(deviceId, {id: nextId(state), firstSeenAt, user: users.people[0]!}),
		{connectionId: null},
		start,
		false,
	);
	// The Cloud row reads as connected; the `local` placeholder stands for no registered device.
	if (deviceId === '__letta_cloud__') {
		connectAt(state, device, Math.max(firstSeenAt, start - random.int(60_000, DAY_MS)));
	}
}

/**
 * `size` records: machines with one listener mostly, about one in twenty-five with two or three
 * (the extras registered later, so their ids come later), one in twenty with a renamed
 * listener's old record (registered earlier, so its id comes first), and, from 10 records up,
 * one or two rows of a Desktop app's local proxy. Then what a demo must show, whatever the seed.
 */
export function seedFleet(state: SimState, size: number): void {
	const {index, random, start} = state;
	const locals = size >= 10 ? (random.chance(0.5) ? 2 : 1) : 0;
	const target = size - locals;
	const waiting: Device[] = [];
	while (index.size() < target) {
		if (waiting.length > 0 && random.chance(0.3)) {
			const at = random.int(0, waiting.length - 1);
			const machine = waiting[at]!;
			waiting[at] = waiting.at(-1)!;
			waiting.pop();
			seedListener(state, machine);
			continue;
		}

		const leftoverId = index.size() + 2 <= target && random.chance(0.05) ? nextId(state) : undefined;
		const device = seedMachine(state);
		if (!hostsListeners(device.record)) {
			continue;
		}

		if (leftoverId !== undefined) {
			place(state, renamedFrom(state, device, leftoverId), {connectionId: null}, start);
		}

		if (random.chance(0.04)) {
			waiting.push(device);
			if (random.chance(0.15)) {
				waiting.push(device);
			}
		}
	}

	for (let i = 0; i < locals; i++) {
		seedLocal(state, i === 0 ? '__letta_cloud__' : 'local');
	}

	guarantee(state);
}
