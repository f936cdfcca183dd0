/**
 * The demo platform's book of real listeners: which connectionId belongs to which record,
 * and which socket is a record's live one. It turns registrations and socket events into
 * the simulation's listener* calls, so a listener's record is online exactly while its
 * socket is open, and its heartbeats are its pings. No I/O of its own: sockets are handed in.
 */
import {randomBytes} from 'node:crypto';
import {MAX_REGISTERED_LISTENERS} from './listener-bounds.js';
import {
	CLOSE_REPLACED,
	CLOSE_UNKNOWN_CONNECTION,
	PONG,
	parseListenerMessage,
	statusRequest,
} from './listener-protocol.js';
import type {ListenerRegistration, Simulation} from './simulation.js';

/** The little of a WebSocket the registry needs. */
export type ListenerSocket = {
	send(text: string): void;
	close(code: number, reason: string): void;
};

/** One open socket's events, from the socket layer. */
export type ListenerSession = {
	/** One text frame. */
	message(text: string): void;
	/** The socket closed, from either end. */
	closed(): void;
};

export type ListenerRegistry = {
	/**
	 * POST /v1/environments/register: the listener's record (found or added) gets a new connectionId.
	 * `host` is the request's Host header, passed on to options.wsUrl. `{full}` (the limit) when it
	 * would be a new listener and options.maxListeners already hold a registration.
	 */
	register(
		registration: ListenerRegistration,
		host?: string,
	): {connectionId: string; wsUrl: string; id: string} | {full: number};
	/**
	 * A socket opened on `connectionId`. Undefined when the connectionId is unknown, superseded by a
	 * later registration, or its record was deleted: the caller then closes the socket with 1008.
	 */
	open(connectionId: string, socket: ListenerSocket): ListenerSession | undefined;
	/** Open sockets now. */
	openSockets(): number;
};

export type ListenerRegistryOptions = {
	simulation: Simulation;
	/** The wsUrl handed to a listener for a connectionId, given the Host its registration came to. */
	wsUrl: (connectionId: string, host: string | undefined) => string;
	/** Ask each listener for its device status when its socket opens (default true); see statusRequest. */
	askForStatus?: boolean;
	/** Listeners that may hold a registration at once; default MAX_REGISTERED_LISTENERS (listener-bounds.ts). */
	maxListeners?: number;
};

type Entry = {connectionId: string; socket: ListenerSocket | undefined};

/** An empty registry over `options.simulation`; records it adds are the simulation's. */
export function createListenerRegistry(options: ListenerRegistryOptions): ListenerRegistry {
	const {simulation} = options;
	/** connectionId -> record id, for the current connectionId of each record only. */
	const records = new Map<string, string>();
	/** record id -> its current session. */
	const entries = new Map<string, Entry>();
	/** `deviceId NUL listenerInstanceId` -> record id, the identity simulation.registerListener matches on. */
	const identities = new Map<string, string>();
	const maxListeners = options.maxListeners ?? MAX_REGISTERED_LISTENERS;
	let requests = 0;

	/**
	 * Whether the registration would add a record, and the book has no room left (records deleted since are let go
	 * first).
	 */
	function full(identity: string): boolean {
		const known = identities.get(identity);
		if (known !== undefined && simulation.getById(known)) {
			return false;
		}

		if (identities.size < maxListeners) {
			return false;
		}

		for (const [key, id] of identities) {
			if (!simulation.getById(id)) {
				identities.delete(key);
				forget(id);
			}
		}

		return identities.size >= maxListeners;
	}

	function forget(recordId: string): void {
		const entry = entries.get(recordId);
		if (entry) {
			records.delete(entry.connectionId);
			entries.delete(recordId);
		}
	}

	function replace(socket: ListenerSocket | undefined): void {
		socket?.close(CLOSE_REPLACED.code, CLOSE_REPLACED.reason);
	}

	return {
		register(registration, host) {
			const identity = `${registration.deviceId}\0${registration.listenerInstanceId ?? ''}`;
			if (full(identity)) {
				return {full: maxListeners};
			}

			const record = simulation.registerListener(registration);
			identities.set(identity, record.id);
			const previous = entries.get(record.id);
			if (previous) {
				records.delete(previous.connectionId);
				if (previous.socket) {
					// A new registration of the same listener supersedes the old session at once.
					replace(previous.socket);
					simulation.listenerClosed(record.id);
				}
			}

			const connectionId = `conn-${randomBytes(8).toString('hex')}`;
			records.set(connectionId, record.id);
			entries.set(record.id, {connectionId, socket: undefined});
			return {connectionId, wsUrl: options.wsUrl(connectionId, host), id: record.id};
		},
		open(connectionId, socket) {
			const id = records.get(connectionId);
			const entry = id === undefined ? undefined : entries.get(id);
			if (id === undefined || !entry) {
				return undefined;
			}

			if (!simulation.getById(id)) {
				forget(id);
				return undefined;
			}

			// The same session on a new socket (a blip): the old socket is dead to the listener.
			replace(entry.socket);
			entry.socket = socket;
			simulation.listenerOpened(id, connectionId);
			if (options.askForStatus ?? true) {
				socket.send(statusRequest(`letta-fleet-demo-${++requests}`));
			}

			/**
			 * Whether this socket still speaks for its record; a record deleted meanwhile is forgotten and its socket
			 * closed.
			 */
			const current = (): boolean => {
				if (entries.get(id) !== entry || entry.socket !== socket) {
					return false;
				}

				if (simulation.getById(id)) {
					return true;
				}

				forget(id);
				socket.close(CLOSE_UNKNOWN_CONNECTION, 'Unknown connection');
				return false;
			};

			return {
				message(text) {
					const message = parseListenerMessage(text);
					if (message.type === 'ping') {
						socket.send(PONG);
					}

					if (!current()) {
						return;
					}

					if (message.type === 'ping') {
						simulation.listenerPinged(id);
					} else if (message.type === 'status') {
						simulation.listenerStatus(id, message.status);
					}
				},
				closed() {
					if (!current()) {
						return;
					}

					entry.socket = undefined;
					simulation.listenerClosed(id);
				},
			};
		},
		openSockets: () => [...entries.values()].filter(entry => entry.socket !== undefined).length,
	};
}
