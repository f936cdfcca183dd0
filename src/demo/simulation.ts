/**
 * A simulated Letta fleet that lives on a clock it is handed. It never reads
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
import {BRANCHES, VERSIONS, commandsFor, createUsers, generateDevice, randomMode} from './devices.js';
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
	size?: number;
	now: () => number;
	churnPerMinute?: number;
	organizationId?: string;
};

export type Simulation = {
	/** Moves the fleet to now(); every other method calls it first. */
	advance(): void;
	/** The simulated time of the last advance. */
	time(): number;
	/** The clock the simulation was given, for a server's Date header. */
	clock: () => number;
	size(): number;
	list(): RawConnection[];
	page(query: PageQuery): Page;
	get(deviceId: string): RawConnection | undefined;
	getById(id: string): RawConnection | undefined;
	state(deviceId: string): DeviceState | undefined;
	/** An offline device gets a session; an online one a new session, as reconnect(). */
	connect(deviceId: string): RawConnection;
	disconnect(deviceId: string): RawConnection;
	reconnect(deviceId: string): RawConnection;
	/**
	 * Heartbeats stop. While churn runs the device is dropped 120 s after its
	 * last heartbeat; with churn at 0 it stays stale until heartbeat() or disconnect().
	 */
	hang(deviceId: string): RawConnection;
	/** A heartbeat now; revives a hung device and restarts its 30 s phase. */
	heartbeat(deviceId: string): RawConnection;
	setMode(deviceId: string, mode: string): RawConnection;
	/** null removes the branch, as a device outside a git checkout sends none. */
	setBranch(deviceId: string, branch: string | null): RawConnection;
	setVersion(deviceId: string, version: string): RawConnection;
	/** A new device, online unless `partial.connectionId` is null; its id sorts after every other. */
	addDevice(partial?: Partial<RawConnection>): RawConnection;
	removeDevice(deviceId: string): boolean;
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
	/** What the listener reported over the socket (update_device_status); absent fields stay, a null branch is removed. */
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
	/** A real listener that registered itself: churn leaves it alone and it beats only when it pings. */
	external?: boolean;
};

function lastBeat(anchor: number, at: number): number {
	return anchor + Math.floor(Math.max(0, at - anchor) / HEARTBEAT_MS) * HEARTBEAT_MS;
}

function stateOf(device: Device): DeviceState {
	return device.record.connectionId === null ? 'offline' : device.beatAnchor === null && !device.external ? 'hung' : 'online';
}

/** `source`: "remote" is taken to mean cloud sandboxes, "local" everything else (not confirmed by Letta). */
function matches(record: RawConnection, query: PageQuery): boolean {
	return (!query.onlineOnly || record.connectionId !== null)
		&& (query.source === undefined || record.deviceId.startsWith('sandbox-') === (query.source === 'remote'))
		&& (query.userId === undefined || record.userId === query.userId);
}

function checkChurn(perMinute: number): number {
	if (!Number.isFinite(perMinute) || perMinute < 0) {
		throw new RangeError(`churnPerMinute must be a finite number >= 0, got ${perMinute}`);
	}

	return perMinute;
}

