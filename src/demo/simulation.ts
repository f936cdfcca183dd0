/**
 * A simulated Letta fleet that lives on a clock it is handed. Its records are
 * listeners, as on the platform: one machine (deviceId) may hold several, a
 * renamed listener leaves its old record offline, and a socket blip keeps the
 * session (connectionId) while a re-registration renews it (reference notes). It never reads
 * the real time or sets timers: each read first calls advance(), which replays
 * one-second steps up to now(), so a fake clock drives it exactly and a seed
 * replays the same history however often it is read.
 *
 * Heartbeats are not stepped: a healthy device beats every 30 s from the moment
 * it connected (its own phase), and its lastHeartbeat is worked out when it is
 * read. That keeps a 50 000-device fleet cheap to advance.
 *
 * Records are replaced, never changed in place, so what a caller got stays as
 * it was.
 */
import {pickChurnEvent, poisson, type ChurnEvent} from './churn.js';
import {
	BRANCHES,
	LOCAL_ORGANIZATION_ID,
	VERSIONS,
	commandsFor,
	createUsers,
	generateDevice,
	hostsListeners,
	listenerName,
	localRow,
	namedInstance,
	previousName,
	randomMode,
	renamedName,
	serverInstanceId,
	siblingListener,
} from './devices.js';
import {createFleetIndex} from './fleet-index.js';
import {createRandom} from './random.js';
import type {DeviceState, Page, PageQuery, RawConnection, RawMetadata} from './types.js';

export type {DeviceState, Page, PageQuery, RawConnection, RawMetadata, RawSelfUpdate} from './types.js';

export const HEARTBEAT_MS = 30_000;
/** Without a heartbeat for this long the platform drops a connection. */
export const DROP_AFTER_MS = 120_000;
const STEP_MS = 1000;
/** After a long sleep (a laptop lid), replay at most this much churn rather than every missed step. */
const MAX_CATCH_UP_MS = 60 * 60_000;
const DAY_MS = 86_400_000;

export type SimulationOptions = {
	seed?: number;
	/** Records to start with (listener rows, so somewhat more than machines); 40 by default. */
	size?: number;
	now: () => number;
	churnPerMinute?: number;
	organizationId?: string;
};

/**
 * A listener key: a record `id` (one row), or a deviceId, meaning the first record of that
 * machine (the order rows were added), so callers from the one-row-per-device days keep working.
 */
export type ListenerKey = string;

