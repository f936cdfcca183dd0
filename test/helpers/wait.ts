/**
 * Waiting for what a person would see, instead of sleeping a fixed time:
 * poll a condition until it holds or a generous deadline passes (the CI
 * machine is slow and shared; a deadline is a hang guard, not a speed claim).
 */
import {inspect} from 'node:util';

export async function waitFor<T>(
	probe: () => T | undefined | null | false,
	what: string,
	timeoutMs = 15_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = probe();
			if (value) {
				return value;
			}
		} catch (error) {
			last = error;
		}

		if (Date.now() > deadline) {
			// What the probe last threw says why it never held; an Error as its `name: message`.
			const why = last instanceof Error ? String(last) : inspect(last);
			throw new Error(`timed out waiting for ${what}${last ? `: ${why}` : ''}`);
		}

		await new Promise(resolve => setTimeout(resolve, 25));
	}
}
