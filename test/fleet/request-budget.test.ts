import {describe, expect, it} from 'vitest';
import {createRequestBudget, ONE_SHOT_BURST_REQUESTS} from '../../src/fleet/request-budget.js';

function fakeClock() {
	let now = 0;
	return {
		now: () => now,
		sleep: (ms: number) => Promise.resolve(void (now += ms)),
		advance: (ms: number) => void (now += ms),
	};
}

describe('the request budget', () => {
	it('lets a small pass out at once and spreads a big one to the budget: 100 requests at 10 req/s take about 9 s', async () => {
		const clock = fakeClock();
		const budget = createRequestBudget(10, clock);
		const waits: number[] = [];
		for (let request = 0; request < 100; request++) waits.push(await budget.take());
		expect(waits.slice(0, 10)).toEqual(Array.from({length: 10}, () => 0));
		expect(clock.now()).toBeGreaterThanOrEqual(9000);
		expect(clock.now()).toBeLessThanOrEqual(9100);
		// Never more than 10 in any second after the first burst.
		expect(100 / (clock.now() / 1000 + 1)).toBeLessThanOrEqual(10);
	});

	it("refills while idle, up to one second's worth, no more", async () => {
		const clock = fakeClock();
		const budget = createRequestBudget(5, clock);
		for (let request = 0; request < 5; request++) await budget.take();
		clock.advance(60_000);
		const waits: number[] = [];
		for (let request = 0; request < 6; request++) waits.push(await budget.take());
		expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
		expect(waits[5]).toBe(200);
	});

	it('refuses a budget that is not positive', () => {
		expect(() => createRequestBudget(0, fakeClock())).toThrow(RangeError);
		expect(() => createRequestBudget(10, fakeClock(), 0)).toThrow(RangeError);
	});
});

describe("a one-shot's burst budget", () => {
	it('lets a 10 000-listener pass (100 pages of 100) out at once, then keeps to the rate', async () => {
		const clock = fakeClock();
		const budget = createRequestBudget(10, clock, ONE_SHOT_BURST_REQUESTS);
		expect(ONE_SHOT_BURST_REQUESTS).toBe(100);
		for (let request = 0; request < 100; request++) expect(await budget.take()).toBe(0);
		expect(clock.now()).toBe(0);
		expect(await budget.take()).toBe(100);
	});

	it('after a 429, paces the rest of the pass at --max-rps and never bursts deep again', async () => {
		const clock = fakeClock();
		const budget = createRequestBudget(10, clock, ONE_SHOT_BURST_REQUESTS);
		for (let request = 0; request < 50; request++) await budget.take();
		budget.rateLimited();
		// The next request waits for a token: 100 ms at 10 req/s (the retry's own Retry-After wait comes on top).
		expect(await budget.take()).toBe(100);
		const start = clock.now();
		for (let request = 0; request < 49; request++) await budget.take();
		expect(clock.now() - start).toBeGreaterThanOrEqual(4800);
		// However long it then idles, it holds one second's worth, not the burst.
		clock.advance(600_000);
		const waits: number[] = [];
		for (let request = 0; request < 11; request++) waits.push(await budget.take());
		expect(waits.slice(0, 10)).toEqual(Array.from({length: 10}, () => 0));
		expect(waits[10]).toBe(100);
	});

	it('a paced budget told of a 429 empties too', async () => {
		const clock = fakeClock();
		const budget = createRequestBudget(5, clock);
		await budget.take();
		budget.rateLimited();
		expect(await budget.take()).toBe(200);
	});
});

describe('a pass within the budget, over real HTTP', () => {
	it("sends a 10 000-listener fleet's 100 pages at no more than 10 requests a second, and says it was paced", async () => {
		const {startDemoServer} = await import('../../src/demo/server.js');
		const {createClient} = await import('../../src/api/client.js');
		const {createFleetFetcher} = await import('../../src/fleet/fetch-fleet.js');
		const server = await startDemoServer({seed: 5, size: 10_000, churnPerMinute: 0, maxPageSize: 100});
		try {
			// The budget's own clock is fake (its waits pass at once); the requests are real.
			const clock = fakeClock();
			const fetchPass = createFleetFetcher(
				createClient({baseUrl: server.url, apiKey: server.apiKey, proxyEnv: {}}),
				{
					budget: createRequestBudget(10, clock),
				},
			);
			const before = server.requests();
			const snapshot = await fetchPass();
			const requests = server.requests() - before;
			expect(snapshot.connections).toHaveLength(10_000);
			expect(requests).toBe(100);
			// Ten at once, then one every 100 ms: 100 requests over at least 9 s of the budget's clock.
			expect(clock.now()).toBeGreaterThanOrEqual(9000);
			expect(requests / (clock.now() / 1000 + 1)).toBeLessThanOrEqual(10);
			expect(snapshot.paced).toEqual({maxRps: 10, waitedMs: expect.any(Number) as number});
		} finally {
			await server.close();
		}
	});
});
