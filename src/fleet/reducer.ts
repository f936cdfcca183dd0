/**
 * The one owner of fleet state. Pure: every action carries its own time, so
 * the same actions always give the same state, and tests run on fake time.
 * Everything it keeps is bounded: the event log is a ring, per-device history
 * is capped, marks fade and tombstones expire.
 */
import {diffSnapshots} from './diff.js';
import {heartbeatAge, serverTime} from './status.js';
import type {ChangedField, Connection, FleetEvent, FleetEventType, Snapshot} from './types.js';

export type FleetSettings = {
	staleAfterMs: number;
	/** How long a removed device stays as a tombstone and a change stays marked. */
	lingerMs: number;
	maxEvents: number;
	maxDeviceEvents: number;
	maxHeartbeatSamples: number;
	maxSessions: number;
};

export const DEFAULT_FLEET_SETTINGS: FleetSettings = {
	staleAfterMs: 75_000,
	lingerMs: 30_000,
	maxEvents: 500,
	maxDeviceEvents: 50,
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
	inFlight: boolean;
	lastAttemptAt: number | null;
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
	lastRecovery: {at: number; failures: number; downMs: number} | null;
};

export type Mark = {at: number; type: FleetEventType; fields: ChangedField[]};
export type Tombstone = {connection: Connection; since: number};
export type Session = {connectionId: string; podId: string | null; connectedAt: number | null; firstSeenAt: number};
export type DeviceHistory = {
	events: FleetEvent[];
	/** Heartbeat age at each successful poll, oldest first (null: no heartbeat). */
	heartbeatAges: Array<number | null>;
	sessions: Session[];
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
	history: ReadonlyMap<string, DeviceHistory>;
	health: PollHealth;
};

export type FleetAction =
	| {type: 'poll-started'; at: number}
	| {type: 'poll-succeeded'; snapshot: Snapshot}
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
		history: new Map(),
		health: {
			inFlight: false,
			lastAttemptAt: null,
			lastSuccessAt: null,
			consecutiveFailures: 0,
			lastError: null,
			nextAttemptAt: null,
			paused: false,
			halted: false,
			failingSince: null,
			lastRecovery: null,
		},
	};
}

export function fleetReducer(state: FleetState, action: FleetAction): FleetState {
	switch (action.type) {
		case 'poll-started': {
			return {...state, health: {...state.health, inFlight: true, lastAttemptAt: action.at}};
		}

		case 'poll-succeeded': {
			return applySnapshot(state, action.snapshot);
		}

		case 'poll-failed': {
			return {
				...state,
				health: {
					...state.health,
					inFlight: false,
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
	const marks = new Map(state.marks);
	const tombstones = new Map(state.tombstones);
	const history = new Map(state.history);

	for (const event of events) {
		const previous = marks.get(event.id);
		const fresh = previous && now - previous.at < settings.lingerMs;
		const fields = event.type === 'changed' && event.field && event.field !== 'connectionId' ? [event.field] : [];
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
		}
	}

	const serverNow = serverTime(snapshot, now);
	for (const connection of snapshot.connections) {
		tombstones.delete(connection.id);
		history.set(connection.id, recordPoll(history.get(connection.id), connection, serverNow, settings));
	}

	for (const event of events) {
		const entry = history.get(event.id);
		if (entry) {
			history.set(event.id, {...entry, events: appendBounded(entry.events, event, settings.maxDeviceEvents)});
		}
	}

	const allEvents = events.length === 0 ? state.events : appendAllBounded(state.events, events, settings.maxEvents);
	return expire(
		{
			...state,
			snapshot,
			lastEvents: events,
			events: allEvents,
			eventsSeen: state.eventsSeen + events.length,
			marks,
			tombstones,
			history,
			health: {
				...state.health,
				inFlight: false,
				lastSuccessAt: now,
				consecutiveFailures: 0,
				lastError: null,
				nextAttemptAt: null,
				halted: false,
				failingSince: null,
				lastRecovery:
					state.health.failingSince === null
						? state.health.lastRecovery
						: {at: now, failures: state.health.consecutiveFailures, downMs: now - state.health.failingSince},
			},
		},
		now,
	);
}

function recordPoll(entry: DeviceHistory | undefined, connection: Connection, serverNow: number, settings: FleetSettings): DeviceHistory {
	const current = entry ?? {events: [], heartbeatAges: [], sessions: []};
	const age = connection.connectionId ? heartbeatAge(connection, serverNow) : null;
	const lastSession = current.sessions.at(-1);
	let {sessions} = current;
	if (connection.connectionId && (lastSession?.connectionId !== connection.connectionId || lastSession.podId !== connection.podId)) {
		sessions = appendBounded(
			sessions,
			{connectionId: connection.connectionId, podId: connection.podId, connectedAt: connection.connectedAt, firstSeenAt: serverNow},
			settings.maxSessions,
		);
	}

	return {
		events: current.events,
		heartbeatAges: appendBounded(current.heartbeatAges, age, settings.maxHeartbeatSamples),
		sessions,
	};
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

	let tombstones: Map<string, Tombstone> | undefined;
	let history: Map<string, DeviceHistory> | undefined;
	for (const [id, tombstone] of state.tombstones) {
		if (now - tombstone.since >= lingerMs) {
			tombstones ??= new Map(state.tombstones);
			tombstones.delete(id);
			history ??= new Map(state.history);
			history.delete(id);
		}
	}

	if (!marks && !tombstones) {
		return state;
	}

	return {...state, marks: marks ?? state.marks, tombstones: tombstones ?? state.tombstones, history: history ?? state.history};
}

function appendBounded<T>(items: T[], item: T, max: number): T[] {
	return items.length >= max ? [...items.slice(items.length - max + 1), item] : [...items, item];
}

function appendAllBounded<T>(items: T[], added: T[], max: number): T[] {
	const all = [...items, ...added];
	return all.length > max ? all.slice(all.length - max) : all;
}

function unique<T>(items: T[]): T[] {
	return [...new Set(items)];
}
