/**
 * The budget's promise, over any schedule of takes (several at once included) and 429s: in any window of t seconds
 * at most maxRps * t + depth requests go out, depth being the bucket's (one second's worth for the live view, the
 * burst for a one-shot until its first 429, one second's worth after).
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {createRequestBudget} from '../../src/fleet/request-budget.js';
import {fakeClock, flush} from '../helpers/fake-clock.js';

type Step = {gapMs: number; takes: number; rateLimited: boolean};

const step = fc.record({
	gapMs: fc.integer({min: 0, max: 3000}),
	takes: fc.integer({min: 0, max: 12}),
	rateLimited: fc.boolean(),
});

/** Runs the schedule on fake time; the times (ms) each take was granted, and when the first 429 came. */
async function run(maxRps: number, burst: number, steps: Step[], with429: boolean) {
	const {clock, advance} = fakeClock(0);
	const budget = createRequestBudget(
		maxRps,
		{
			now: clock.now,
			sleep: ms => new Promise(resolve => clock.setTimeout(resolve, ms)),
		},
		burst,
	);
	const granted: number[] = [];
	const waiting: Array<Promise<void>> = [];
	let first429 = Number.POSITIVE_INFINITY;
	for (const {gapMs, takes, rateLimited} of steps) {
		await advance(gapMs);
		if (with429 && rateLimited) {
			budget.rateLimited();
			first429 = Math.min(first429, clock.now());
		}

		for (let take = 0; take < takes; take++) {
			waiting.push(budget.take().then(() => void granted.push(clock.now())));
		}

		// Takes with room are granted now: record them before time moves on.
		await flush();
	}

	// Long enough for every take still waiting: at most 12 * steps of them, one every 1000 / maxRps ms.
	await advance(steps.length * 12 * (1000 / maxRps) + 1000);
	await Promise.all(waiting);
	return {granted: granted.sort((a, b) => a - b), first429};
}

/** The most requests granted within any window [granted[i], granted[j]], over that window's allowance. */
function worstExcess(granted: number[], maxRps: number, depth: number): number {
	let worst = Number.NEGATIVE_INFINITY;
	for (let i = 0; i < granted.length; i++) {
		for (let j = i; j < granted.length; j++) {
			const allowed = (maxRps * (granted[j]! - granted[i]!)) / 1000 + depth;
			worst = Math.max(worst, j - i + 1 - allowed);
		}
	}

	return worst;
}

describe('the request budget over any schedule of takes', () => {
	it('the live view: never more than maxRps * t + maxRps requests in any window of t', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({min: 1, max: 50}), fc.array(step, {maxLength: 30}), async (maxRps, steps) => {
				const {granted} = await run(maxRps, maxRps, steps, true);
				expect(granted.length).toBe(steps.reduce((sum, {takes}) => sum + takes, 0));
				// A millisecond's rounding of the fake clock is the only slack.
				expect(worstExcess(granted, maxRps, maxRps)).toBeLessThan(1e-9 + maxRps / 1000);
			}),
			{numRuns: 150},
		);
	});

	it('a one-shot: within maxRps * t + its burst, and within maxRps * t + maxRps once a 429 came', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({min: 1, max: 20}),
				fc.integer({min: 20, max: 120}),
				fc.array(step, {maxLength: 30}),
				async (maxRps, burst, steps) => {
					const {granted, first429} = await run(maxRps, burst, steps, true);
					expect(worstExcess(granted, maxRps, burst)).toBeLessThan(1e-9 + maxRps / 1000);
					const after429 = granted.filter(time => time > first429);
					expect(worstExcess(after429, maxRps, maxRps)).toBeLessThan(1e-9 + maxRps / 1000);
				},
			),
			{numRuns: 150},
		);
	});
});
