/**
 * The one owner of fleet state. Pure: every action carries its own time, so
 * the same actions always give the same state, and tests run on fake time.
 * Everything it keeps is bounded: the event log is a ring, per-device history
 * is capped (per device and across the fleet), marks fade and tombstones expire.
 */
import {diffSnapshots} from './diff.js';
import {
	EMPTY_HEARTBEAT_LOG,
	forgetDevices,
	type HeartbeatLog,
	heartbeatAgesOf,
	recordHeartbeats,
} from './heartbeat-log.js';
import {DEFAULT_LINGER_MS, DEFAULT_STALE_AFTER_MS} from './defaults.js';
import {serverTime} from './status.js';
import {countOnline, type OnlineSeries, recordOnline} from './online-series.js';
import type {Connection} from '../api/connection.js';
import type {PassProgress} from './fetch-fleet.js';
import {passAfterPage, type PassState} from './pass-progress.js';
import type {FleetEvent, FleetEventType, Snapshot, WatchedField} from './types.js';

export type FleetSettings = {
	staleAfterMs: number;
	/** How long a removed device stays as a tombstone and a change stays marked. */
	lingerMs: number;
	maxEvents: number;
	/** Events kept a device, for its detail pane. */
	maxDeviceEvents: number;
	/**
	 * Events kept across every device's log: past it the fleet's oldest go first, so a churning fleet's memory stays
	 * flat.
	 */
	maxDeviceEventsTotal: number;
	maxHeartbeatSamples: number;
	maxSessions: number;
};

export const DEFAULT_FLEET_SETTINGS: FleetSettings = {
	staleAfterMs: DEFAULT_STALE_AFTER_MS,
	lingerMs: DEFAULT_LINGER_MS,
	maxEvents: 500,
	maxDeviceEvents: 50,
	// What the view holds, not what the pane shows: the pane reads a listener's older events from the history file
	// (fleet/device-events.ts). At 10 000 listeners a larger budget took the first half hour of churn to fill, and
	// memory grew all that while (docs/performance.md, "Memory at 10 000 in the first half hour"); 1 000 fill in
	// minutes there, and hold days of a small fleet's changes.
	maxDeviceEventsTotal: 1000,
	maxHeartbeatSamples: 40,
	maxSessions: 10,
};

export type PollError = {
	kind: string;
	/** One printable line: status, errorCode, message and hint. */
	message: string;
	status?: number;
	errorCode?: string;
	at: number;
};

export type PollHealth = {
	lastSuccessAt: number | null;
	consecutiveFailures: number;
	lastError: PollError | null;
	nextAttemptAt: number | null;
	paused: boolean;
	/** Polling stopped on an error that waiting cannot fix (a rejected key, a wrong URL). */
	halted: boolean;
	/** When the current run of failures began (null while healthy). */
	failingSince: number | null;
	/** The last time polling came back after failures, to announce it. */
	/** `errorCode`: that of the last failure, so a renewed login is not announced as the API coming back. */
	lastRecovery: {at: number; failures: number; downMs: number; errorCode: string | null} | null;
};

/** What just happened to a row, shown until it fades: the event and the fields whose cells to underline. */
export type Mark = {at: number; type: FleetEventType; fields: WatchedField[]};
export type Tombstone = {connection: Connection; since: number};
export type Session = {connectionId: string; podId: string | null; connectedAt: number | null};
/** What happened to one device: written only when something does, so a quiet poll costs nothing here. */
export type DeviceLog = {
	events: FleetEvent[];
	sessions: Session[];
};
/** What the detail pane shows of a device: its events oldest first, its sessions, its heartbeat ages. */
export type DeviceHistory = {
	events: readonly FleetEvent[];
	sessions: readonly Session[];
	/** Heartbeat age at each successful poll, oldest first (null: no heartbeat). */
	heartbeatAges: Array<number | null>;
};

