/**
 * Backoff for transient API failures: exponential with jitter, never sooner
 * than the server's Retry-After, never later than a cap a person would accept.
 */
import {type ApiError, asApiError} from '../api/errors.js';

export type RetryPolicy = {
	/** Tries in all, the first one included. */
	attempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/**
	 * The longest Retry-After honoured. Inline retries (withRetries) give up on a longer one and
	 * let the caller say so; the poller waits at most this long (a server's typo must not freeze us for a day).
	 */
	maxRetryAfterMs: number;
};

/** Retries inside one pass, for a one-shot fetch: there is no next poll to wait for. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	attempts: 3,
	baseDelayMs: 500,
	maxDelayMs: 5000,
	maxRetryAfterMs: 10_000,
};

/**
 * Retries inside one pass while polling: one quick retry, so a page that failed
 * mid-pass does not cost the pages before it; anything slower is the poller's
 * to wait for, where the screen can say so.
 */
export const POLLING_RETRY_POLICY: RetryPolicy = {
	attempts: 2,
	baseDelayMs: 500,
	maxDelayMs: 1000,
	maxRetryAfterMs: 1000,
};

/** The wait before try number `failures + 1`; `random` returns [0, 1). */
export function backoffDelay(
	error: ApiError | undefined,
	failures: number,
	policy: RetryPolicy,
	random: () => number,
): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
	// "Equal jitter": half fixed, half random, so clients that failed together do not retry together.
	const jittered = exponential / 2 + (random() * exponential) / 2;
	const retryAfter = error?.retryAfterMs;
	if (retryAfter === undefined) {
		return Math.round(jittered);
	}

	return Math.round(Math.max(jittered, Math.min(retryAfter, policy.maxRetryAfterMs)));
}

export type RetryEnvironment = {
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	random: () => number;
	onRetry?: (error: ApiError, attempt: number, delayMs: number) => void;
	signal?: AbortSignal;
};

export async function withRetries<T>(
	operation: () => Promise<T>,
	policy: RetryPolicy,
	environment: RetryEnvironment,
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await operation();
		} catch (caught) {
			const error = asApiError(caught);
			const waitTooLong = error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs;
			if (!error.retryable || waitTooLong || attempt >= policy.attempts || environment.signal?.aborted) {
				throw error;
			}

			const delay = backoffDelay(error, attempt, policy, environment.random);
			environment.onRetry?.(error, attempt, delay);
			await environment.sleep(delay, environment.signal);
		}
	}
}

export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise(resolve => {
		// Never negative: Node would print a TimeoutNegativeWarning to stderr, over the live view.
		const timer = setTimeout(done, Math.max(0, ms));
		function done() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}

		signal?.addEventListener('abort', done, {once: true});
	});
}
