/**
 * Which random thing happens to a device during churn. The weights are tuned so
 * that about 70% of the fleet stays connected and additions roughly balance
 * removals, keeping a long-running demo fleet near its starting size.
 */
import type {Random} from './random.js';
import type {DeviceState} from './types.js';

export type ChurnEvent =
	| 'disconnect'
	| 'connect'
	| 'reconnect'
	| 'hang'
	| 'mode'
	| 'branch'
	| 'upgrade'
	| 'add'
	| 'remove'
	| 'none';

const ONLINE: ReadonlyArray<[ChurnEvent, number]> = [
	['disconnect', 0.27],
	['reconnect', 0.15],
	['hang', 0.09],
	['mode', 0.17],
	['branch', 0.17],
	['upgrade', 0.13],
	['add', 0.02],
];

const OFFLINE: ReadonlyArray<[ChurnEvent, number]> = [
	['connect', 0.88],
	['remove', 0.09],
	['add', 0.03],
];

export function pickChurnEvent(random: Random, state: DeviceState): ChurnEvent {
	// A hung device's fate (recover or drop) is already decided when it hangs.
	if (state === 'hung') {
		return 'none';
	}

	return random.weighted(state === 'online' ? ONLINE : OFFLINE);
}

/** Events in one step for a Poisson process of `mean` events a step (Knuth's method; means here are small). */
export function poisson(random: Random, mean: number): number {
	if (mean <= 0) {
		return 0;
	}

	// Split large means so exp(-mean) never underflows to zero.
	if (mean > 30) {
		return poisson(random, mean / 2) + poisson(random, mean / 2);
	}

	const limit = Math.exp(-mean);
	let count = 0;
	let product = random.next();
	while (product > limit) {
		count++;
		product *= random.next();
	}

	return count;
}
