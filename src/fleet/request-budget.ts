/**
 * A request budget: at most `maxRps` list requests a second on average,
 * whatever the fleet size, retries included. A token bucket: the live view, the
 * exporter and `--events` hold one second's worth, so a small fleet's pass goes
 * out at once and a 100-page pass is spread over about ten seconds at the
 * default 10 req/s instead of hitting the platform's per-route rate limit (429
 * `route_rps_rate_limit_exceeded`, reference: "Errors and limits").
 *
 * A one-shot (`--once`, `--json`) is a single pass that a person or a script
 * waits for, not a steady load: its bucket is ONE_SHOT_BURST_REQUESTS deep, so
 * a pass of up to ONE_SHOT_BURST_LISTENERS goes out at once where the server
 * allows. A 429 empties the bucket and makes a burst budget a paced one for the
 * rest of its life (one pass, for a one-shot): the server said the burst was
 * too much, and Retry-After is honoured by the retry that follows (retry.ts).
 */

export type BudgetClock = {
	now: () => number;
	/** Resolves after `ms`, or at once when `signal` aborts. */
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export type RequestBudget = {
	readonly maxRps: number;
	/**
	 * Waits until a request may go out, and spends it. Resolves with the ms waited (0 when the budget had room);
	 * an aborted `signal` ends the wait early and the request is spent all the same (the caller stops anyway).
	 */
	take(signal?: AbortSignal): Promise<number>;
	/** The server answered 429: the bucket empties, and a burst budget keeps to maxRps (depth maxRps) from now on. */
	rateLimited(): void;
};

/**
 * Listeners a one-shot fetches in one burst: the fleet issue 21 asks to end "in about a second where the server
 * allows" (a large organization's whole fleet).
 */
export const ONE_SHOT_BURST_LISTENERS = 10_000;

/**
 * Records a page is counted at for the burst: the page size clients are known to get (reference: "the server's
 * default and maximum `limit` are not confirmed; clients use 50 and 100"), and the demo server's cap.
 */
export const BURST_PAGE_RECORDS = 100;

/** A one-shot's bucket depth, in list requests: one pass of ONE_SHOT_BURST_LISTENERS at BURST_PAGE_RECORDS a page. */
export const ONE_SHOT_BURST_REQUESTS = Math.ceil(ONE_SHOT_BURST_LISTENERS / BURST_PAGE_RECORDS);

/**
 * `maxRps` > 0: requests a second on average. `burst`: the bucket's depth in requests, at least `maxRps` (one
 * second's worth, the default); ONE_SHOT_BURST_REQUESTS for a one-shot. The bucket starts full. Over any window
 * of t seconds, at most `maxRps * t + depth` requests go out (test/fleet/request-budget-property.test.ts).
 * Throws RangeError for a `maxRps` or `burst` that is not a positive number.
 */
export function createRequestBudget(maxRps: number, clock: BudgetClock, burst = maxRps): RequestBudget {
	if (!(maxRps > 0) || !Number.isFinite(maxRps)) {
		throw new RangeError(`maxRps must be positive, got ${maxRps}`);
	}

	if (!(burst > 0) || !Number.isFinite(burst)) {
		throw new RangeError(`burst must be positive, got ${burst}`);
	}

	const msPerRequest = 1000 / maxRps;
	let depth = Math.max(maxRps, burst);
	let tokens = depth;
	let refilledAt = clock.now();

	function refill(): void {
		const now = clock.now();
		// A wall clock set back must not take tokens away (nor, set forward, give more than the depth).
		tokens = Math.min(depth, tokens + Math.max(0, now - refilledAt) / msPerRequest);
		refilledAt = now;
	}

	return {
		maxRps,
		async take(signal) {
			let waitedMs = 0;
			refill();
			// Several takes may wait at once: each wakes to look again, so none spends a token another took.
			while (tokens < 1 && !signal?.aborted) {
				const waitMs = Math.ceil((1 - tokens) * msPerRequest);
				await clock.sleep(waitMs, signal);
				waitedMs += waitMs;
				refill();
			}

			tokens = Math.max(0, tokens - 1);
			return waitedMs;
		},
		rateLimited() {
			refill();
			depth = Math.min(depth, maxRps);
			tokens = 0;
		},
	};
}