export function createSimulation(options: SimulationOptions): Simulation {
	const random = createRandom(options.seed ?? 42);
	const organizationId = options.organizationId ?? `org-${random.uuid()}`;
	const users = createUsers(random);
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

	/** Every connection-state change goes through here, so `hung` never disagrees with the devices. */
	function transition(device: Device, patch: Partial<RawConnection>, beatAnchor: number | null, fate: Fate | null = null): void {
		update(device, patch);
		device.beatAnchor = beatAnchor;
		device.fate = fate;
		if (fate) {
			hung.add(device);
		} else {
			hung.delete(device);
		}
	}

	function connectAt(device: Device, at: number, samePod = false): void {
		const podId = samePod && device.record.podId !== null ? device.record.podId : `pod-ws-${random.int(1, 8)}`;
		transition(device, {connectionId: `conn-${random.hex(16)}`, podId, connectedAt: at, lastHeartbeat: at, lastSeenAt: at}, at);
	}

	function disconnectAt(device: Device, lastSeenAt: number): void {
		transition(device, {connectionId: null, podId: null, connectedAt: null, lastHeartbeat: null, lastSeenAt}, null);
	}

	function beatAt(device: Device, at: number): void {
		transition(device, {lastHeartbeat: at, lastSeenAt: at}, at);
	}

	function hangAt(device: Device, at: number, fate: (lastHeartbeat: number) => Fate): void {
		const beat = device.beatAnchor === null ? (device.record.lastHeartbeat ?? at) : lastBeat(device.beatAnchor, at);
		transition(device, {lastHeartbeat: beat, lastSeenAt: Math.max(device.record.lastSeenAt, beat)}, null, fate(beat));
	}

	function churnFate(lastHeartbeat: number): Fate {
		return random.chance(0.35)
			? {at: lastHeartbeat + random.int(40_000, 115_000), recovers: true}
			: {at: lastHeartbeat + DROP_AFTER_MS + random.int(0, 5000), recovers: false};
	}

	function createDevice(at: number, firstSeenAt: number, partial: Partial<RawConnection> = {}): Device {
		const base = generateDevice(random, {id: partial.id ?? nextId(), organizationId, users, firstSeenAt});
		const metadata = partial.metadata === undefined ? base.metadata : {...base.metadata, ...partial.metadata};
		const device: Device = {record: {...base, ...partial, metadata}, beatAnchor: null, fate: null};
		index.add(device);
		if (partial.connectionId !== null) {
			connectAt(device, at);
			update(device, {connectionId: partial.connectionId ?? device.record.connectionId, podId: partial.podId ?? device.record.podId});
		}

		return device;
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

	function seedFleet(size: number): void {
		for (let i = 0; i < size; i++) {
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
		}

		// Guarantee what a demo should show, whatever the seed.
		const {items} = index;
		const online = items.find(device => stateOf(device) === 'online');
		if (items.length >= 10 && hung.size === 0 && online) {
			makeStale(online, start);
		}

		const planned = items[Math.min(3, items.length - 1)];
		if (planned && !items.some(device => device.record.currentMode === 'plan')) {
			update(planned, {currentMode: 'plan'});
		}
	}

	function apply(device: Device, event: ChurnEvent, at: number): void {
		const metadata = device.record.metadata ?? {};
		const known = VERSIONS.indexOf(metadata.lettaCodeVersion as (typeof VERSIONS)[number]);
		const newer = known < 0 ? [] : VERSIONS.slice(known + 1);
		if (event === 'upgrade' && newer.length === 0) {
			event = 'branch';
		}

		switch (event) {
			case 'disconnect': return disconnectAt(device, at);
			case 'connect': return connectAt(device, at);
			case 'reconnect': return connectAt(device, at, random.chance(0.5));
			case 'hang': return hangAt(device, at, churnFate);
			case 'mode': return update(device, {currentMode: randomMode(random, device.record.currentMode)});
			case 'branch': return updateMetadata(device, {gitBranch: random.pick(BRANCHES.filter(branch => branch !== metadata.gitBranch))});
			case 'upgrade': {
				const version = random.pick(newer);
				return updateMetadata(device, {lettaCodeVersion: version, supported_commands: commandsFor(version)});
			}

			case 'add': {
				createDevice(at, at, random.chance(0.8) ? {} : {connectionId: null});
				return;
			}

			case 'remove': {
				index.remove(device);
				return;
			}

			case 'none': return;
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

		for (let events = poisson(random, churn * STEP_MS / 60_000); events > 0; events--) {
			if (index.size() === 0) {
				createDevice(at, at);
				continue;
			}

			// A few tries, since a hung device has nothing left to happen to it.
			for (let tries = 0; tries < 4; tries++) {
				const device = random.pick(index.items);
				if (device.external) {
					continue;
				}

				const event = pickChurnEvent(random, stateOf(device));
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

	/** Runs a control action on a known device now, and returns the device as it then reads. */
	function act(deviceId: string, action: (device: Device) => void, needsConnection = ''): RawConnection {
		advance();
		const device = index.byDeviceId(deviceId);
		if (!device) {
			throw new Error(`Unknown device ${deviceId}`);
		}

		if (needsConnection && stateOf(device) === 'offline') {
			throw new Error(`Cannot ${needsConnection} ${deviceId}: it is offline`);
		}

		action(device);
		return view(device);
	}

	function read(find: () => Device | undefined): RawConnection | undefined {
		advance();
		const device = find();
		return device && view(device);
	}

	function lookup<T>(deviceId: string, use: (device: Device) => T): T | undefined {
		advance();
		const device = index.byDeviceId(deviceId);
		return device && use(device);
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

	function registerListener({deviceId, listenerInstanceId, connectionName, metadata}: ListenerRegistration): RawConnection {
		advance();
		const known = index.allOfDevice(deviceId).find(device => device.external && device.record.listenerInstanceId === listenerInstanceId);
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
		const device: Device = {record, beatAnchor: null, fate: null, external: true};
		index.add(device);
		return view(device);
	}

	seedFleet(options.size ?? 40);

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
		state: deviceId => lookup(deviceId, stateOf),
		connect: deviceId => act(deviceId, device => connectAt(device, current)),
		disconnect: deviceId => act(deviceId, device => {
			if (stateOf(device) !== 'offline') {
				disconnectAt(device, current);
			}
		}),
		reconnect: deviceId => act(deviceId, device => connectAt(device, current, random.chance(0.5))),
		hang: deviceId => act(deviceId, device => {
			if (stateOf(device) === 'online') {
				hangAt(device, current, beat => ({at: beat + DROP_AFTER_MS, recovers: false}));
			}
		}, 'hang'),
		heartbeat: deviceId => act(deviceId, device => beatAt(device, current), 'heartbeat'),
		setMode: (deviceId, mode) => act(deviceId, device => update(device, {currentMode: mode})),
		setBranch: (deviceId, branch) => act(deviceId, device => {
			const {gitBranch: _dropped, ...rest} = device.record.metadata ?? {};
			update(device, {metadata: branch === null ? rest : {...rest, gitBranch: branch}});
		}),
		setVersion: (deviceId, version) => act(deviceId, device => updateMetadata(device, {lettaCodeVersion: version, supported_commands: commandsFor(version)})),
		addDevice(partial) {
			advance();
			return view(createDevice(current, current, partial));
		},
		removeDevice: deviceId => lookup(deviceId, device => {
			hung.delete(device);
			return index.remove(device);
		}) ?? false,
		setChurn(perMinute) {
			advance();
			churn = checkChurn(perMinute);
		},
		registerListener,
		listenerOpened: (id, connectionId) => listenerAct(id, device => update(device, {
			connectionId,
			podId: `pod-ws-${random.int(1, 8)}`,
			connectedAt: current,
			lastHeartbeat: current,
			lastSeenAt: current,
		})),
		listenerPinged: id => listenerAct(id, device => update(device, {lastHeartbeat: current, lastSeenAt: current})),
		listenerClosed: id => listenerAct(id, device => update(device, {connectionId: null, podId: null, connectedAt: null, lastHeartbeat: null, lastSeenAt: current})),
		listenerStatus: (id, {workingDirectory, gitBranch, currentMode}) => listenerAct(id, device => {
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
