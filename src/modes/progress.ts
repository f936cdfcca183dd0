/**
 * A one-shot fetch that takes long says so on stderr, when stderr is a
 * terminal: a person at a prompt should not stare at 45 silent seconds. A
 * pipe or a log file gets nothing (the line is redrawn with \r, which only a
 * terminal reads as meant).
 */
import type {Io} from './io.js';

/** Silence before the first word, ms: most fetches end before a person wonders. */
export const PROGRESS_AFTER_MS = 1000;

/**
 * Starts the progress line for a wait on `what`; call the returned function
 * when the wait ends, to stop and erase it. `timeoutMs`: one request's limit,
 * said with the flag that changes it.
 */
export function showWaiting(
	io: Io,
	what: string,
	timeoutMs: number,
	clock = {setInterval, clearInterval, now: Date.now},
): () => void {
	const stderr = io.stderr as NodeJS.WritableStream & {isTTY?: boolean};
	if (!stderr.isTTY) {
		return () => {};
	}

	const startedAt = clock.now();
	let shown = false;
	const timer = clock.setInterval(() => {
		const seconds = Math.round((clock.now() - startedAt) / 1000);
		if (seconds * 1000 < PROGRESS_AFTER_MS) return;
		shown = true;
		stderr.write(
			`\r\u001B[2Kletta-fleet: waiting for ${what}: ${seconds}s (a request gives up after ${timeoutMs / 1000}s; --timeout changes it)`,
		);
	}, 1000);
	return () => {
		clock.clearInterval(timer);
		if (shown) stderr.write('\r\u001B[2K');
	};
}