export type FleetState = {
	settings: FleetSettings;
	snapshot: Snapshot | null;
	/** Events of the most recent diff only. */
	lastEvents: FleetEvent[];
	/** Every event seen, oldest first, at most settings.maxEvents. */
	events: FleetEvent[];
	eventsSeen: number;
	marks: ReadonlyMap<string, Mark>;
	tombstones: ReadonlyMap<string, Tombstone>;
	/** Events and sessions of devices that had any; read a device's whole history with deviceHistory. */
	deviceLogs: ReadonlyMap<string, DeviceLog>;
	/** Events held in deviceLogs, all devices together. */
	deviceEventCount: number;
	heartbeats: HeartbeatLog;
	/** The online count, minute by minute, over the last hour (online-series.ts). */
	onlineSeries: OnlineSeries;
	health: PollHealth;
	/** A pass under way, once a page of it came (pass-progress.ts); null between passes. Never in a diff. */
	pass: PassState | null;
};

export type FleetAction =
	| {type: 'poll-succeeded'; snapshot: Snapshot}
	/** A page of a pass came, at `at` (epoch ms); the pass goes on (see fetch-fleet.ts PassProgress). */
	| {type: 'poll-progress'; progress: PassProgress; at: number}
	| {type: 'poll-failed'; error: PollError; nextAttemptAt: number | null; halted: boolean}
	| {type: 'paused'; paused: boolean; at: number}
	| {type: 'tick'; now: number};

export function initialFleetState(settings: Partial<FleetSettings> = {}): FleetState {
	return {
		settings: {...DEFAULT_FLEET_SETTINGS, ...settings},
		snapshot: null,
		lastEvents: [],
		events: [],
		eventsSeen: 0,
		marks: new Map(),
		tombstones: new Map(),
		deviceLogs: new Map(),
		deviceEventCount: 0,
		heartbeats: EMPTY_HEARTBEAT_LOG,
		onlineSeries: [],
		health: {
			lastSuccessAt: null,
			consecutiveFailures: 0,
			lastError: null,
			nextAttemptAt: null,
			paused: false,
			halted: false,
			failingSince: null,
			lastRecovery: null,
		},
		pass: null,
	};
}

export function fleetReducer(state: FleetState, action: FleetAction): FleetState {
	switch (action.type) {
		case 'poll-succeeded': {
			return applySnapshot(state, action.snapshot);
		}

		case 'poll-progress': {
			return {...state, pass: passAfterPage(action.progress, action.at, state.snapshot)};
		}

		case 'poll-failed': {
			return {
				...state,
				// A failed pass's rows go with it: only a complete pass is more than progress.
				pass: null,
				health: {
					...state.health,
					consecutiveFailures: state.health.consecutiveFailures + 1,
					lastError: action.error,
					nextAttemptAt: action.nextAttemptAt,
					halted: action.halted,
					failingSince: state.health.failingSince ?? action.error.at,
				},
			};
		}

		case 'paused': {
			return {...state, health: {...state.health, paused: action.paused}};
		}

		case 'tick': {
			return expire(state, action.now);
		}
	}
}

function applySnapshot(state: FleetState, snapshot: Snapshot): FleetState {
	const {settings} = state;
	const now = snapshot.fetchedAt;
	const events = state.snapshot ? diffSnapshots(state.snapshot, snapshot, settings.staleAfterMs) : [];
	const {marks, tombstones} = events.length === 0 ? state : markEvents(state, events, now);
	const serverNow = serverTime(snapshot, now);
	return expire(
		{
			...state,
			snapshot,
			pass: null,
			lastEvents: events,
			events: events.length === 0 ? state.events : appendAllBounded(state.events, events, settings.maxEvents),
			eventsSeen: state.eventsSeen + events.length,
			marks,
			tombstones,
			...logEvents(state, snapshot, events),
			onlineSeries: recordOnline(
				state.onlineSeries,
				now,
				countOnline(snapshot.connections, serverNow, settings.staleAfterMs),
			),
			heartbeats: recordHeartbeats(
				state.heartbeats,
				snapshot.connections,
				serverNow,
				settings.maxHeartbeatSamples,
			),

			health: {
				...state.health,
				lastSuccessAt: now,
				consecutiveFailures: 0,
				lastError: null,
				nextAttemptAt: null,
				halted: false,
				failingSince: null,
				lastRecovery:
					state.health.failingSince === null
						? state.health.lastRecovery
						: {
								at: now,
								failures: state.health.consecutiveFailures,
								downMs: now - state.health.failingSince,
								errorCode: state.health.lastError?.errorCode ?? null,
							},
			},
		},
		now,
	);
}

