/** A clock whose time moves only when the test says so (src/poller/poller.ts Clock). */
import type {Clock} from '../../src/poller/poller.js';
import {T0} from './fixtures.js';

/**
 * Timers due at the same time fire in the order they were set, as Node's do.
 * `advance(ms)` runs every timer due within `ms`, in order, letting promises
 * settle after each; `jump(ms)` moves time without running them; `pending()`
 * lists the delays (ms from now) still set.
 */
export function fakeClock(start = T0) {
	let time = start;
	let nextHandle = 1;
	const timers = new Map<number, {at: number; callback: () => void}>();
	const clock: Clock = {
		now: () => time,
		setTimeout(callback, ms) {
			const handle = nextHandle++;
			timers.set(handle, {at: time + ms, callback});
			return handle;
		},
		clearTimeout(handle) {
			timers.delete(handle as number);
		},
	};

	async function advance(ms: number) {
		const until = time + ms;
		for (;;) {
			const due = [...timers.entries()]
				.filter(([, timer]) => timer.at <= until)
				.sort((a, b) => a[1].at - b[1].at)[0];
			if (!due) break;
			timers.delete(due[0]);
			// An overdue timer (after a jump) runs late, at the time it is, as a real one does.
			time = Math.max(time, due[1].at);
			due[1].callback();
			await flush();
		}

		time = until;
		await flush();
	}

	/**
	 * Moves time on without running any timer, as for a process that was stopped (Ctrl-Z) and then continued: the next
	 * advance finds them overdue.
	 */
	function jump(ms: number) {
		time += ms;
	}

	return {clock, advance, jump, pending: () => [...timers.values()].map(timer => timer.at - time)};
}

/** Lets already-settled promises run their callbacks. */
export async function flush() {
	for (let index = 0; index < 10; index++) await Promise.resolve();
}
