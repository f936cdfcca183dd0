import {describe, expect, it} from 'vitest';
import {ApiError} from '../../src/api/errors.js';
import type {Snapshot} from '../../src/fleet/types.js';
import {createPoller} from '../../src/poller/poller.js';
import {fakeClock, flush} from '../helpers/fake-clock.js';
import {snapshotOf, T0} from '../helpers/fixtures.js';

/** A poll function the test settles by hand, to see what happens while a poll is in flight. */
function manualPolls() {
	const calls: Array<{resolve: (snapshot: Snapshot) => void; reject: (error: unknown) => void}> = [];
	const poll = () => new Promise<Snapshot>((resolve, reject) => calls.push({resolve, reject}));
	return {poll, calls};
}

describe('createPoller', () => {
	it('polls at once, then every interval after the last poll settles', async () => {
		const {clock, advance} = fakeClock();
		const {poll, calls} = manualPolls();
		const successes: number[] = [];
		const poller = createPoller({poll, intervalMs: 2000, clock, onSuccess: () => successes.push(clock.now())});
		poller.start();
		await advance(0);
		expect(calls).toHaveLength(1);
		// A slow poll: 5 s in flight, and no second poll starts meanwhile.
		await advance(5000);
		expect(calls).toHaveLength(1);
		calls[0]!.resolve(snapshotOf([], clock.now()));
		await flush();
		await advance(1999);
		expect(calls).toHaveLength(1);
		await advance(1);
		expect(calls).toHaveLength(2);
		expect(successes).toEqual([T0 + 5000]);
		poller.stop();
	});

	it('says when the next poll is due: none while one is in flight or paused', async () => {
		const {clock, advance} = fakeClock();
		const {poll, calls} = manualPolls();
		const poller = createPoller({poll, intervalMs: 2000, clock});
		poller.start();
		expect(poller.nextPollAt).toBe(T0);
		await advance(0);
		expect(poller.nextPollAt).toBeNull();
		await advance(300);
		calls[0]!.resolve(snapshotOf([], clock.now()));
		await flush();
		expect(poller.nextPollAt).toBe(T0 + 2300);
		poller.pause();
		expect(poller.nextPollAt).toBeNull();
		poller.stop();
	});

	it('backs off on transient failures and honours Retry-After', async () => {
		const {clock, advance} = fakeClock();
		const {poll, calls} = manualPolls();
		const nextAttempts: Array<number | null> = [];
		const poller = createPoller({
			poll,
			intervalMs: 2000,
			clock,
			random: () => 1,
			onFailure: (_error, at, next) => nextAttempts.push(next === null ? null : next - at),
		});
		poller.start();
		await advance(0);
		calls[0]!.reject(new ApiError('server', 'down', {status: 503}));
		await flush();
		await advance(2000);
		calls[1]!.reject(new ApiError('server', 'down', {status: 503}));
		await flush();
		await advance(4000);
		calls[2]!.reject(new ApiError('rate-limited', 'slow down', {status: 429, retryAfterMs: 20_000}));
		await flush();
		expect(nextAttempts).toEqual([2000, 4000, 20_000]);
		await advance(19_999);
		expect(calls).toHaveLength(3);
		await advance(1);
		expect(calls).toHaveLength(4);
		poller.stop();
	});

	it('halts on a rejected key until asked to poll again', async () => {
		const {clock, advance, pending} = fakeClock();
		const {poll, calls} = manualPolls();
		const halts: boolean[] = [];
		const poller = createPoller({
			poll,
			intervalMs: 2000,
			clock,
			onFailure: (_e, _at, _next, halted) => halts.push(halted),
		});
		poller.start();
		await advance(0);
		calls[0]!.reject(new ApiError('unauthorized', 'bad key', {status: 401}));
		await flush();
		expect(halts).toEqual([true]);
		expect(pending()).toEqual([]);
		await advance(60_000);
		expect(calls).toHaveLength(1);
		poller.pollNow();
		await advance(0);
		expect(calls).toHaveLength(2);
		poller.stop();
	});

	it('pauses and resumes; poll-now works while paused', async () => {
		const {clock, advance} = fakeClock();
		const {poll, calls} = manualPolls();
		const poller = createPoller({poll, intervalMs: 2000, clock});
		poller.start();
		await advance(0);
		calls[0]!.resolve(snapshotOf([], clock.now()));
		await flush();
		poller.pause();
		await advance(10_000);
		expect(calls).toHaveLength(1);
		poller.pollNow();
		await advance(0);
		expect(calls).toHaveLength(2);
		calls[1]!.resolve(snapshotOf([], clock.now()));
		await flush();
		await advance(10_000);
		expect(calls).toHaveLength(2);
		poller.resume();
		await advance(0);
		expect(calls).toHaveLength(3);
		poller.stop();
	});

	it('queues a poll-now that arrives during a poll instead of overlapping it', async () => {
		const {clock, advance} = fakeClock();
		const {poll, calls} = manualPolls();
		const poller = createPoller({poll, intervalMs: 60_000, clock});
		poller.start();
		await advance(0);
		poller.pollNow();
		poller.pollNow();
		await advance(100);
		expect(calls).toHaveLength(1);
		calls[0]!.resolve(snapshotOf([], clock.now()));
		await flush();
		await advance(0);
		expect(calls).toHaveLength(2);
		poller.stop();
	});

	it('leaves no timer behind when stopped', async () => {
		const {clock, advance, pending} = fakeClock();
		const {poll, calls} = manualPolls();
		const poller = createPoller({poll, intervalMs: 2000, clock});
		poller.start();
		await advance(0);
		calls[0]!.resolve(snapshotOf([], clock.now()));
		await flush();
		expect(pending()).toHaveLength(1);
		poller.stop();
		expect(pending()).toEqual([]);
	});
});