/** Marks each device an event touched; a removed device becomes a tombstone, a listed one stops being one. */
function markEvents(state: FleetState, events: FleetEvent[], now: number): Pick<FleetState, 'marks' | 'tombstones'> {
	const {lingerMs} = state.settings;
	const marks = new Map(state.marks);
	const tombstones = new Map(state.tombstones);
	for (const event of events) {
		const previous = marks.get(event.id);
		const fresh = previous && now - previous.at < lingerMs;
		const fields = markedFields(event);
		marks.set(event.id, {
			at: now,
			// A status change outranks a field change made in the same poll.
			type: event.type === 'changed' && fresh && previous.at === now ? previous.type : event.type,
			fields: fresh ? unique([...previous.fields, ...fields]) : fields,
		});
		if (event.type === 'removed') {
			const connection = state.snapshot?.byId.get(event.id);
			if (connection) {
				tombstones.set(event.id, {connection, since: now});
			}
		} else if (event.type === 'appeared') {
			tombstones.delete(event.id);
		}
	}

	return {marks, tombstones};
}

/**
 * Appends each event to its device's log and notes new sessions. A session
 * (connection id and pod) can only begin with an event (appeared, connected,
 * reconnected, a pod change), so a device without events has no log: its one
 * session is the one its record shows, and a quiet poll writes nothing here.
 */
function logEvents(
	state: FleetState,
	snapshot: Snapshot,
	events: FleetEvent[],
): Pick<FleetState, 'deviceLogs' | 'deviceEventCount'> {
	if (events.length === 0) {
		return {deviceLogs: state.deviceLogs, deviceEventCount: state.deviceEventCount};
	}

	const {settings} = state;
	const logs = new Map(state.deviceLogs);
	let count = state.deviceEventCount;
	for (const event of events) {
		// A device's first log starts from the session it had before this poll.
		const log = logs.get(event.id) ?? {events: [], sessions: sessionsOf(state.snapshot?.byId.get(event.id))};
		const connection = snapshot.byId.get(event.id);
		const session = connection && sessionsOf(connection)[0];
		const lastSession = log.sessions.at(-1);
		const isNew =
			session && (lastSession?.connectionId !== session.connectionId || lastSession.podId !== session.podId);
		const logged = appendBounded(log.events, event, settings.maxDeviceEvents);
		count += logged.length - log.events.length;
		logs.set(event.id, {
			events: logged,
			sessions: isNew ? appendBounded(log.sessions, session, settings.maxSessions) : log.sessions,
		});
	}

	return {
		deviceLogs: logs,
		deviceEventCount:
			count > settings.maxDeviceEventsTotal
				? dropOldestEvents(logs, count, settings.maxDeviceEventsTotal)
				: count,
	};
}

/**
 * Over the fleet-wide budget: drops the oldest events of all devices (in `logs`,
 * a copy this poll owns) down to nine tenths of `max`, so the scan over every
 * log happens once in many polls. Events of one poll share a time; at the
 * cut-off, each log gives up its older ones first. A device whose events all
 * go loses its log, sessions included. Returns the count left.
 */
