/**
 * The HTTP client for the Letta environments API, on Node's own HTTP client (api/transport.ts). Retries are left to
 * the callers (fleet/retry.ts), which know whether a whole pass or a page is at stake; this layer turns every outcome
 * into a body or an ApiError, the server's retry headers included. Every request goes through the proxy the
 * environment names for the base URL (api/proxy.ts), since Node's client reads none.
 */
import process from 'node:process';
import {MIB, readBoundedBody} from './body.js';
import {DEFAULT_MAX_BODY_MIB, DEFAULT_TIMEOUT_MS} from './defaults.js';
import {ApiError, kindForStatus, parseRetrySignals} from './errors.js';
import {keyProblem} from './key-check.js';
import {maskUrl} from './url-mask.js';
import type {ParsedPage} from './parse.js';
import {type ProxyEnv, proxyRoute} from './proxy.js';
import {fromRequestError, proxyAuthError} from './request-errors.js';
import {
	first,
	fromBodyError,
	isJsonType,
	isLettaAnswer,
	notLettaError,
	REDIRECTS,
	redirectError,
} from './response-errors.js';
import {type HttpResponse, sendGet} from './transport.js';
import {UTF8} from './utf8.js';

export type ClientOptions = {
	baseUrl: string;
	/**
	 * The key, or a function asked for it on every request (a Letta Code login's token rotates:
	 * credentials/live-credential.ts).
	 */
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
	/**
	 * The cap on one response body, MiB, on the wire and again inflated (default DEFAULT_MAX_BODY_MIB; --max-body-mib).
	 */
	maxBodyMib?: number;
};

export type ListQuery = {
	limit?: number;
	after?: string;
	onlineOnly?: boolean;
	source?: 'local' | 'remote';
	userId?: string;
	/**
	 * Reads a 2xx JSON body's bytes (UTF-8, not written to after) straight into a page (api/page-reader.ts), or
	 * answers undefined to have it decoded and parsed whole as usual. Not sent.
	 */
	readPage?: (body: Uint8Array) => ParsedPage | undefined;
};

