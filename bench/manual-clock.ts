/** A clock for the running App whose time moves only when the bench says: a tick is timed from the moment it falls. */
import type {Clock} from '../src/poller/poller.js';

/**
 * `clock` starts at `start` (epoch ms); a timer of 0 ms runs on the next turn of the event loop (the first poll),
 * any other only when `advance(ms)` moves time past it, in the order due. `advance` returns once the due timers ran.
 */
export function manualClock(start: number) {
	let time = start;
	let nextHandle = 1;
	const timers = new Map<number, {at: number; callback: () => void}>();
	const clock: Clock = {
		now: () => time,
		setTimeout(callback, ms) {
			const handle = nextHandle++;
			timers.set(handle, {at: time + ms, callback});
			if (ms <= 0) {
				setImmediate(() => {
					if (timers.delete(handle)) callback();
				});
			}

			return handle;
		},
		clearTimeout(handle) {
			timers.delete(handle as number);
		},
	};

	function advance(ms: number): void {
		time += ms;
		const due = [...timers.entries()].filter(([, timer]) => timer.at <= time).sort((a, b) => a[1].at - b[1].at);
		for (const [handle, timer] of due) {
			if (timers.delete(handle)) timer.callback();
		}
	}

	return {clock, advance};
}
