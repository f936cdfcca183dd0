/**
 * The HTTP client for the Letta environments API, on got. Retries are left to
 * the callers (fleet/retry.ts), which know whether a whole pass or a page is at
 * stake; this layer turns every outcome into a body or an ApiError, the
 * server's retry headers included. Every request goes through the proxy the
 * environment names for the base URL (api/proxy.ts), since got reads none.
 */
import process from 'node:process';
import got, {type Got, type Response} from 'got';
import {ApiError, kindForStatus, parseRetrySignals} from './errors.js';
import {type ProxyEnv, proxyRoute} from './proxy.js';
import {fromRequestError, proxyAuthError, proxyHint} from './request-errors.js';

export type ClientOptions = {
	baseUrl: string;
	/** The key, or a function asked for it on every request (a Letta Code login's token rotates: credential.ts). */
	apiKey: string | undefined | (() => string | undefined);
	/** Where the key came from, to say in an error ("LETTA_API_KEY", "--api-key-file"). */
	keySource?: string;
	timeoutMs?: number;
	userAgent?: string;
	now?: () => number;
	/**
	 * The environment whose proxy variables apply (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY, lowercase
	 * too; see api/proxy.ts); default process.env. `{}` connects directly.
	 */
	proxyEnv?: ProxyEnv;
};

export type ListQuery = {
	limit?: number;
	after?: string;
	onlineOnly?: boolean;
	source?: 'local' | 'remote';
	userId?: string;
};

export type ApiResponse = {
	body: unknown;
	/** The server's clock from the Date header, when it sent one. */
	serverDate: number | null;
	/** Local clock when the response arrived. */
	receivedAt: number;
	latencyMs: number;
};

export type LettaClient = {
	readonly baseUrl: string;
	listEnvironments(query: ListQuery, signal?: AbortSignal): Promise<ApiResponse>;
	getEnvironment(deviceId: string, signal?: AbortSignal): Promise<ApiResponse>;
};

export const DEFAULT_BASE_URL = 'https://api.letta.com';
const DEFAULT_TIMEOUT_MS = 15_000;

export function createClient(options: ClientOptions): LettaClient {
	const now = options.now ?? Date.now;
	const baseUrl = options.baseUrl.replace(/\/+$/, '');
	const apiKey = typeof options.apiKey === 'function' ? options.apiKey : () => options.apiKey as string | undefined;
	const route = proxyRoute(baseUrl, options.proxyEnv ?? process.env);
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const context = {baseUrl, proxy: route.selection, timeoutMs};
	const http: Got = got.extend({
		prefixUrl: `${baseUrl}/`,
		headers: {
			accept: 'application/json',
			'user-agent': options.userAgent ?? 'letta-fleet',
		},
		timeout: {request: timeoutMs},
		retry: {limit: 0},
		throwHttpErrors: false,
		followRedirect: false,
	});

	async function request(path: string, searchParams: Record<string, string>, signal?: AbortSignal): Promise<ApiResponse> {
		if (route.selection.kind === 'unusable') {
			throw new ApiError('proxy', route.selection.message);
		}

		const startedAt = now();
		// The body as bytes: with 'text', got also decodes every chunk to a string and joins them, a
		// second copy of each page on the heap next to the one JSON.parse reads.
		let response: Response<Uint8Array>;
		try {
			const key = apiKey();
			const agent = await route.agents();
			const headers = key ? {authorization: `Bearer ${key}`} : {};
			response = await http.get(path, agent ? {searchParams, signal, headers, agent, responseType: 'buffer'} : {searchParams, signal, headers, responseType: 'buffer'});
		} catch (error) {
			throw fromRequestError(error, context);
		}

		const receivedAt = now();
		const dateHeader = response.headers.date;
		const serverDate = dateHeader ? Date.parse(dateHeader) : Number.NaN;
		const body = parseBody(response);
		if (response.statusCode === 407) {
			throw proxyAuthError(route.selection);
		}

		if (response.statusCode >= 300) {
			const hint = proxyHint(body !== undefined, route.selection);
			throw fromStatus(response, body, receivedAt, hint ?? hintFor(kindForStatus(response.statusCode), options.keySource, baseUrl));
		}

		if (body === undefined) {
			throw new ApiError('bad-response', `the response to ${path} is not JSON`, {
				status: response.statusCode,
				hint: proxyHint(false, route.selection) ?? 'is the base URL a Letta API?',
			});
		}

		return {
			body,
			serverDate: Number.isFinite(serverDate) ? serverDate : null,
			receivedAt,
			latencyMs: receivedAt - startedAt,
		};
	}

	return {
		baseUrl,
		listEnvironments(query, signal) {
			const params: Record<string, string> = {};
			// The API takes every query parameter as a string.
			if (query.limit !== undefined) params['limit'] = String(query.limit);
			if (query.after !== undefined) params['after'] = query.after;
			if (query.onlineOnly) params['onlineOnly'] = 'true';
			if (query.source) params['source'] = query.source;
			if (query.userId) params['userId'] = query.userId;
			return request('v1/environments', params, signal);
		},
		getEnvironment(deviceId, signal) {
			return request(`v1/environments/${encodeURIComponent(deviceId)}`, {}, signal);
		},
	};
}

/** UTF-8, a byte-order mark dropped, as got's 'text' did. */
const utf8 = new TextDecoder();

function parseBody(response: Response<Uint8Array>): unknown {
	try {
		return JSON.parse(utf8.decode(response.body)) as unknown;
	} catch {
		return undefined;
	}
}

function fromStatus(response: Response<Uint8Array>, body: unknown, now: number, hint: string | undefined): ApiError {
	const status = response.statusCode;
	const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
	const errorCode = typeof fields['errorCode'] === 'string' ? fields['errorCode'] : undefined;
	const serverMessage = [fields['message'], fields['error'], fields['detail']].find(value => typeof value === 'string') as string | undefined;
	const message = serverMessage ?? (response.statusMessage || 'request failed');
	const {shouldRetry, retryAfterMs} = parseRetrySignals(response.headers, now);
	// The official SDK retries a 409 too (reference: "Errors and limits"); the header, when sent, decides.
	const retry = shouldRetry ?? (status === 409 ? true : undefined);
	return new ApiError(kindForStatus(status), message, {status, errorCode, retryAfterMs, hint, shouldRetry: retry});
}

function hintFor(kind: string, keySource: string | undefined, baseUrl: string): string | undefined {
	switch (kind) {
		case 'unauthorized': {
			return keySource
				? `the API key from ${keySource} was rejected; check it, or set LETTA_API_KEY`
				: 'no API key: set LETTA_API_KEY, pass --api-key-file, or try --demo';
		}

		case 'forbidden': {
			return 'the API key is valid but may not list environments; ask an organization admin';
		}

		case 'not-found': {
			return `${baseUrl} does not serve /v1/environments; check --base-url (the self-hosted Letta server does not have this endpoint)`;
		}

		default: {
			return undefined;
		}
	}
}
