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
	| 'insecure';

const RETRYABLE: ReadonlySet<ApiErrorKind> = new Set(['rate-limited', 'server', 'timeout', 'network']);

export type ApiErrorDetails = {
	status?: number;
	errorCode?: string;
	retryAfterMs?: number;
	hint?: string;
};

export class ApiError extends Error {
	readonly kind: ApiErrorKind;
	readonly status: number | undefined;
	readonly errorCode: string | undefined;
	readonly retryAfterMs: number | undefined;
	readonly hint: string | undefined;

	constructor(kind: ApiErrorKind, message: string, details: ApiErrorDetails = {}) {
		super(sanitizeText(message, 300));
		this.name = 'ApiError';
		this.kind = kind;
		this.status = details.status;
		this.errorCode = details.errorCode === undefined ? undefined : sanitizeText(details.errorCode, 80);
		this.retryAfterMs = details.retryAfterMs;
		this.hint = details.hint;
	}

	get retryable(): boolean {
		return RETRYABLE.has(this.kind);
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
