/**
 * Where records come from, for seeding, churn and the control API alike: a record placed in the
 * index, a new machine, another listener on a machine, and a rename (which, for a `letta server`
 * listener, moves it to another record). Times are epoch ms.
 */
import {generateDevice, listenerName, namedInstance, serverInstanceId, siblingListener} from '../devices.js';
import type {RawConnection} from '../types.js';
import {findListener, namesOn, nextId, stateOf, update, type Device, type SimState} from './state.js';
import {connectAt, disconnectAt, OFFLINE_SHAPE} from './transitions.js';

/**
 * Indexes a record given in its offline shape, with `partial` over it (metadata merged), and
 * connects it at `at` unless `partial.connectionId` is null; a given connectionId or podId wins
 * over the drawn one. `churns`: whether the dice may pick it. Throws on a duplicate record id.
 */
export function place(
	state: SimState,
	base: RawConnection,
	partial: Partial<RawConnection>,
	at: number,
	churns = true,
): Device {
	const metadata = partial.metadata === undefined ? base.metadata : {...base.metadata, ...partial.metadata};
	const device: Device = {record: {...base, ...partial, metadata}, beatAnchor: null, fate: null, churns};
	state.index.add(device);
	state.namesSeen.add(device.record.connectionName);
	if (partial.connectionId !== null) {
		connectAt(state, device, at);
		update(device, {
			connectionId: partial.connectionId ?? device.record.connectionId,
			podId: partial.podId ?? device.record.podId,
		});
	}

	return device;
}

/**
 * The chance that a new machine whose drawn name is taken keeps it: 0.01 leaves a few percent of a large fleet's
 * rows sharing a name (measured: test/demo/simulation-mix.test.ts), not the 70 % that small name pools give.
 */
export const SHARED_NAME_CHANCE = 0.01;

/**
 * `name` with a free number, as machines are named when the obvious name is taken: `ana-mbp-2`,
 * `build-runner-07-3`, and before the domain of a Mac's `.local` name (`Anas-MacBook-Pro-2.local`). `next` holds,
 * per name, where the last search stopped, so the numbers of one name are searched once over a whole seeding.
 */
export function distinctName(name: string, taken: ReadonlySet<string>, next: Map<string, number>): string {
	const local = name.endsWith('.local');
	const stem = local ? name.slice(0, -'.local'.length) : name;
	for (let number = next.get(name) ?? 2; ; number++) {
		const candidate = `${stem}-${number}${local ? '.local' : ''}`;
		if (!taken.has(candidate)) {
			next.set(name, number + 1);
			return candidate;
		}
	}
}

/** A new machine and its first listener, first seen at `firstSeenAt`, placed at `at`. */
export function createDevice(
	state: SimState,
	at: number,
	firstSeenAt: number,
	partial: Partial<RawConnection> = {},
): Device {
	const {random, organizationId, users} = state;
	const base = generateDevice(random, {id: partial.id ?? nextId(state), organizationId, users, firstSeenAt});
	// A new machine's name is its own, as hostnames in one organization mostly are; now and then one repeats (a
	// reinstalled laptop, a cloned VM), which is the duplicate the table flags.
	if (
		partial.connectionName === undefined &&
		state.namesSeen.has(base.connectionName) &&
		!random.chance(SHARED_NAME_CHANCE)
	) {
		base.connectionName = distinctName(base.connectionName, state.namesSeen, state.nameNumbers);
		if (namedInstance(base)) base.listenerInstanceId = serverInstanceId(base.connectionName);
	}

	// The instance id follows what the caller gave: a desktop app's deviceId, or the name a listener's id derives
	// from.
	const deviceId = partial.deviceId ?? base.deviceId;
	if (
		deviceId.startsWith('desktop:') !== base.deviceId.startsWith('desktop:') ||
		partial.connectionName !== undefined
	) {
		base.listenerInstanceId = deviceId.startsWith('desktop:')
			? namedInstance(base)
				? `desktop-primary:${random.uuid()}`
				: base.listenerInstanceId
			: serverInstanceId(partial.connectionName ?? base.connectionName);
	}

	return place(state, base, partial, at);
}

/**
 * Another `letta server` on the machine of `machine`, given in its offline shape unless connected by `partial`.
 * Throws when the machine already has a listener of that instance id.
 */
export function addListenerAt(
	state: SimState,
	machine: Device,
	at: number,
	firstSeenAt: number,
	partial: Partial<RawConnection> = {},
): Device {
	const {random} = state;
	const {deviceId} = machine.record;
	const connectionName =
		partial.connectionName ?? listenerName(random, machine.record.connectionName, namesOn(state, machine));
	const base = siblingListener(random, machine.record, {
		id: partial.id ?? nextId(state),
		connectionName,
		firstSeenAt,
	});
	const instance = partial.listenerInstanceId ?? base.listenerInstanceId;
	if (findListener(state, deviceId, instance)) {
		throw new Error(`Device ${deviceId} already has a listener ${instance} ("${connectionName}")`);
	}

	return place(state, base, {...partial, deviceId}, at, machine.churns);
}

/**
 * The listener restarts at `at` as `connectionName`; returns the record that now carries it. A
 * named listener's identity follows its name: it leaves its record offline and connects on the
 * machine's old record of that name, or on a new one. Any other keeps its record and its session.
 */
export function renameAt(state: SimState, device: Device, at: number, connectionName: string): Device {
	state.namesSeen.add(connectionName);
	if (!namedInstance(device.record)) {
		update(device, {connectionName});
		return device;
	}

	if (connectionName === device.record.connectionName) {
		return device;
	}

	const listenerInstanceId = serverInstanceId(connectionName);
	const {
		id: _id,
		connectionId: _c,
		podId: _p,
		connectedAt: _a,
		lastHeartbeat: _h,
		firstSeenAt: _f,
		lastSeenAt: _l,
		...carried
	} = device.record;
	const returning = findListener(state, device.record.deviceId, listenerInstanceId);
	// The process quits (the platform sees the socket close) and registers under its new name.
	if (stateOf(device) !== 'offline') {
		disconnectAt(state, device, at);
	}

	let target: Device;
	if (returning) {
		update(returning, {...carried, connectionName, listenerInstanceId});
		target = returning;
	} else {
		const record: RawConnection = {
			...carried,
			...OFFLINE_SHAPE,
			id: nextId(state),
			connectionName,
			listenerInstanceId,
			firstSeenAt: at,
			lastSeenAt: at,
		};
		target = place(state, record, {connectionId: null}, at, device.churns);
	}

	connectAt(state, target, at);
	return target;
}
