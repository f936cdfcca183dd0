/**
 * The simulation as its callers see it: the demo server's routes, the listener registry, tests and
 * the bench. The parts in this folder each build one slice of `Simulation`; `../simulation.ts`
 * puts them together.
 */
import type {DeviceState, Page, PageQuery, RawConnection, RawMetadata} from '../types.js';

export type SimulationOptions = {
	/** The PRNG's seed (a 32-bit integer); 42 by default. The same seed replays the same fleet and churn. */
	seed?: number;
	/** Records to start with (listener rows, so somewhat more than machines); 40 by default. */
	size?: number;
	/** The clock, in epoch ms; the simulation never reads the real time. */
	now: () => number;
	/** Random events a minute over the whole fleet; 20 by default. A RangeError when negative or not finite. */
	churnPerMinute?: number;
	/** The organization every generated record belongs to; `org-<uuid>` from the seed by default. */
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
	/** The simulated time of the last advance, in epoch ms. */
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
