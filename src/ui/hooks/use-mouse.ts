/**
 * Clicks and the wheel with `--mouse`: each report the input filter took out (src/ui/filtered-stdin.ts)
 * is read against what the last frame showed (src/view/mouse-gesture.ts, pure) and the command fed to
 * the keymap, as a key would be. Nothing here decides what a click does.
 */
import {useEffect, useRef} from 'react';
import type {KeyInput} from '../../view/apply-keys.js';
import {type ClickMemory, type MouseScreen, readMouse} from '../../view/mouse-gesture.js';
import type {MouseReport} from '../../view/mouse-report.js';

/** Hands on mouse reports, with when each was read (ms on the input filter's clock). */
export type MouseFeed = {
	/** Passes one report to every listener: FilteredStdin's `onReport`. */
	emit: (report: MouseReport, at: number) => void;
	/** Listens until the returned function is called. */
	subscribe: (listener: (report: MouseReport, at: number) => void) => () => void;
};

/** A feed for one live view: run.tsx creates it only with `--mouse`. */
export function createMouseFeed(): MouseFeed {
	const listeners = new Set<(report: MouseReport, at: number) => void>();
	return {
		emit(report, at) {
			for (const listener of listeners) listener(report, at);
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

/**
 * Reads `feed`'s reports against `screen()` (called per report, so it sees the frame last drawn)
 * and feeds the commands to `send` (useKeymap's feed).
 */
export function useMouse(
	feed: MouseFeed | undefined,
	screen: () => MouseScreen,
	send: (inputs: KeyInput[]) => void,
): void {
	const latest = useRef({screen, send});
	latest.current = {screen, send};
	useEffect(() => {
		if (!feed) return;
		let memory: ClickMemory = null;
		return feed.subscribe((report, at) => {
			const read = readMouse(memory, report, at, latest.current.screen());
			memory = read.memory;
			if (read.command) latest.current.send([{mouse: read.command}]);
		});
	}, [feed]);
}
