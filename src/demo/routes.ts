/**
 * What the demo server answers, as a pure function from a request to a Reply:
 * the Letta environments endpoints over a Simulation, with the platform's
 * error shapes ({errorCode, message}).
 */
import {parseRegistration, REGISTER_PATH} from './listener-protocol.js';
import type {ListenerRegistry} from './listener-registry.js';
import {errorReply, type Reply} from './respond.js';
import type {Simulation} from './simulation.js';
import type {Page, PageQuery} from './types.js';

export type RouteContext = {
	simulation: Simulation;
	apiKey: string;
	maxPageSize: number;
	defaultPageSize: number;
	/** Reads a list page once the query is checked; the simulation's own unless a fault swaps it. */
	page?: (query: PageQuery) => Page;
	/** The listener side (POST /v1/environments/register); without it that path is a 404. */
	listeners?: ListenerRegistry;
};

export type DemoRequest = {
	method: string;
	/** Path and query, as in the request line. */
	url: string;
	authorization: string | undefined;
	/** The request body, read only where a route needs one (register). */
	body?: string;
	/** The Host header, so that a registration's wsUrl reaches this server the way the request did. */
	host?: string;
};

const LIST_PATH = /^\/v1\/environments\/?$/;
const DEVICE_PATH = /^\/v1\/environments\/([^/]+)\/?$/;

export function authorized(header: string | undefined, apiKey: string): boolean {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	return match?.[1] === apiKey;
}

function methodNotAllowed(method: string, allowed: string): Reply {
	return errorReply(405, 'method_not_allowed', `${method} is not allowed here (allowed: ${allowed})`, {
		allow: allowed,
	});
}

/** The checked query of a list request, or the 400 to answer. */
export function parseListQuery(params: URLSearchParams, context: RouteContext): PageQuery | Reply {
	let limit = context.defaultPageSize;
	const rawLimit = params.get('limit');
	if (rawLimit !== null) {
		const parsed = /^\d+$/.test(rawLimit) ? Number(rawLimit) : Number.NaN;
		if (!(parsed >= 1)) {
			return errorReply(400, 'invalid_request', `limit must be a positive integer, got "${rawLimit}"`);
		}

		limit = parsed;
	}

	const query: PageQuery = {limit: Math.min(limit, context.maxPageSize)};
	const source = params.get('source');
	if (source !== null) {
		if (source !== 'local' && source !== 'remote') {
			return errorReply(400, 'invalid_request', `source must be "local" or "remote", got "${source}"`);
		}

		query.source = source;
	}

	const after = params.get('after');
	if (after) {
		query.after = after;
	}

	const userId = params.get('userId');
	if (userId) {
		query.userId = userId;
	}

	if (params.get('onlineOnly') === 'true') {
		query.onlineOnly = true;
	}

	return query;
}

function listEnvironments(method: string, params: URLSearchParams, context: RouteContext): Reply {
	if (method !== 'GET') {
		return methodNotAllowed(method, 'GET');
	}

	const query = parseListQuery(params, context);
	if ('status' in query) {
		return query;
	}

	return {status: 200, body: context.page ? context.page(query) : context.simulation.page(query)};
}

function environment(method: string, rawSegment: string, simulation: Simulation): Reply {
	let deviceId: string;
	try {
		deviceId = decodeURIComponent(rawSegment);
	} catch {
		return errorReply(400, 'invalid_request', 'The environment id in the path is not valid percent-encoding');
	}

	// No client deletes environments through the API (none in the SDK, the docs or Letta Code), so neither does the
	// demo.
	if (method !== 'GET') {
		return methodNotAllowed(method, 'GET');
	}

	const record = simulation.get(deviceId);
	return record ? {status: 200, body: record} : errorReply(404, 'not_found', `Environment ${deviceId} not found`);
}

/** Which endpoint a request reads, as fault rules name them. */
export function routeKind(method: string, pathname: string): 'list' | 'get' | 'other' {
	if (method !== 'GET') {
		return 'other';
	}

	return LIST_PATH.test(pathname) ? 'list' : DEVICE_PATH.test(pathname) ? 'get' : 'other';
}

/** POST /v1/environments/register: `{connectionId, wsUrl}` for a listener; see listener-protocol.ts. */
function register(request: DemoRequest, listeners: ListenerRegistry): Reply {
	if (request.method !== 'POST') {
		return methodNotAllowed(request.method, 'POST');
	}

	const registration = parseRegistration(request.body ?? '');
	if ('error' in registration) {
		return errorReply(400, 'invalid_request', registration.error);
	}

	const registered = listeners.register(registration, request.host);
	if ('full' in registered) {
		// 403 rather than 429: waiting does not free a place, and the SDK retries a 429.
		return errorReply(
			403,
			'listener_limit_reached',
			`This demo organization already holds ${registered.full} registered listeners, its limit; restart the demo server to clear them`,
		);
	}

	const {connectionId, wsUrl} = registered;
	return {status: 200, body: {connectionId, wsUrl}};
}

export function route(request: DemoRequest, context: RouteContext): Reply {
	if (!authorized(request.authorization, context.apiKey)) {
		return errorReply(401, 'unauthorized', 'Invalid or missing API key');
	}

	const url = new URL(request.url, 'http://demo.invalid');
	// Before the device route, which would take "register" for a deviceId.
	if (context.listeners && REGISTER_PATH.test(url.pathname)) {
		return register(request, context.listeners);
	}

	if (LIST_PATH.test(url.pathname)) {
		return listEnvironments(request.method, url.searchParams, context);
	}

	const device = DEVICE_PATH.exec(url.pathname);
	if (device?.[1] !== undefined) {
		return environment(request.method, device[1], context.simulation);
	}

	return errorReply(404, 'not_found', `No route for ${request.method} ${url.pathname}`);
}
