/**
 * What a matched fault does to one request: the Delivery to write in place of
 * the normal answer. Faults that change records (drift, hostile strings) work
 * on the router's reply, which holds copies; faults that change paging swap
 * the page reader the router uses, so the query is still checked as usual.
 */
import {BLOCK_PAGE, bombBody, REDIRECT_LOCATION} from './fault-bodies.js';
import {driftRecord} from './fault-drift.js';
import {deepBody, hostileError, hostileRecord} from './fault-hostile.js';
import type {Fault, FaultRequest} from './faults.js';
import type {Delivery, Reply} from './respond.js';
import {route, type DemoRequest, type RouteContext} from './routes.js';
import type {Page, PageQuery, RawConnection} from './types.js';

/** Per-server memory of faults that have some: the first cursor a stuck-cursor fault was asked for. */
export type FaultMemory = {stuckCursors: WeakMap<Fault, string>};

export function createFaultMemory(): FaultMemory {
	return {stuckCursors: new WeakMap()};
}

const STATUS_DEFAULTS: Record<number, [errorCode: string, message: string]> = {
	400: ['invalid_request', 'The request is not valid'],
	401: ['unauthorized', 'Invalid or missing API key'],
	403: ['forbidden', 'This API key may not read environments'],
	404: ['not_found', 'Not found'],
	408: ['request_timeout', 'The request took too long'],
	409: ['conflict', 'The request conflicts with the current state'],
	429: ['route_rps_rate_limit_exceeded', 'Rate limit exceeded for this endpoint. Please slow down and retry.'],
	500: ['internal_error', 'Internal server error'],
	502: ['bad_gateway', 'Bad gateway'],
	503: ['cloud_api_shutting_down', 'The API is restarting for a deploy; retry shortly'],
	504: ['gateway_timeout', 'The upstream server did not answer in time'],
};

const MAINTENANCE_PAGE =
	'<!DOCTYPE html>\n<html><head><title>503 Service Temporarily Unavailable</title></head>\n' +
	'<body><center><h1>Down for maintenance</h1><p>We will be back shortly.</p></center><hr><center>nginx</center></body></html>\n';

/** An error in the platform's shapes: {errorCode, message}; 429 {error, errorCode}; 503 adds retryable. */
export function statusReply(fault: Extract<Fault, {kind: 'status'}>): Reply {
	const [defaultCode, defaultMessage] = STATUS_DEFAULTS[fault.status] ?? [
		`http_${fault.status}`,
		`HTTP ${fault.status} (injected fault)`,
	];
	const errorCode = fault.errorCode ?? defaultCode;
	const message = fault.message ?? defaultMessage;
	const retryable = fault.retryable ?? (fault.status === 503 ? true : undefined);
	const body: Record<string, unknown> = fault.status === 429 ? {error: message, errorCode} : {errorCode, message};
	if (retryable !== undefined) {
		body['retryable'] = retryable;
	}

	const headers = {...(fault.retryAfter === undefined ? {} : {'retry-after': fault.retryAfter}), ...fault.headers};
	return Object.keys(headers).length === 0 ? {status: fault.status, body} : {status: fault.status, body, headers};
}

function isPage(body: unknown): body is Page {
	return typeof body === 'object' && body !== null && Array.isArray((body as Page).connections);
}

/** A successful reply with each record replaced; errors and other bodies are left alone. */
function mapRecords(
	reply: Reply,
	kind: 'list' | 'get',
	change: (record: RawConnection, index: number) => unknown,
): Reply {
	if (reply.status !== 200) {
		return reply;
	}

	if (kind === 'list' && isPage(reply.body)) {
		return {...reply, body: {...reply.body, connections: reply.body.connections.map(change)}};
	}

	return kind === 'get' ? {...reply, body: change(reply.body as RawConnection, 0)} : reply;
}

function stuckPager(fault: Fault, context: RouteContext, memory: FaultMemory): (query: PageQuery) => Page {
	return query => {
		let {after} = query;
		if (after !== undefined) {
			const first = memory.stuckCursors.get(fault);
			if (first === undefined) {
				memory.stuckCursors.set(fault, after);
			} else {
				after = first;
			}
		}

		return {...context.simulation.page({...query, after}), hasNextPage: true};
	};
}

function hostileReply(reply: Reply, kind: FaultRequest['route']): Reply {
	if (reply.status !== 200) {
		const body = reply.body;
		return typeof body === 'object' && body !== null
			? {...reply, body: hostileError(body as Record<string, unknown>)}
			: reply;
	}

	return kind === 'other' ? reply : mapRecords(reply, kind, hostileRecord);
}

/** The answer to a request that a fault matched; `kind` is the request's route as the injector saw it. */
export function faultDelivery(
	fault: Fault,
	request: DemoRequest,
	kind: FaultRequest['route'],
	context: RouteContext,
	memory: FaultMemory,
): Delivery {
	const reply = (value: Reply): Delivery => ({kind: 'reply', reply: value});
	switch (fault.kind) {
		case 'status':
			return reply(statusReply(fault));
		case 'delay':
			return {kind: 'delayed', ms: fault.ms, then: () => reply(route(request, context))};
		case 'hang':
			return {kind: 'hang'};
		case 'reset':
			return {kind: 'reset'};
		case 'truncate':
			return {kind: 'truncated', reply: route(request, context)};
		case 'not-json':
			return {kind: 'text', status: 200, contentType: 'text/html; charset=utf-8', text: MAINTENANCE_PAGE};
		case 'drift': {
			const answer = route(request, context);
			return reply(
				kind === 'other'
					? answer
					: mapRecords(answer, kind, (record, index) => driftRecord(record, fault.variant, index)),
			);
		}

		case 'stuck-cursor':
			return reply(route(request, {...context, page: stuckPager(fault, context, memory)}));
		case 'huge-page':
			return reply(
				route(request, {
					...context,
					page: query => context.simulation.page({...query, limit: Number.MAX_SAFE_INTEGER}),
				}),
			);
		case 'hostile-strings':
			return reply(hostileReply(route(request, context), kind));
		case 'deep': {
			const answer = route(request, context);
			const text = answer.status === 200 && kind !== 'other' ? deepBody(answer.body, fault.levels) : undefined;
			return text === undefined
				? reply(answer)
				: {kind: 'text', status: 200, contentType: 'application/json', text};
		}
		// Hostile transport (fault-bodies.ts).
		case 'bomb':
			return {kind: 'encoded', encoding: fault.encoding, body: () => bombBody(fault.encoding)};
		case 'endless':
			return {kind: 'endless'};
		case 'html':
			return {kind: 'text', status: fault.status, contentType: 'text/html; charset=utf-8', text: BLOCK_PAGE};
		case 'redirect':
			return {
				kind: 'text',
				status: fault.status,
				contentType: 'text/html; charset=utf-8',
				text: '<html><body>Moved</body></html>\n',
				headers: {location: REDIRECT_LOCATION},
			};
	}
}
