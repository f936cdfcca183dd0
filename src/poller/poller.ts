/**
 * Polls on an interval, one poll at a time: the next one is scheduled only
 * when the last one has settled, so a slow API is never asked twice at once.
 * Transient failures back off (honouring Retry-After); failures that waiting
 * cannot fix (a rejected key, a wrong URL) halt until asked to poll again.
 * Time comes from an injected clock, so tests run on fake time.
 */
import {type ApiError, asApiError} from '../api/errors.js';
import {backoffDelay, type RetryPolicy} from '../fleet/retry.js';
import type {Snapshot} from '../fleet/types.js';

export type Clock = {
	now: () => number;
	setTimeout: (callback: () => void, ms: number) => unknown;
	clearTimeout: (handle: unknown) => void;
};

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout),
};

export type PollerListener = {
	onStart?: (at: number) => void;
	onSuccess?: (snapshot: Snapshot) => void;
	onFailure?: (error: ApiError, at: number, nextAttemptAt: number | null, halted: boolean) => void;
};

export type PollerOptions = PollerListener & {
	poll: (signal: AbortSignal) => Promise<Snapshot>;
	intervalMs: number;
	clock?: Clock;
	random?: () => number;
	backoff?: Partial<RetryPolicy>;
};

export type Poller = {
	start(): void;
	stop(): void;
	pause(): void;
	resume(): void;
	/** Polls at once (or as soon as the poll in flight settles); also restarts a halted poller. */
	pollNow(): void;
	readonly paused: boolean;
	readonly inFlight: boolean;
	/**
	 * When the next poll is due (ms on the poller's clock), or null when none is set (in flight, paused, halted,
	 * stopped).
	 */
	readonly nextPollAt: number | null;
};

// Waiting fixes none of these: a rejected key, a wrong URL, a proxy that refuses us (407) or whose variable cannot be
// used.
// Not here, so polling goes on with backoff: an answer that is not the API's (not-letta, redirect), a body
// cut off or over the cap (truncated, too-large), a key that cannot be sent (bad-key: its file may be fixed).
const HALTING_KINDS = new Set(['unauthorized', 'forbidden', 'not-found', 'insecure', 'proxy']);

export function createPoller(options: PollerOptions): Poller {
	const clock = options.clock ?? systemClock;
	const random = options.random ?? Math.random;
	const policy: RetryPolicy = {
		attempts: Number.POSITIVE_INFINITY,
		baseDelayMs: Math.max(1000, options.intervalMs),
		maxDelayMs: 60_000,
		maxRetryAfterMs: 5 * 60_000,
		...options.backoff,
	};
	let timer: unknown;
	let dueAt: number | null = null;
	let running = false;
	let paused = false;
	let inFlight = false;
	let pollAgain = false;
	let failures = 0;
	let controller: AbortController | undefined;

	function schedule(delayMs: number, evenIfPaused = false) {
		clearTimer();
		if (running && (!paused || evenIfPaused)) {
			timer = clock.setTimeout(() => void run(), Math.max(0, delayMs));
			dueAt = clock.now() + Math.max(0, delayMs);
		}
	}

	function clearTimer() {
		dueAt = null;
		if (timer !== undefined) {
			clock.clearTimeout(timer);
			timer = undefined;
		}
	}

	async function run() {
		timer = undefined;
		dueAt = null;
		if (!running || inFlight) {
			return;
		}

		inFlight = true;
		controller = new AbortController();
		options.onStart?.(clock.now());
		try {
			const snapshot = await options.poll(controller.signal);
			if (!running) return;
			failures = 0;
			options.onSuccess?.(snapshot);
			settle(options.intervalMs);
		} catch (caught) {
			if (!running) return;
			const error = asApiError(caught);
			failures++;
			const halted = HALTING_KINDS.has(error.kind);
			const delay = halted ? null : backoffDelay(error, failures, policy, random);
			const nextAttemptAt = delay === null || paused ? null : clock.now() + delay;
			options.onFailure?.(error, clock.now(), nextAttemptAt, halted);
			if (delay !== null) {
				settle(delay);
			} else {
				settle(null);
			}
		}
	}

	function settle(delayMs: number | null) {
		inFlight = false;
		controller = undefined;
		if (pollAgain) {
			pollAgain = false;
			schedule(0, true);
		} else if (delayMs !== null) {
			schedule(delayMs);
		}
	}

	return {
		start() {
			if (running) return;
			running = true;
			schedule(0);
		},
		stop() {
			running = false;
			clearTimer();
			controller?.abort();
		},
		pause() {
			paused = true;
			clearTimer();
		},
		resume() {
			if (!paused) return;
			paused = false;
			if (!inFlight) schedule(0);
		},
		pollNow() {
			if (!running) return;
			if (inFlight) {
				pollAgain = true;
				return;
			}

			// A person asked for fresh data: that holds while paused too.
			schedule(0, true);
		},
		get paused() {
			return paused;
		},
		get inFlight() {
			return inFlight;
		},
		get nextPollAt() {
			return dueAt;
		},
	};
}
