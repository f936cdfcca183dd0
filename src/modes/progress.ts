/**
 * A one-shot fetch that takes long says so on stderr, when stderr is a
 * terminal: a person at a prompt should not stare at 45 silent seconds. A
 * pipe or a log file gets nothing (the line is redrawn with \r, which only a
 * terminal reads as meant).
 */
import type {Io} from './io.js';
import {formatCount} from '../view/format.js';

/** Silence before the first word, ms: most fetches end before a person wonders. */
export const PROGRESS_AFTER_MS = 1000;

/** The waiting line's controls: call it to stop and erase the line; `progress` to say how far a pass has come. */
export type Waiting = (() => void) & {
	/** The records and pages fetched so far, said on the line from its next redraw. */
	progress: (records: number, pages: number) => void;
};

/**
 * Starts the progress line for a wait on `what`; call the returned function
 * when the wait ends, to stop and erase it. `timeoutMs`: one request's limit,
 * said with the flag that changes it. Once a pass of many pages tells its
 * progress, the line counts the listeners so far: `12s, 4 200 listeners so far,
 * page 43`.
 */
export function showWaiting(
	io: Io,
	what: string,
	timeoutMs: number,
	clock = {setInterval, clearInterval, now: Date.now},
): Waiting {
	const stderr = io.stderr as NodeJS.WritableStream & {isTTY?: boolean};
	let sofar = '';
	const progress = (records: number, pages: number) => {
		sofar = `, ${formatCount(records)} listeners so far, page ${formatCount(pages)}`;
	};

	if (!stderr.isTTY) {
		return Object.assign(() => {}, {progress: () => {}});
	}

	const startedAt = clock.now();
	let shown = false;
	const timer = clock.setInterval(() => {
		const seconds = Math.round((clock.now() - startedAt) / 1000);
		if (seconds * 1000 < PROGRESS_AFTER_MS) return;
		shown = true;
		stderr.write(
			`\r\u001B[2Kletta-fleet: waiting for ${what}: ${seconds}s${sofar} (a request gives up after ${timeoutMs / 1000}s; --timeout changes it)`,
		);
	}, 1000);
	const stop = () => {
		clock.clearInterval(timer);
		if (shown) stderr.write('\r\u001B[2K');
	};

	return Object.assign(stop, {progress});
}
