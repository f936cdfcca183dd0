/**
 * Which random thing happens to a listener record during churn. The weights are
 * tuned so that about 63% of the fleet stays connected, a few percent stale, and additions (new
 * machines, further listeners, renames, which leave the old record behind)
 * roughly balance removals (offline records ageing out), keeping a long-running
 * demo fleet near its starting size. A socket blip (same session) is more
 * common than a re-registration (new session), as on the platform.
 */
import type {Random} from './random.js';
import type {DeviceState} from './types.js';

export type ChurnEvent =
	| 'disconnect'
	| 'connect'
	/** Socket dropped and back within moments: same connectionId, new connectedAt, maybe another pod. */
	| 'blip'
	/** The listener registered again: a new connectionId. */
	| 'reconnect'
	| 'hang'
	| 'mode'
	| 'branch'
	| 'upgrade'
	/** A new machine. */
	| 'add'
	/** Another `letta server` on the same machine: a new record with the same deviceId. */
	| 'add-listener'
	/** The listener restarts under a new name: a new record; the old one goes offline and stays. */
	| 'rename'
	/** An offline record ages out. */
	| 'remove'
	| 'none';

// An online record leaves about 0.47 of its events (a disconnect, or a hang that is dropped: 0.3 + 0.26 × 0.65), an
// offline one comes back 0.8 of them: 0.8 / (0.8 + 0.47) ≈ 63 % online, where the seed starts, and a hang every
// few events keeps a few listeners stale at any moment (one stale for about 35 s a hang).
const ONLINE: ReadonlyArray<[ChurnEvent, number]> = [
	['disconnect', 0.3],
	['blip', 0.12],
	['reconnect', 0.05],
	['hang', 0.26],
	['mode', 0.08],
	['branch', 0.08],
	['upgrade', 0.06],
	['add', 0.03],
	['add-listener', 0.01],
	['rename', 0.01],
];

const OFFLINE: ReadonlyArray<[ChurnEvent, number]> = [
	['connect', 0.8],
	['remove', 0.17],
	['add', 0.03],
];

const GROWS: ReadonlySet<ChurnEvent> = new Set(['add', 'add-listener', 'rename']);

/**
 * The next event for a record in `state`. `drift` is the fleet's size over its starting size:
 * beyond 15% either way, what would move it further becomes a connect (offline) or a mode change
 * (online), so a small fleet's random walk cannot empty it or double it over a long demo.
 */
export function pickChurnEvent(random: Random, state: DeviceState, drift = 1): ChurnEvent {
	// A hung device's fate (recover or drop) is already decided when it hangs.
	if (state === 'hung') {
		return 'none';
	}

	const event = random.weighted(state === 'online' ? ONLINE : OFFLINE);
	if ((drift < 0.85 && event === 'remove') || (drift > 1.15 && GROWS.has(event))) {
		return state === 'online' ? 'mode' : 'connect';
	}

	return event;
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