export type Simulation = {
	/** Moves the fleet to now(); every other method calls it first. */
	advance(): void;
	/** The simulated time of the last advance. */
	time(): number;
	/** The clock the simulation was given, for a server's Date header. */
	clock: () => number;
	/** Records (listener rows), not machines. */
	size(): number;
	list(): RawConnection[];
	page(query: PageQuery): Page;
	/**
	 * The first record of a machine, as GET /v1/environments/{deviceId} answers with one row
	 * (which row the platform picks among several is not documented). Takes a deviceId only.
	 */
	get(deviceId: string): RawConnection | undefined;
	getById(id: string): RawConnection | undefined;
	/** Every record of one machine, in the order they were added; empty when unknown. */
	listeners(deviceId: string): RawConnection[];
	/** 'online' (beating), 'hung' (connected, heartbeats stopped) or 'offline'; undefined for an unknown key. */
	state(key: ListenerKey): DeviceState | undefined;
	/**
	 * The listener registers: an offline one gets a new connectionId, pod and connectedAt; an
	 * online one a new session, as reconnect(). Throws on an unknown key, as every method below.
	 */
	connect(key: ListenerKey): RawConnection;
	/** The socket closes for good (the listener quit): connectionId, podId, connectedAt and lastHeartbeat go null. */
	disconnect(key: ListenerKey): RawConnection;
	/**
	 * A re-registration (the listener restarted, or the platform forgot it and closed with 1008):
	 * a NEW connectionId, connectedAt now, the same or another pod. For a socket that merely
	 * dropped and came back, see blip().
	 */
	reconnect(key: ListenerKey): RawConnection;
	/**
	 * A socket blip: the listener reconnects within moments to the SAME connectionId; connectedAt
	 * and lastHeartbeat become now, and the pod becomes `podId` when given (another platform pod
	 * took the socket). Revives a hung listener. Throws when the listener is offline.
	 */
	blip(key: ListenerKey, podId?: string): RawConnection;
	/**
	 * Heartbeats stop. While churn runs the device is dropped 120 s after its
	 * last heartbeat; with churn at 0 it stays stale until heartbeat() or disconnect().
	 */
	hang(key: ListenerKey): RawConnection;
	/** A heartbeat now; revives a hung device and restarts its 30 s phase. */
	heartbeat(key: ListenerKey): RawConnection;
	setMode(key: ListenerKey, mode: string): RawConnection;
	/** null removes the branch, as a device outside a git checkout sends none. */
	setBranch(key: ListenerKey, branch: string | null): RawConnection;
	setVersion(key: ListenerKey, version: string): RawConnection;
	/**
	 * A new machine with one listener, online unless `partial.connectionId` is null; its id sorts
	 * after every other. A `connectionName` alone brings the instance id it implies. Throws
	 * "Duplicate device" when `partial.deviceId` is taken (use addListener for that).
	 */
	addDevice(partial?: Partial<RawConnection>): RawConnection;
	/**
	 * Another `letta server` listener on an existing machine (a deviceId, or any record id of it):
	 * a new record with the same deviceId, owner and install, its own name (generated unless
	 * given), `server-<16 hex>` instance id, working directory and mode; online (a new
	 * connectionId) unless `partial.connectionId` is null; its id sorts after every other. Throws
	 * when the machine already has a listener with that instance id.
	 */
	addListener(key: ListenerKey, partial?: Partial<RawConnection>): RawConnection;
	/**
	 * The listener restarts as `connectionName`. A `letta server` listener's identity follows its
	 * name, so it lands on a NEW record (new id, instance id, connectionId; online), or on the
	 * machine's old record of that name if one is left; the record it leaves goes offline and
	 * stays listed. A desktop app or local row keeps its record and only changes its name.
	 * Returns the record that now carries the listener.
	 */
	rename(key: ListenerKey, connectionName: string): RawConnection;
	/**
	 * Drops one record, as when an offline record ages out; false when unknown. With a deviceId, the machine's first
	 * record.
	 */
	removeDevice(key: ListenerKey): boolean;
	/** Random events a minute over the whole fleet; 0 freezes it but for heartbeats. */
	setChurn(perMinute: number): void;
	/**
	 * A real listener registers (POST /v1/environments/register). The platform's identity of a
	 * listener is (deviceId, listenerInstanceId): the same pair again gets its record back with
	 * the new name and metadata merged over the old (what arrived over the socket stays); a new
	 * pair gets a new offline record whose id sorts after every other. Such records are never
	 * touched by churn and never beat on their own: they change only through the listener* methods.
	 */
	registerListener(registration: ListenerRegistration): RawConnection;
	/**
	 * Its socket opened on `connectionId`: online, connectedAt = lastHeartbeat = now, on some pod.
	 * Again on the same connectionId (a blip) keeps the connectionId and moves connectedAt.
	 * Throws on an unknown record id, or one that is not a registered listener, as do the three below.
	 */
	listenerOpened(id: string, connectionId: string): RawConnection;
	/** A `{"type":"ping"}`: the listener's heartbeat, lastHeartbeat = lastSeenAt = now. */
	listenerPinged(id: string): RawConnection;
	/** Its socket closed: offline (connectionId, podId, connectedAt, lastHeartbeat null), still listed. */
	listenerClosed(id: string): RawConnection;
	/**
	 * What the listener reported over the socket (update_device_status); absent fields stay, a null branch is removed.
	 */
	listenerStatus(id: string, status: ListenerStatus): RawConnection;
};

/** The body of POST /v1/environments/register, as checked by the route. */
export type ListenerRegistration = {
	deviceId: string;
	/** Older listeners send none; then deviceId alone is the identity. */
	listenerInstanceId?: string;
	connectionName: string;
	metadata: RawMetadata;
};

/** The device status a listener reports over its socket, in the record's terms. */
export type ListenerStatus = {
	workingDirectory?: string;
	/** null: not in a git checkout. */
	gitBranch?: string | null;
	currentMode?: string;
};

type Fate = {at: number; recovers: boolean};

