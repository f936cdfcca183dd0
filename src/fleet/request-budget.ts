/**
 * A request budget: at most `maxRps` list requests a second on average,
 * whatever the fleet size, retries included. A token bucket holding one
 * second's worth: a small fleet's pass goes out at once, a 100-page pass is
 * spread over about ten seconds at the default 10 req/s instead of hitting the
 * platform's per-route rate limit (429 `route_rps_rate_limit_exceeded`,
 * reference: "Errors and limits").
 */

export type BudgetClock = {
	now: () => number;
	/** Resolves after `ms`, or at once when `signal` aborts. */
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export type RequestBudget = {
	readonly maxRps: number;
	/** Waits until a request may go out, and spends it. Resolves with the ms waited (0 when the budget had room). */
	take(signal?: AbortSignal): Promise<number>;
};

/** `maxRps` > 0: requests a second on average; the bucket holds `maxRps` (one second's worth), full at first. */
export function createRequestBudget(maxRps: number, clock: BudgetClock): RequestBudget {
	if (!(maxRps > 0)) {
		throw new RangeError(`maxRps must be positive, got ${maxRps}`);
	}

	const msPerRequest = 1000 / maxRps;
	let tokens = maxRps;
	let refilledAt = clock.now();

	function refill(): void {
		const now = clock.now();
		tokens = Math.min(maxRps, tokens + (now - refilledAt) / msPerRequest);
		refilledAt = now;
	}

	return {
		maxRps,
		async take(signal) {
			refill();
			if (tokens >= 1) {
				tokens -= 1;
				return 0;
			}

			const waitMs = Math.ceil((1 - tokens) * msPerRequest);
			await clock.sleep(waitMs, signal);
			refill();
			tokens = Math.max(0, tokens - 1);
			return waitMs;
		},
	};
}
