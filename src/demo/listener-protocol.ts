/**
 * The listener's side of the Letta environments protocol, as a real Letta Code
 * 0.32.18 listener (`letta server`) speaks it (read from its bundle and observed
 * on loopback; see docs/architecture.md): the register body, the messages on
 * its socket, and what the platform sends back. Pure parsing, no I/O.
 */
import {MAX_NESTING_DEPTH, nestingDepth} from './listener-bounds.js';
import type {ListenerRegistration, ListenerStatus} from './simulation.js';

export const REGISTER_PATH = /^\/v1\/environments\/register\/?$/;
/**
 * The socket a registration's wsUrl points at. The platform's real path is not documented
 * (only `/v1/environments/{connectionId}/...`); the listener takes wsUrl as given and adds
 * `?deviceId=&connectionName=` to it.
 */
export const SOCKET_PATH = /^\/v1\/environments\/([^/]+)\/ws\/?$/;

/** The path part of a wsUrl, for a connectionId. */
export function socketPath(connectionId: string): string {
	return `/v1/environments/${encodeURIComponent(connectionId)}/ws`;
}

/** Closing with this makes a listener register again (its "environment not found"). */
export const CLOSE_UNKNOWN_CONNECTION = 1008;
/** How the platform closes a socket another took over; the listener behind it then stops. */
export const CLOSE_REPLACED = {code: 1000, reason: 'Replaced by new connection'} as const;

export const PONG = JSON.stringify({type: 'pong'});

/**
 * A listener reports its working directory, branch and mode only for a scope a client
 * subscribed to: this `sync` is what such a client sends through the platform, and the
 * listener answers with `update_device_status` (then `update_loop_status`, `update_queue`,
 * `update_subagent_state`, `sync_response`). The agent id is a made-up one: the listener then
 * asks GET /v1/agents/{id} (and `/secrets`), gets a 404 from the demo server and carries on.
 */
export const STATUS_AGENT_ID = 'agent-letta-fleet-demo';

/** The `sync` the demo server sends when a listener's socket opens; `requestId` comes back in its sync_response. */
export function statusRequest(requestId: string): string {
	return JSON.stringify({
		type: 'sync',
		runtime: {agent_id: STATUS_AGENT_ID, conversation_id: 'default'},
		request_id: requestId,
		recover_approvals: false,
		force_device_status: true,
	});
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

/**
 * The checked body of POST /v1/environments/register, or a one-line message saying what is
 * wrong with it. Body: `{deviceId, listenerInstanceId?, connectionName, metadata?}`; metadata
 * is free-form and kept as sent, as long as nothing in the body nests deeper than
 * MAX_NESTING_DEPTH (listener-bounds.ts). Never throws, whatever the text.
 */
export function parseRegistration(text: string): ListenerRegistration | {error: string} {
	if (nestingDepth(text) > MAX_NESTING_DEPTH) {
		return {
			error: `The request body nests objects or arrays deeper than ${MAX_NESTING_DEPTH} levels; a listener's registration is nearly flat`,
		};
	}

	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return {error: 'The request body is not valid JSON'};
	}

	if (!isObject(body)) {
		return {error: 'The request body must be a JSON object'};
	}

	const {deviceId, listenerInstanceId, connectionName, metadata} = body;
	if (!nonEmpty(deviceId)) {
		return {error: 'deviceId must be a non-empty string'};
	}

	if (!nonEmpty(connectionName)) {
		return {error: 'connectionName must be a non-empty string'};
	}

	if (listenerInstanceId !== undefined && !nonEmpty(listenerInstanceId)) {
		return {error: 'listenerInstanceId must be a non-empty string when present'};
	}

	if (metadata !== undefined && !isObject(metadata)) {
		return {error: 'metadata must be an object when present'};
	}

	return {
		deviceId,
		...(listenerInstanceId === undefined ? {} : {listenerInstanceId}),
		connectionName,
		metadata: metadata ?? {},
	};
}

/** What the demo server does with one socket message; everything else a listener sends is ignored. */
export type ListenerMessage = {type: 'ping'} | {type: 'status'; status: ListenerStatus} | {type: 'other'};

/**
 * Reads one text frame. `update_device_status` carries
 * `device_status: {current_working_directory, git_context: {branch, ...} | null, current_permission_mode, ...}`.
 * A frame nested deeper than MAX_NESTING_DEPTH is not read (`other`): no listener sends one, and
 * closing the socket would only make a real listener register again. Never throws.
 */
export function parseListenerMessage(text: string): ListenerMessage {
	if (nestingDepth(text) > MAX_NESTING_DEPTH) {
		return {type: 'other'};
	}

	let message: unknown;
	try {
		message = JSON.parse(text);
	} catch {
		return {type: 'other'};
	}

	if (!isObject(message)) {
		return {type: 'other'};
	}

	if (message['type'] === 'ping') {
		return {type: 'ping'};
	}

	const device = message['device_status'];
	if (message['type'] !== 'update_device_status' || !isObject(device)) {
		return {type: 'other'};
	}

	const status: ListenerStatus = {};
	const cwd = device['current_working_directory'];
	if (nonEmpty(cwd)) {
		status.workingDirectory = cwd;
	}

	const mode = device['current_permission_mode'];
	if (nonEmpty(mode)) {
		status.currentMode = mode;
	}

	// A listener outside a git checkout sends git_context null, or no branch in it.
	if ('git_context' in device) {
		const git = device['git_context'];
		const branch = isObject(git) ? git['branch'] : null;
		status.gitBranch = nonEmpty(branch) ? branch : null;
	}

	return {type: 'status', status};
}