type Device = {
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

function lastBeat(anchor: number, at: number): number {
	return anchor + Math.floor(Math.max(0, at - anchor) / HEARTBEAT_MS) * HEARTBEAT_MS;
}

function stateOf(device: Device): DeviceState {
	return device.record.connectionId === null
		? 'offline'
		: device.beatAnchor === null && !device.external
			? 'hung'
			: 'online';
}

/** `source`: "remote" is taken to mean cloud sandboxes, "local" everything else (not confirmed by Letta). */
function matches(record: RawConnection, query: PageQuery): boolean {
	return (
		(!query.onlineOnly || record.connectionId !== null) &&
		(query.source === undefined || record.deviceId.startsWith('sandbox-') === (query.source === 'remote')) &&
		(query.userId === undefined || record.userId === query.userId)
	);
}

function checkChurn(perMinute: number): number {
	if (!Number.isFinite(perMinute) || perMinute < 0) {
		throw new RangeError(`churnPerMinute must be a finite number >= 0, got ${perMinute}`);
	}

	return perMinute;
}

const OFFLINE_SHAPE = {connectionId: null, podId: null, connectedAt: null, lastHeartbeat: null} as const;

export function createSimulation(options: SimulationOptions): Simulation {
	const random = createRandom(options.seed ?? 42);
	const organizationId = options.organizationId ?? `org-${random.uuid()}`;
	const users = createUsers(random);
	const handles = new Map([...users.people, users.bot].map(user => [user.id, user.handle]));
	const index = createFleetIndex<Device>();
	const hung = new Set<Device>();
	let churn = checkChurn(options.churnPerMinute ?? 20);
	let serial = 0;
	const start = options.now();
	let current = start;
	let nextStep = start + STEP_MS;

	function nextId(): string {
		serial++;
		// Zero-padded so that ids sort in creation order as plain strings.
		return `env-${String(serial).padStart(6, '0')}-${random.hex(4)}`;
	}

	function view(device: Device): RawConnection {
		if (device.beatAnchor === null) {
			return {...device.record};
		}

		const beat = lastBeat(device.beatAnchor, current);
		return {...device.record, lastHeartbeat: beat, lastSeenAt: Math.max(device.record.lastSeenAt, beat)};
	}

	function update(device: Device, patch: Partial<RawConnection>): void {
		device.record = {...device.record, ...patch};
	}

	function updateMetadata(device: Device, patch: RawMetadata): void {
		update(device, {metadata: {...device.record.metadata, ...patch}});
	}

	function siblings(device: Device): readonly Device[] {
		return index.allOfDevice(device.record.deviceId);
	}

	function namesOn(device: Device): string[] {
		return siblings(device).map(sibling => sibling.record.connectionName);
	}

	/** The record the platform keys by (organization, deviceId, listenerInstanceId), if the machine has it. */
	function findListener(deviceId: string, listenerInstanceId: string | undefined): Device | undefined {
		return index.allOfDevice(deviceId).find(device => device.record.listenerInstanceId === listenerInstanceId);
	}

	/** Every connection-state change goes through here, so `hung` never disagrees with the devices. */
	function transition(
		device: Device,
		patch: Partial<RawConnection>,
		beatAnchor: number | null,
		fate: Fate | null = null,
	): void {
		update(device, patch);
		device.beatAnchor = beatAnchor;
		device.fate = fate;
		if (fate) {
			hung.add(device);
		} else {
			hung.delete(device);
		}
	}

	/** A registration: a new session. A local proxy's row has no platform pod and a fixed connection id. */
	function connectAt(device: Device, at: number, samePod = false): void {
		const {deviceId, organizationId: org, podId: pod} = device.record;
		const local = org === LOCAL_ORGANIZATION_ID;
		const connectionId = local ? `local-${deviceId}` : `conn-${random.hex(16)}`;
		const podId = local ? null : samePod && pod !== null ? pod : `pod-ws-${random.int(1, 8)}`;
		transition(device, {connectionId, podId, connectedAt: at, lastHeartbeat: at, lastSeenAt: at}, at);
	}

	/** The socket comes back to the same session: only connectedAt, the heartbeat phase and maybe the pod move. */
	function blipAt(device: Device, at: number, podId = device.record.podId): void {
		transition(device, {podId, connectedAt: at, lastHeartbeat: at, lastSeenAt: at}, at);
	}

	function disconnectAt(device: Device, lastSeenAt: number): void {
		transition(device, {...OFFLINE_SHAPE, lastSeenAt}, null);
	}

	function beatAt(device: Device, at: number): void {
		transition(device, {lastHeartbeat: at, lastSeenAt: at}, at);
	}

	function hangAt(device: Device, at: number, fate: (lastHeartbeat: number) => Fate): void {
		const beat = device.beatAnchor === null ? (device.record.lastHeartbeat ?? at) : lastBeat(device.beatAnchor, at);
		transition(
			device,
			{lastHeartbeat: beat, lastSeenAt: Math.max(device.record.lastSeenAt, beat)},
			null,
			fate(beat),
		);
	}

	function churnFate(lastHeartbeat: number): Fate {
		return random.chance(0.35)
			? {at: lastHeartbeat + random.int(40_000, 115_000), recovers: true}
			: {at: lastHeartbeat + DROP_AFTER_MS + random.int(0, 5000), recovers: false};
	}

	/**
	 * Indexes a record given in its offline shape, with `partial` over it, and connects it unless
	 * `partial.connectionId` is null.
	 */
	function place(base: RawConnection, partial: Partial<RawConnection>, at: number, churns = true): Device {
		const metadata = partial.metadata === undefined ? base.metadata : {...base.metadata, ...partial.metadata};
		const device: Device = {record: {...base, ...partial, metadata}, beatAnchor: null, fate: null, churns};
		index.add(device);
		if (partial.connectionId !== null) {
			connectAt(device, at);
			update(device, {
				connectionId: partial.connectionId ?? device.record.connectionId,
				podId: partial.podId ?? device.record.podId,
			});
		}

		return device;
	}

	/** A new machine and its first listener. */
	function createDevice(at: number, firstSeenAt: number, partial: Partial<RawConnection> = {}): Device {
		const base = generateDevice(random, {id: partial.id ?? nextId(), organizationId, users, firstSeenAt});
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

		return place(base, partial, at);
	}

	/** Another `letta server` on the machine of `machine`, given in its offline shape unless connected by `partial`. */
	function addListenerAt(
		machine: Device,
		at: number,
		firstSeenAt: number,
		partial: Partial<RawConnection> = {},
	): Device {
		const {deviceId} = machine.record;
		const connectionName =
			partial.connectionName ?? listenerName(random, machine.record.connectionName, namesOn(machine));
		const base = siblingListener(random, machine.record, {id: partial.id ?? nextId(), connectionName, firstSeenAt});
		const instance = partial.listenerInstanceId ?? base.listenerInstanceId;
		if (findListener(deviceId, instance)) {
			throw new Error(`Device ${deviceId} already has a listener ${instance} ("${connectionName}")`);
		}

		return place(base, {...partial, deviceId}, at, machine.churns);
	}

	function renameAt(device: Device, at: number, connectionName: string): Device {
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
		const returning = findListener(device.record.deviceId, listenerInstanceId);
		// The process quits (the platform sees the socket close) and registers under its new name.
		if (stateOf(device) !== 'offline') {
			disconnectAt(device, at);
		}

		let target: Device;
		if (returning) {
			update(returning, {...carried, connectionName, listenerInstanceId});
			target = returning;
		} else {
			const record: RawConnection = {
				...carried,
				...OFFLINE_SHAPE,
				id: nextId(),
				connectionName,
				listenerInstanceId,
				firstSeenAt: at,
				lastSeenAt: at,
			};
			target = place(record, {connectionId: null}, at, device.churns);
		}

		connectAt(target, at);
		return target;
	}

	function makeStale(device: Device, at: number): void {
		const lastHeartbeat = at - random.int(80_000, 110_000);
		connectAt(device, Math.max(device.record.firstSeenAt, lastHeartbeat - random.int(60_000, 2 * DAY_MS)));
		// Its last beat lands exactly on lastHeartbeat; it recovers or is dropped within the first minute.
		device.beatAnchor = lastHeartbeat;
		hangAt(device, lastHeartbeat, beat => {
			const fate = churnFate(beat);
			return {...fate, at: Math.max(fate.at, at + STEP_MS)};
		});
	}

	/**
	 * The record `current` was renamed from, in its offline shape: the old name and instance id,
	 * last seen just before the rename, at least a day ago; `current` is first seen at the rename.
	 */
	function renamedFrom(current: Device, id: string): RawConnection {
		const renamedAt =
			current.record.firstSeenAt <= start - DAY_MS
				? current.record.firstSeenAt
				: start - random.int(DAY_MS, 10 * DAY_MS);
		update(current, {firstSeenAt: renamedAt});
		const connectionName = previousName(
			random,
			current.record,
			handles.get(current.record.userId ?? ''),
			namesOn(current),
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

	/** Gives a record (same id) another deviceId, so the index must file it again. Seeding only. */
	function rekey(device: Device, record: RawConnection): void {
		index.remove(device);
		device.record = record;
		index.add(device);
	}

	function seedMachine(): Device {
		const firstSeenAt = start - random.int(60 * 60_000, 60 * DAY_MS);
		const device = createDevice(start, firstSeenAt, {connectionId: null});
		const roll = random.next();
		if (roll < 0.66) {
			connectAt(device, Math.max(firstSeenAt, start - random.int(60_000, 3 * DAY_MS)));
		} else if (roll < 0.72) {
			makeStale(device, start);
		} else {
			update(device, {lastSeenAt: Math.max(firstSeenAt, start - random.int(5 * 60_000, 10 * DAY_MS))});
		}

		return device;
	}

	/** A further listener, mostly online when its machine is. */
	function seedListener(machine: Device): void {
		const firstSeenAt = random.int(machine.record.firstSeenAt, start - 60_000);
		const device = addListenerAt(machine, start, firstSeenAt, {connectionId: null});
		if (random.chance(stateOf(machine) === 'offline' ? 0.3 : 0.8)) {
			connectAt(device, Math.max(firstSeenAt, start - random.int(60_000, 3 * DAY_MS)));
		} else {
			update(device, {lastSeenAt: Math.max(firstSeenAt, start - random.int(5 * 60_000, 10 * DAY_MS))});
		}
	}

	function seedLocal(deviceId: '__letta_cloud__' | 'local'): void {
		const firstSeenAt = start - random.int(60 * 60_000, 7 * DAY_MS);
		const device = place(
			localRow(deviceId, {id: nextId(), firstSeenAt, user: users.people[0]!}),
			{connectionId: null},
			start,
			false,
		);
		// The Cloud row reads as connected; the `local` placeholder stands for no registered device.
		if (deviceId === '__letta_cloud__') {
			connectAt(device, Math.max(firstSeenAt, start - random.int(60_000, DAY_MS)));
		}
	}

	/**
	 * `size` records: machines with one listener mostly, about one in twelve with two or three
	 * (the extras registered later, so their ids come later), one in twenty with a renamed
	 * listener's old record (registered earlier, so its id comes first), and, from 10 records up,
	 * one or two rows of a Desktop app's local proxy. Then what a demo must show, whatever the seed.
	 */
	function seedFleet(size: number): void {
		const locals = size >= 10 ? (random.chance(0.5) ? 2 : 1) : 0;
		const target = size - locals;
		const waiting: Device[] = [];
		while (index.size() < target) {
			if (waiting.length > 0 && random.chance(0.3)) {
				const at = random.int(0, waiting.length - 1);
				const machine = waiting[at]!;
				waiting[at] = waiting.at(-1)!;
				waiting.pop();
				seedListener(machine);
				continue;
			}

			const leftoverId = index.size() + 2 <= target && random.chance(0.05) ? nextId() : undefined;
			const device = seedMachine();
			if (!hostsListeners(device.record)) {
				continue;
			}

			if (leftoverId !== undefined) {
				place(renamedFrom(device, leftoverId), {connectionId: null}, start);
			}

			if (random.chance(0.08)) {
				waiting.push(device);
				if (random.chance(0.15)) {
					waiting.push(device);
				}
			}
		}

		for (let i = 0; i < locals; i++) {
			seedLocal(i === 0 ? '__letta_cloud__' : 'local');
		}

		guarantee();
	}

	function isLeftover(device: Device): boolean {
		const {lastSeenAt} = device.record;
		return (
			stateOf(device) === 'offline' &&
			namedInstance(device.record) &&
			lastSeenAt <= start - DAY_MS &&
			siblings(device).some(sibling => sibling.record.firstSeenAt >= lastSeenAt)
		);
	}

	function hasDuplicateName(): boolean {
		const machineOf = new Map<string, string>();
		for (const {record} of index.items) {
			const seen = machineOf.get(record.connectionName);
			if (seen === undefined) {
				machineOf.set(record.connectionName, record.deviceId);
			} else if (seen !== record.deviceId) {
				return true;
			}
		}

		return false;
	}

	/** Reshapes a few single-listener machines where the dice left something out. O(n), once. */
	function guarantee(): void {
		const {items} = index;
		const online = (device: Device) => stateOf(device) === 'online';
		const offline = (device: Device) => stateOf(device) === 'offline';
		const plain = (device: Device) =>
			device.churns && hostsListeners(device.record) && siblings(device).length === 1;
		if (items.length >= 10) {
			if (hung.size === 0) {
				const device = items.find(device => plain(device) && online(device));
				if (device) {
					makeStale(device, start);
				}
			}

			if (!items.some(device => online(device) && siblings(device).filter(online).length >= 2)) {
				const [machine, other] = items.filter(device => plain(device) && online(device));
				if (machine && other) {
					const {id, connectionId, podId, connectedAt, lastHeartbeat, firstSeenAt, lastSeenAt} = other.record;
					const connectionName = listenerName(random, machine.record.connectionName, namesOn(machine));
					const shape = siblingListener(random, machine.record, {id, connectionName, firstSeenAt});
					rekey(other, {...shape, connectionId, podId, connectedAt, lastHeartbeat, lastSeenAt});
				}
			}

			if (!items.some(isLeftover)) {
				const current = items.find(device => plain(device) && online(device));
				const old = items.find(device => plain(device) && offline(device));
				if (current && old) {
					rekey(old, renamedFrom(current, old.record.id));
				}
			}

			if (!hasDuplicateName()) {
				const first = items.find(device => plain(device) && online(device));
				const second = items.find(device => plain(device) && offline(device));
				if (first && second) {
					const {connectionName} = first.record;
					update(second, {connectionName, listenerInstanceId: serverInstanceId(connectionName)});
				}
			}

			if (!items.some(device => device.record.currentMode === 'fullAccess')) {
				const device = items.find(
					(device, at) => at >= 5 && device.churns && device.record.currentMode !== 'plan',
				);
				if (device) {
					update(device, {currentMode: 'fullAccess'});
				}
			}
		}

		if (!items.some(device => device.record.currentMode === 'plan')) {
			const device = items.find(
				(device, at) =>
					at >= Math.min(3, items.length - 1) && device.churns && device.record.currentMode !== 'fullAccess',
			);
			if (device) {
				update(device, {currentMode: 'plan'});
			}
		}
	}

	function apply(device: Device, event: ChurnEvent, at: number): void {
		const metadata = device.record.metadata ?? {};
		const known = VERSIONS.indexOf(metadata.lettaCodeVersion as (typeof VERSIONS)[number]);
		const newer = known < 0 ? [] : VERSIONS.slice(known + 1);
		if (event === 'upgrade' && newer.length === 0) {
			event = 'branch';
		}

		// A desktop app, a sandbox or a crowded machine runs no further listener; only a named listener's identity
		// moves with a rename.
		if (
			(event === 'add-listener' && (!hostsListeners(device.record) || siblings(device).length >= 4)) ||
			(event === 'rename' && !namedInstance(device.record))
		) {
			event = 'mode';
		}

		switch (event) {
			case 'disconnect':
				return disconnectAt(device, at);
			case 'connect':
				return connectAt(device, at);
			case 'blip':
				return blipAt(device, at, random.chance(0.3) ? `pod-ws-${random.int(1, 8)}` : undefined);
			case 'reconnect':
				return connectAt(device, at, random.chance(0.5));
			case 'hang':
				return hangAt(device, at, churnFate);
			case 'mode':
				return update(device, {currentMode: randomMode(random, device.record.currentMode)});
			case 'branch':
				return updateMetadata(device, {
					gitBranch: random.pick(BRANCHES.filter(branch => branch !== metadata.gitBranch)),
				});
			case 'upgrade': {
				const version = random.pick(newer);
				return updateMetadata(device, {lettaCodeVersion: version, supported_commands: commandsFor(version)});
			}

			case 'add': {
				createDevice(at, at, random.chance(0.8) ? {} : {connectionId: null});
				return;
			}

			case 'add-listener': {
				addListenerAt(device, at, at);
				return;
			}

			case 'rename': {
				renameAt(
					device,
					at,
					renamedName(random, device.record, handles.get(device.record.userId ?? ''), namesOn(device)),
				);
				return;
			}

			case 'remove': {
				index.remove(device);
				return;
			}

			case 'none':
				return;
		}
	}

	function step(at: number): void {
		for (const device of [...hung]) {
			if (device.fate && device.fate.at <= at) {
				if (device.fate.recovers) {
					beatAt(device, at);
				} else {
					disconnectAt(device, device.record.lastHeartbeat ?? at);
				}
			}
		}

		for (let events = poisson(random, (churn * STEP_MS) / 60_000); events > 0; events--) {
			if (index.size() === 0) {
				createDevice(at, at);
				continue;
			}

			// A few tries, since a hung device has nothing left to happen to it, nor a local proxy's row.
			for (let tries = 0; tries < 4; tries++) {
				const device = random.pick(index.items);
				const event = device.churns
					? pickChurnEvent(random, stateOf(device), index.size() / startSize)
					: 'none';
				if (event !== 'none') {
					apply(device, event, at);
					break;
				}
			}
		}
	}

	function advance(): void {
		const now = options.now();
		if (!(now > current)) {
			return;
		}

		if (now - nextStep > MAX_CATCH_UP_MS) {
			nextStep += Math.floor((now - MAX_CATCH_UP_MS - nextStep) / STEP_MS) * STEP_MS;
		}

		for (; nextStep <= now; nextStep += STEP_MS) {
			// Churn 0 freezes hung devices too: a still fleet changes only by heartbeats.
			if (churn > 0) {
				step(nextStep);
			}
		}

		current = now;
	}

	/** A record by id, else the first record of a machine. */
	function find(key: ListenerKey): Device | undefined {
		return index.byId(key) ?? index.byDeviceId(key);
	}

	function known(key: ListenerKey): Device {
		const device = find(key);
		if (!device) {
			throw new Error(`Unknown device or record ${key}`);
		}

		return device;
	}

	/** Runs a control action on a known record now, and returns the record it names as it then reads. */
	function act(key: ListenerKey, action: (device: Device) => Device | void, needsConnection = ''): RawConnection {
		advance();
		const device = known(key);
		if (needsConnection && stateOf(device) === 'offline') {
			throw new Error(`Cannot ${needsConnection} ${key}: it is offline`);
		}

		return view(action(device) ?? device);
	}

	function read(find: () => Device | undefined): RawConnection | undefined {
		advance();
		const device = find();
		return device && view(device);
	}

	function listenerAct(id: string, action: (device: Device) => void): RawConnection {
		advance();
		const device = index.byId(id);
		if (!device?.external) {
			throw new Error(`Unknown listener record ${id}`);
		}

		action(device);
		return view(device);
	}

	function registerListener({
		deviceId,
		listenerInstanceId,
		connectionName,
		metadata,
	}: ListenerRegistration): RawConnection {
		advance();
		const known = index
			.allOfDevice(deviceId)
			.find(device => device.external && device.record.listenerInstanceId === listenerInstanceId);
		if (known) {
			update(known, {connectionName, metadata: {...known.record.metadata, ...metadata}});
			return view(known);
		}

		// The demo key belongs to one person, so every listener it registers is theirs.
		const owner = users.people[0]?.id;
		const record: RawConnection = {
			id: nextId(),
			deviceId,
			connectionId: null,
			...(listenerInstanceId === undefined ? {} : {listenerInstanceId}),
			connectionName,
			organizationId,
			podId: null,
			connectedAt: null,
			lastHeartbeat: null,
			firstSeenAt: current,
			lastSeenAt: current,
			...(owner === undefined ? {} : {apiKeyOwner: owner, userId: owner}),
			metadata: {...metadata},
		};
		const device: Device = {record, beatAnchor: null, fate: null, churns: false, external: true};
		index.add(device);
		return view(device);
	}

	// An empty organization is a fleet too (--demo-size 0); the churn's ratio needs a size of at least 1.
	const startSize = Math.max(1, options.size ?? 40);
	seedFleet(Math.max(0, options.size ?? 40));

	return {
		advance,
		time: () => current,
		clock: options.now,
		size() {
			advance();
			return index.size();
		},
		list() {
			advance();
			return index.items.map(view);
		},
		page(query) {
			advance();
			const {items} = index;
			const connections: RawConnection[] = [];
			for (let i = query.after === undefined ? 0 : index.startAfter(query.after); i < items.length; i++) {
				const device = items[i] as Device;
				if (!matches(device.record, query)) {
					continue;
				}

				if (connections.length >= query.limit) {
					return {connections, hasNextPage: true};
				}

				connections.push(view(device));
			}

			return {connections, hasNextPage: false};
		},
		get: deviceId => read(() => index.byDeviceId(deviceId)),
		getById: id => read(() => index.byId(id)),
		listeners(deviceId) {
			advance();
			return index.allOfDevice(deviceId).map(view);
		},
		state(key) {
			advance();
			const device = find(key);
			return device && stateOf(device);
		},
		connect: key => act(key, device => connectAt(device, current)),
		disconnect: key =>
			act(key, device => {
				if (stateOf(device) !== 'offline') {
					disconnectAt(device, current);
				}
			}),
		reconnect: key => act(key, device => connectAt(device, current, random.chance(0.5))),
		blip: (key, podId) => act(key, device => blipAt(device, current, podId), 'blip'),
		hang: key =>
			act(
				key,
				device => {
					if (stateOf(device) === 'online') {
						hangAt(device, current, beat => ({at: beat + DROP_AFTER_MS, recovers: false}));
					}
				},
				'hang',
			),
		heartbeat: key => act(key, device => beatAt(device, current), 'heartbeat'),
		setMode: (key, mode) => act(key, device => update(device, {currentMode: mode})),
		setBranch: (key, branch) =>
			act(key, device => {
				const {gitBranch: _dropped, ...rest} = device.record.metadata ?? {};
				update(device, {metadata: branch === null ? rest : {...rest, gitBranch: branch}});
			}),
		setVersion: (key, version) =>
			act(key, device =>
				updateMetadata(device, {lettaCodeVersion: version, supported_commands: commandsFor(version)}),
			),
		addDevice(partial) {
			advance();
			if (partial?.deviceId !== undefined && index.byDeviceId(partial.deviceId)) {
				throw new Error(
					`Duplicate device ${partial.deviceId}: addListener() adds another listener to a machine`,
				);
			}

			return view(createDevice(current, current, partial));
		},
		addListener: (key, partial) => act(key, machine => addListenerAt(machine, current, current, partial)),
		rename: (key, connectionName) => act(key, device => renameAt(device, current, connectionName)),
		removeDevice(key) {
			advance();
			const device = find(key);
			if (!device) {
				return false;
			}

			hung.delete(device);
			return index.remove(device);
		},
		setChurn(perMinute) {
			advance();
			churn = checkChurn(perMinute);
		},
		registerListener,
		listenerOpened: (id, connectionId) =>
			listenerAct(id, device =>
				update(device, {
					connectionId,
					podId: `pod-ws-${random.int(1, 8)}`,
					connectedAt: current,
					lastHeartbeat: current,
					lastSeenAt: current,
				}),
			),
		listenerPinged: id => listenerAct(id, device => update(device, {lastHeartbeat: current, lastSeenAt: current})),
		listenerClosed: id =>
			listenerAct(id, device =>
				update(device, {
					connectionId: null,
					podId: null,
					connectedAt: null,
					lastHeartbeat: null,
					lastSeenAt: current,
				}),
			),
		listenerStatus: (id, {workingDirectory, gitBranch, currentMode}) =>
			listenerAct(id, device => {
				const {gitBranch: _replaced, ...rest} = device.record.metadata ?? {};
				const metadata: RawMetadata = {...rest};
				const branch = gitBranch === undefined ? device.record.metadata?.gitBranch : gitBranch;
				if (typeof branch === 'string') {
					metadata.gitBranch = branch;
				}

				if (workingDirectory !== undefined) {
					metadata.workingDirectory = workingDirectory;
				}

				update(device, currentMode === undefined ? {metadata} : {metadata, currentMode});
			}),
	};
}
