/**
 * The simulation's state, in one object every part is handed: what a function reads and writes
 * shows in its signature rather than hiding in a closure. Also the small reads and writes of one
 * record that every part shares. Records are replaced, never changed in place, so what a caller
 * got stays as it was.
 */
import {createUsers, type DemoUsers} from '../devices.js';
import {createFleetIndex, type FleetIndex} from '../fleet-index.js';
import {createRandom, type Random} from '../random.js';
import type {DeviceState, RawConnection, RawMetadata} from '../types.js';
import type {SimulationOptions} from './types.js';

/** A healthy listener beats this often, in ms, from the moment it connected (its own phase). */
export const HEARTBEAT_MS = 30_000;
/** Without a heartbeat for this long (ms) the platform drops a connection. */
export const DROP_AFTER_MS = 120_000;
/** The simulation replays time in steps of this many ms: a churn draw and any fates that fall due per step. */
export const STEP_MS = 1000;
export const DAY_MS = 86_400_000;

/** What becomes of a hung device: at `at` (epoch ms) it beats again (`recovers`) or is dropped. */
export type Fate = {at: number; recovers: boolean};

export type Device = {
	record: RawConnection;
	/** Set while the device beats; it beats at anchor + k * 30 s. */
	beatAnchor: number | null;
	/** Set while hung: when it recovers or is dropped. */
	fate: Fate | null;
	/** False for rows the dice leave alone: a local proxy's synthetic rows (and any row driven from outside). */
	churns: boolean;
	/** A real listener that registered itself (it never churns, and beats only when it pings). */
	external?: boolean;
};

/** Everything the parts of the simulation share. Times are epoch ms. */
export type SimState = {
	/** The one source of randomness: every draw, in order, is what a seed replays. */
	readonly random: Random;
	readonly organizationId: string;
	readonly users: DemoUsers;
	/** userId -> handle, for names a person would give a listener. */
	readonly handles: ReadonlyMap<string, string>;
	/** Every record, sorted by id, and by deviceId. */
	readonly index: FleetIndex<Device>;
	/**
	 * Every connectionName a placed record has had: a superset of the names in use (never pruned), so a new machine
	 * can take a name of its own. Grows by one a placed record.
	 */
	readonly namesSeen: Set<string>;
	/** Per name, the number distinctName tries next, so a thousand `ana-mbp`s cost a thousand tries, not a million. */
	readonly nameNumbers: Map<string, number>;
	/** The devices with a fate, so a step visits only them. Kept by `transition` alone. */
	readonly hung: Set<Device>;
	/** The clock the simulation was given. */
	readonly now: () => number;
	/** The time the fleet was seeded at. */
	readonly start: number;
	/** The seeded size, at least 1: churn holds the fleet near it. */
	readonly startSize: number;
	/** Random events a minute over the whole fleet. */
	churn: number;
	/** The last record id's number. */
	serial: number;
	/** The time of the last advance. */
	current: number;
	/** The next step not yet replayed. */
	nextStep: number;
};

/** A churn rate (events a minute), checked: a RangeError naming it unless finite and >= 0. */
export function checkChurn(perMinute: number): number {
	if (!Number.isFinite(perMinute) || perMinute < 0) {
		throw new RangeError(`churnPerMinute must be a finite number >= 0, got ${perMinute}`);
	}

	return perMinute;
}

/**
 * A state with no records yet, at `options.now()`. Draws the organization id (unless given) and
 * the users from the seed, in that order. A RangeError for a bad `churnPerMinute`.
 */
export function createState(options: SimulationOptions): SimState {
	const random = createRandom(options.seed ?? 42);
	const organizationId = options.organizationId ?? `org-${random.uuid()}`;
	const users = createUsers(random);
	const churn = checkChurn(options.churnPerMinute ?? 20);
	const start = options.now();
	return {
		random,
		organizationId,
		users,
		handles: new Map([...users.people, users.bot].map(user => [user.id, user.handle])),
		index: createFleetIndex<Device>(),
		namesSeen: new Set<string>(),
		nameNumbers: new Map<string, number>(),
		hung: new Set<Device>(),
		now: options.now,
		start,
		// An empty organization is a fleet too (--demo-size 0); the churn's ratio needs a size of at least 1.
		startSize: Math.max(1, options.size ?? 40),
		churn,
		serial: 0,
		current: start,
		nextStep: start + STEP_MS,
	};
}

/** A new record id, `env-<6 digits>-<4 hex>`, greater than every earlier one. */
export function nextId(state: SimState): string {
	state.serial++;
	// Zero-padded so that ids sort in creation order as plain strings.
	return `env-${String(state.serial).padStart(6, '0')}-${state.random.hex(4)}`;
}

/** The last beat at or before `at` of a device beating from `anchor` (ms). */
export function lastBeat(anchor: number, at: number): number {
	return anchor + Math.floor(Math.max(0, at - anchor) / HEARTBEAT_MS) * HEARTBEAT_MS;
}

export function stateOf(device: Device): DeviceState {
	return device.record.connectionId === null
		? 'offline'
		: device.beatAnchor === null && !device.external
			? 'hung'
			: 'online';
}

/** The record as read at the state's current time: a beating device's heartbeat is worked out here. A copy. */
export function view(state: SimState, device: Device): RawConnection {
	if (device.beatAnchor === null) {
		return {...device.record};
	}

	const beat = lastBeat(device.beatAnchor, state.current);
	return {...device.record, lastHeartbeat: beat, lastSeenAt: Math.max(device.record.lastSeenAt, beat)};
}

export function update(device: Device, patch: Partial<RawConnection>): void {
	device.record = {...device.record, ...patch};
}

export function updateMetadata(device: Device, patch: RawMetadata): void {
	update(device, {metadata: {...device.record.metadata, ...patch}});
}

/** Every record of the device's machine, itself included. */
export function siblings(state: SimState, device: Device): readonly Device[] {
	return state.index.allOfDevice(device.record.deviceId);
}

/** The names taken on the device's machine. */
export function namesOn(state: SimState, device: Device): string[] {
	return siblings(state, device).map(sibling => sibling.record.connectionName);
}

/** The record the platform keys by (organization, deviceId, listenerInstanceId), if the machine has it. */
export function findListener(
	state: SimState,
	deviceId: string,
	listenerInstanceId: string | undefined,
): Device | undefined {
	return state.index.allOfDevice(deviceId).find(device => device.record.listenerInstanceId === listenerInstanceId);
}
