/**
 * One error type for everything that can go wrong talking to the API, sorted
 * into kinds a person can act on. `retryable` says whether waiting helps.
 */
import {sanitizeText} from './sanitize.js';

export type ApiErrorKind =
	| 'unauthorized'
	| 'forbidden'
	| 'not-found'
	| 'bad-request'
	| 'rate-limited'
	| 'server'
	| 'timeout'
	| 'network'
	| 'bad-response'
	| 'cursor-stuck'
	| 'page-cap'
	| 'insecure'
	/** The server's certificate was refused (self-signed, unknown CA, expired, wrong host name). */
	| 'tls'
	/** The proxy refused us (407) or its variable cannot be used; the proxy being unreachable stays 'network'. */
	| 'proxy'
	/**
	 * The answer is not the API's: an HTML page or other body not of its shape, whatever the status (a proxy's or
	 * filter's page).
	 */
	| 'not-letta'
	/** A 3xx: never followed, since the key would go along; the message names the Location. */
	| 'redirect'
	/** The body stopped short: the socket ended mid-body, or JSON ended early. */
	| 'truncated'
	/** The body passed --max-body-mib, on the wire or inflated. */
	| 'too-large'
	/**
	 * The API key holds characters no key has (whitespace, controls, non-ASCII), so it cannot go in a header; it was
	 * not sent.
	 */
	| 'bad-key';

/**
 * The errorCode of an expired Letta Code login (credentials/login-expiry.ts): ours, not the API's
 * (the token was never sent), so the live view can say it waits for a fresh login rather than
 * that the API failed.
 */
export const LOGIN_EXPIRED = 'login_expired';

const RETRYABLE: ReadonlySet<ApiErrorKind> = new Set(['rate-limited', 'server', 'timeout', 'network', 'truncated']);

export type ApiErrorDetails = {
	status?: number;
	errorCode?: string;
	retryAfterMs?: number;
	hint?: string;
	/** The server's own say (`x-should-retry`); overrides what the kind implies. */
	shouldRetry?: boolean;
};

export class ApiError extends Error {
	readonly kind: ApiErrorKind;
	readonly status: number | undefined;
	readonly errorCode: string | undefined;
	readonly retryAfterMs: number | undefined;
	readonly hint: string | undefined;
	readonly shouldRetry: boolean | undefined;

	constructor(kind: ApiErrorKind, message: string, details: ApiErrorDetails = {}) {
		super(sanitizeText(message, 300));
		this.name = 'ApiError';
		this.kind = kind;
		this.status = details.status;
		this.errorCode = details.errorCode === undefined ? undefined : sanitizeText(details.errorCode, 80);
		this.retryAfterMs = details.retryAfterMs;
		this.hint = details.hint;
		this.shouldRetry = details.shouldRetry;
	}

	/**
	 * Whether trying again soon may help: the server's `x-should-retry` when it sent one, else
	 * by kind. It governs the retries inside one pass (fleet/retry.ts). The poller does not halt
	 * on `x-should-retry: false`: the header speaks of that one request (the official SDK, too,
	 * only stops retrying that call), and a monitor frozen until someone presses r would be
	 * worse than one more poll after its normal backoff.
	 */
	get retryable(): boolean {
		return this.shouldRetry ?? RETRYABLE.has(this.kind);
	}

	/** One line for a person: what failed and, where known, what to do. */
	describe(): string {
		const parts = [this.status === undefined ? this.kind : `HTTP ${this.status}`];
		if (this.errorCode) {
			parts.push(this.errorCode);
		}

		let line = `${parts.join(' ')}: ${this.message}`;
		if (this.hint) {
			line += ` (${this.hint})`;
		}

		if (this.retryAfterMs !== undefined) {
			line += `; the server asks to wait ${Math.ceil(this.retryAfterMs / 1000)}s`;
		}

		return line;
	}
}

/** What an error response says about retrying, read the way the official SDK reads it. */
export type RetrySignals = {
	/** `x-should-retry: true|false`; undefined when absent or anything else. */
	shouldRetry: boolean | undefined;
	/** `retry-after-ms` (milliseconds, may be fractional) when valid, else `Retry-After` (seconds or an HTTP date). */
	retryAfterMs: number | undefined;
};

type HeaderValue = string | string[] | undefined;

function first(value: HeaderValue): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/**
 * The retry headers of a response (lowercase names, as node:http gives them). Source: the
 * official SDK (@letta-ai/letta-client 1.12, `shouldRetry` and `retryRequest` of its core
 * client): `x-should-retry` decides, and `retry-after-ms` wins over `Retry-After`.
 */
export function parseRetrySignals(headers: Readonly<Record<string, HeaderValue>>, now: number): RetrySignals {
	const should = first(headers['x-should-retry'])?.trim().toLowerCase();
	const shouldRetry = should === 'true' ? true : should === 'false' ? false : undefined;
	const milliseconds = first(headers['retry-after-ms'])?.trim();
	const retryAfterMs =
		milliseconds && /^\d+(\.\d+)?$/.test(milliseconds)
			? Math.ceil(Number(milliseconds))
			: parseRetryAfter(first(headers['retry-after']), now);
	return {shouldRetry, retryAfterMs};
}

/** Retry-After is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (!value) {
		return undefined;
	}

	const trimmed = value.trim();
	if (/^\d+$/.test(trimmed)) {
		return Number(trimmed) * 1000;
	}

	const date = Date.parse(trimmed);
	if (Number.isFinite(date)) {
		return Math.max(0, date - now);
	}

	return undefined;
}

export function kindForStatus(status: number): ApiErrorKind {
	if (status === 401) {
		return 'unauthorized';
	}

	if (status === 403) {
		return 'forbidden';
	}

	if (status === 404) {
		return 'not-found';
	}

	if (status === 408) {
		return 'timeout';
	}

	if (status === 429) {
		return 'rate-limited';
	}

	if (status >= 500) {
		return 'server';
	}

	return 'bad-request';
}

export function asApiError(error: unknown): ApiError {
	if (error instanceof ApiError) {
		return error;
	}

	return new ApiError('network', error instanceof Error ? error.message : String(error));
}