export type ApiResponse = {
	/** The parsed JSON; undefined when `page` holds the body instead. */
	body: unknown;
	/** The page the query's `readPage` read from the body's bytes, when it could. */
	page?: ParsedPage;
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

export function createClient(options: ClientOptions): LettaClient {
	const now = options.now ?? Date.now;
	const baseUrl = options.baseUrl.replace(/\/+$/, '');
	const apiKey = typeof options.apiKey === 'function' ? options.apiKey : () => options.apiKey as string | undefined;
	const route = proxyRoute(baseUrl, options.proxyEnv ?? process.env);
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const maxBodyBytes = (options.maxBodyMib ?? DEFAULT_MAX_BODY_MIB) * MIB;
	const context = {baseUrl, proxy: route.selection, timeoutMs};
	const userAgent = options.userAgent ?? 'letta-fleet';

	async function fetchBody(
		path: string,
		searchParams: Record<string, string>,
		signal: AbortSignal | undefined,
	): Promise<Fetched> {
		const key = apiKey();
		const problem = key === undefined ? undefined : keyProblem(key);
		if (problem) {
			throw new ApiError(
				'bad-key',
				`the API key from ${options.keySource ?? 'the configuration'} cannot be sent: ${problem}`,
				{
					hint: 'a key is printable ASCII without spaces; copy it again',
				},
			);
		}

		const agents = await route.agents();
		const url = new URL(`${baseUrl}/${path}`);
		for (const [name, value] of Object.entries(searchParams)) url.searchParams.set(name, value);
		const headers: Record<string, string> = {
			accept: 'application/json',
			// Inflated here (api/body.ts), counting as it goes.
			'accept-encoding': 'gzip, deflate, br',
			'user-agent': userAgent,
		};
		if (key) headers['authorization'] = `Bearer ${key}`;
		let response: HttpResponse;
		try {
			response = await sendGet(url, {
				headers,
				agent: url.protocol === 'https:' ? agents?.https : agents?.http,
				signal,
				timeoutMs,
			});
		} catch (error) {
			throw withoutKeySaid(fromRequestError(error, context), options.keySource);
		}

		const progress = {wireBytes: 0};
		try {
			// The body as bytes, decoded once by parseBody: strings per chunk would be a second copy of each page.
			const body = await readBoundedBody(
				response,
				{
					contentLength: first(response.headers['content-length']),
					contentEncoding: first(response.headers['content-encoding']),
				},
				maxBodyBytes,
				progress,
			);
			return {response, body};
		} catch (error) {
			throw fromBodyError(error, response.statusCode, progress.wireBytes, context, maxBodyBytes);
		}
	}

	async function request(
		path: string,
		searchParams: Record<string, string>,
		signal?: AbortSignal,
		readPage?: ListQuery['readPage'],
	): Promise<ApiResponse> {
		if (route.selection.kind === 'unusable') {
			throw new ApiError('proxy', route.selection.message);
		}

		const startedAt = now();
		const {response, body: bytes} = await fetchBody(path, searchParams, signal);
		const receivedAt = now();
		const dateHeader = response.headers.date;
		const serverDate = dateHeader ? Date.parse(dateHeader) : Number.NaN;
		if (response.statusCode === 407) {
			throw proxyAuthError(route.selection);
		}

		if (REDIRECTS.has(response.statusCode)) {
			throw redirectError(response, baseUrl);
		}

		const contentType = first(response.headers['content-type']);
		// What parseBody and isLettaAnswer below accept as a success, when the reader vouches for the JSON. Read
		// before decoding: a page whose records are as they were is never decoded whole.
		const page =
			readPage && response.statusCode < 300 && isLettaAnswer(200, contentType, true)
				? readPage(bytes)
				: undefined;
		if (page) {
			return {
				body: undefined,
				page,
				serverDate: Number.isFinite(serverDate) ? serverDate : null,
				receivedAt,
				latencyMs: receivedAt - startedAt,
			};
		}

		const parsed = parseBody(UTF8.decode(bytes));
		if (parsed.truncated && isJsonType(contentType)) {
			throw new ApiError('truncated', `the response was cut off after ${bytes.length} bytes (it ends mid-JSON)`, {
				status: response.statusCode,
			});
		}

		if (!isLettaAnswer(response.statusCode, contentType, parsed.value)) {
			throw notLettaError(response.statusCode, contentType, route.selection);
		}

		if (response.statusCode >= 300) {
			throw fromStatus(
				response,
				parsed.value,
				receivedAt,
				hintFor(kindForStatus(response.statusCode), options.keySource, baseUrl),
			);
		}

		return {
			body: parsed.value,
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
			return request('v1/environments', params, signal, query.readPage);
		},
		getEnvironment(deviceId, signal) {
			return request(`v1/environments/${encodeURIComponent(deviceId)}`, {}, signal);
		},
	};
}

type Fetched = {response: HttpResponse; body: Uint8Array};

/**
 * The parsed body; `truncated` when the JSON ended early (what a body cut short by a close-delimited response looks
 * like).
 */
function parseBody(text: string): {value: unknown; truncated: boolean} {
	try {
		return {value: JSON.parse(text) as unknown, truncated: false};
	} catch (error) {
		return {
			value: undefined,
			truncated:
				text.trim() !== '' &&
				error instanceof SyntaxError &&
				/end of (JSON )?(data|input)|Unterminated/i.test(error.message),
		};
	}
}

function fromStatus(response: HttpResponse, body: unknown, now: number, hint: string | undefined): ApiError {
	const status = response.statusCode;
	const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
	const errorCode = typeof fields['errorCode'] === 'string' ? fields['errorCode'] : undefined;
	const serverMessage = [fields['message'], fields['error'], fields['detail']].find(
		(value): value is string => typeof value === 'string',
	);
	const message = serverMessage ?? (response.statusMessage || 'request failed');
	const {shouldRetry, retryAfterMs} = parseRetrySignals(response.headers, now);
	// The official SDK retries a 409 too (reference: "Errors and limits"); the header, when sent, decides.
	const retry = shouldRetry ?? (status === 409 ? true : undefined);
	return new ApiError(kindForStatus(status), message, {status, errorCode, retryAfterMs, hint, shouldRetry: retry});
}

/** What to do when no key was found: the ways to give one, and the demo that needs none. */
const NO_KEY = 'no API key: set LETTA_API_KEY, pass --api-key-file, run `letta` once to log in, or try --demo';

/**
 * A request that got no answer, when no key was found either: the network comes first, but the
 * missing key is said now rather than after the network is fixed and a 401 comes back.
 */
function withoutKeySaid(error: ApiError, keySource: string | undefined): ApiError {
	if (keySource || error.kind !== 'network') return error;
	return new ApiError(error.kind, error.message, {
		status: error.status,
		errorCode: error.errorCode,
		retryAfterMs: error.retryAfterMs,
		shouldRetry: error.shouldRetry,
		hint: error.hint ? `${error.hint}; and ${NO_KEY}` : NO_KEY,
	});
}

/**
 * What to do about a key the API rejected, by where it came from: each names a way out that is not
 * the one that failed (a rejected LETTA_API_KEY is not fixed by setting LETTA_API_KEY).
 */
function rejectedKeyHint(keySource: string): string {
	const why = `the API key from ${keySource} was rejected (revoked, or of another organization or server)`;
	if (keySource === 'LETTA_API_KEY') {
		return `${why}: set LETTA_API_KEY to a current key, or unset it to use Letta Code's login`;
	}

	if (keySource.includes('settings.json')) {
		return `${why}: run \`letta\` once to log in again, or set LETTA_API_KEY to a current key`;
	}

	return `${why}: put a current key there, or set LETTA_API_KEY to one`;
}

function hintFor(kind: string, keySource: string | undefined, baseUrl: string): string | undefined {
	switch (kind) {
		case 'unauthorized': {
			return keySource ? rejectedKeyHint(keySource) : NO_KEY;
		}

		case 'forbidden': {
			return 'the API key is valid but may not list environments; ask an organization admin';
		}

		case 'not-found': {
			return `${maskUrl(baseUrl)} does not serve /v1/environments; check --base-url (the self-hosted Letta server does not have this endpoint)`;
		}

		default: {
			return undefined;
		}
	}
}