function dropOldestEvents(logs: Map<string, DeviceLog>, count: number, max: number): number {
	const times = new Float64Array(count);
	let index = 0;
	for (const log of logs.values()) {
		for (const event of log.events) times[index++] = event.at;
	}

	times.sort();
	const keep = Math.floor(max * 0.9);
	const cutoff = times[count - keep]!;
	let newer = 0;
	for (let at = count - 1; at >= 0 && times[at]! > cutoff; at--) newer++;
	// Events at the cut-off time that still fit.
	let ties = keep - newer;
	let left = 0;
	for (const [id, log] of logs) {
		const {events} = log;
		let start = events.findIndex(event => event.at >= cutoff);
		if (start === -1) start = events.length;
		let atCutoff = 0;
		while (start + atCutoff < events.length && events[start + atCutoff]!.at === cutoff) atCutoff++;
		const kept = Math.min(atCutoff, ties);
		ties -= kept;
		start += atCutoff - kept;
		// A device left without events loses its log: its session is read off its record again.
		if (start === events.length) logs.delete(id);
		else if (start > 0) logs.set(id, {...log, events: events.slice(start)});
		left += events.length - start;
	}

	return left;
}

function sessionsOf(connection: Connection | undefined): Session[] {
	return connection?.connectionId
		? [{connectionId: connection.connectionId, podId: connection.podId, connectedAt: connection.connectedAt}]
		: [];
}

/** One device's events, sessions and heartbeat ages; undefined once it is gone for good. */
export function deviceHistory(
	state: Pick<FleetState, 'heartbeats' | 'deviceLogs' | 'snapshot' | 'tombstones'>,
	id: string,
): DeviceHistory | undefined {
	const heartbeatAges = heartbeatAgesOf(state.heartbeats, id);
	if (!heartbeatAges) {
		return undefined;
	}

	const log = state.deviceLogs.get(id);
	const connection = state.snapshot?.byId.get(id) ?? state.tombstones.get(id)?.connection;
	return {events: log?.events ?? [], sessions: log?.sessions ?? sessionsOf(connection), heartbeatAges};
}

/** Drops marks and tombstones older than the linger time, and the history of devices gone for good. */
function expire(state: FleetState, now: number): FleetState {
	const {lingerMs} = state.settings;
	let marks: Map<string, Mark> | undefined;
	for (const [id, mark] of state.marks) {
		if (now - mark.at >= lingerMs) {
			marks ??= new Map(state.marks);
			marks.delete(id);
		}
	}

	const gone: string[] = [];
	for (const [id, tombstone] of state.tombstones) {
		if (now - tombstone.since >= lingerMs) {
			gone.push(id);
		}
	}

	if (!marks && gone.length === 0) {
		return state;
	}

	if (gone.length === 0) {
		return {...state, marks: marks ?? state.marks};
	}

	const tombstones = new Map(state.tombstones);
	const deviceLogs = new Map(state.deviceLogs);
	let deviceEventCount = state.deviceEventCount;
	for (const id of gone) {
		tombstones.delete(id);
		deviceEventCount -= deviceLogs.get(id)?.events.length ?? 0;
		deviceLogs.delete(id);
	}

	return {
		...state,
		marks: marks ?? state.marks,
		tombstones,
		deviceLogs,
		deviceEventCount,
		heartbeats: forgetDevices(state.heartbeats, gone),
	};
}

function appendBounded<T>(items: T[], item: T, max: number): T[] {
	return items.length >= max ? [...items.slice(items.length - max + 1), item] : [...items, item];
}

function appendAllBounded<T>(items: T[], added: T[], max: number): T[] {
	const all = [...items, ...added];
	return all.length > max ? all.slice(all.length - max) : all;
}

/** The cells an event changed: a `changed` field, or the session fields a reconnect moved. */
function markedFields(event: FleetEvent): WatchedField[] {
	if (event.type === 'changed' && event.field && event.field !== 'connectionId') {
		return [event.field];
	}

	return event.sessionFields ?? [];
}

function unique<T>(items: T[]): T[] {
	return [...new Set(items)];
}
