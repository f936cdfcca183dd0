/**
 * Job control for the live view, as any full-screen terminal program does it.
 *
 * Suspend (Ctrl-Z, or a SIGTSTP from outside): Ink's suspendTerminal() gives
 * the terminal back first (frame erased, alternate screen left, cursor shown,
 * raw mode and bracketed paste off); once that is written, the process stops
 * with SIGTSTP's default action. `fg` (SIGCONT) lets it run on: Ink takes raw
 * mode back (from the background, setting raw mode stops the process again
 * with SIGTTOU until it is in the foreground), re-enters the alternate screen
 * and draws the whole frame, forgetting the one it drew before.
 *
 * Repaint (Ctrl-L) takes the same path without the stop, so a screen that stray
 * bytes scribbled on is drawn afresh rather than diffed against. So does a
 * SIGCONT after a SIGSTOP, which no program sees coming.
 */
import process from 'node:process';
import {useApp, useStdout} from 'ink';
import {useEffect, useRef} from 'react';

/**
 * How long after a hand-over a SIGCONT is taken to be its own (ms): the signal is read within a turn or two of the
 * event loop.
 */
const CONTINUE_GRACE_MS = 500;

export type JobControl = {
	/** Give the terminal back and stop until SIGCONT; then take it back and draw the whole frame. */
	suspend: () => void;
	/** Draw the whole frame on a cleared screen. */
	repaint: () => void;
};

export function useJobControl(): JobControl {
	const {suspendTerminal} = useApp();
	const {stdout} = useStdout();
	// One hand-over at a time: a second Ctrl-Z or SIGTSTP while one is in progress is the same request.
	const busy = useRef(false);
	// When the last hand-over ended (performance.now(), ms): a SIGCONT read just after it belongs to it.
	const handedBackAt = useRef(Number.NEGATIVE_INFINITY);
	const controls = useRef<JobControl>({suspend() {}, repaint() {}});
	controls.current = {
		suspend() {
			// Windows has no job control (nor SIGTSTP): Ctrl-Z there is nothing.
			if (process.platform === 'win32') return;
			handOver(async () => {
				// What gives the terminal back must reach it before the process stops.
				await written(stdout);
				stopProcess();
			});
		},
		repaint() {
			handOver(() => {});
		},
	};

	function handOver(whileAway: () => void | Promise<void>) {
		if (busy.current) {
			return;
		}

		busy.current = true;
		const done = () => {
			busy.current = false;
			handedBackAt.current = performance.now();
		};

		suspendTerminal(whileAway).then(done, done);
	}

	useEffect(() => {
		if (process.platform === 'win32') {
			return;
		}

		const onStop = () => controls.current.suspend();
		// Continued after a stop we did not see coming (SIGSTOP cannot be caught): the shell has
		// written over the frame meanwhile. The SIGCONT that ends a stop of our own (also one by SIGTTOU
		// while raw mode is taken back) is read as, or just after, the hand-over repaints: not again.
		const onContinue = () => {
			if (!busy.current && performance.now() - handedBackAt.current > CONTINUE_GRACE_MS)
				controls.current.repaint();
		};

		process.on('SIGTSTP', onStop);
		process.on('SIGCONT', onContinue);
		return () => {
			process.off('SIGTSTP', onStop);
			process.off('SIGCONT', onContinue);
		};
	}, []);

	return {suspend: () => controls.current.suspend(), repaint: () => controls.current.repaint()};
}

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function written(stream: NodeJS.WritableStream): Promise<void> {
	return new Promise(resolve => {
		stream.write('', () => resolve());
	});
}

/**
 * Stops this process group (this process and any wrapper that started it) as SIGTSTP's default action would, and
 * returns when it is
 * continued (SIGCONT). Our listeners are set aside so the default action runs;
 * with none left Node restores it at once. Without job control (an orphaned
 * process group, such as a program run by a script) the kernel discards the
 * signal and this returns at once: the view simply comes back.
 */
export function stopProcess(): void {
	const listeners = process.listeners('SIGTSTP');
	for (const listener of listeners) process.off('SIGTSTP', listener);
	try {
		// The whole process group, as vim and less do: under `npm start` (npm, then sh, then us) a stop
		// of ours alone would leave npm running in the foreground, so the shell never gets its prompt back.
		process.kill(0, 'SIGTSTP');
	} finally {
		for (const listener of listeners) process.on('SIGTSTP', listener);
	}
}
