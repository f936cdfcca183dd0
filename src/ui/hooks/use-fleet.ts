/**
 * Wires the poller to the fleet reducer for the live view, and keeps a clock
 * so ages tick and marks fade between polls.
 *
 * A frame costs about the same whatever changed in it (Ink lays out and
 * styles the whole screen), so the clock keeps time with the polls: a poll's
 * result is drawn with fresh ages and the next tick is a period after it, and
 * a tick that falls while a poll has just gone out waits (briefly) for its
 * result instead of drawing a frame of its own. At the default 2 s poll that
 * is one frame per poll, where a free-running 1 s clock drew one and a half
 * frames a second.
 */
import {useEffect, useReducer, useRef, useState} from 'react';
import {fleetReducer, type FleetSettings, type FleetState, initialFleetState} from '../../fleet/reducer.js';
import type {FleetFetch, PassProgress} from '../../fleet/fetch-fleet.js';
import type {Snapshot} from '../../fleet/types.js';
import {createPoller, type Clock, type Poller, systemClock} from '../../poller/poller.js';

export type FleetControls = {
	pause: () => void;
	resume: () => void;
	pollNow: () => void;
};

export type UseFleetOptions = {
	/** One pass; told of its pages, so a long first pass shows its rows as they come (fleet/pass-progress.ts). */
	fetch: FleetFetch;
	intervalMs: number;
	settings: Partial<FleetSettings>;
	clock?: Clock;
	onSnapshot?: (state: FleetState) => void;
	/**
	 * The first pass, already fetched (ui/run.tsx waits briefly for it): the state starts with it, so the first frame
	 * has rows, and the poller's first poll, which hands back this same snapshot, is not applied twice.
	 */
	first?: Snapshot | undefined;
	/**
	 * Or the first page of a first pass of several (ui/run.tsx waits briefly for it): the state starts with its rows as
	 * progress, as the poller's first poll would have drawn them.
	 */
	firstPage?: PassProgress | undefined;
};

/**
 * The clock's period: the poll interval, between 1 and 2 s. At the default
 * 2 s poll every frame is a poll's result with its ages fresh (as k9s redraws
 * on each 2 s refresh); a longer interval or a failing API still gets a frame
 * every 2 s, so ages, countdowns and fading marks keep moving.
 */
export function tickPeriod(intervalMs: number): number {
	return Math.min(2000, Math.max(1000, intervalMs));
}
/**
 * The fewest ms between two frames of a pass's progress: a page can come every 100 ms at the default
 * budget, and each frame sorts every row so far.
 */
export const PROGRESS_FRAME_MS = 500;
/**
 * And at least this many times what the last progress frame took to draw: a frame costs about the rows so far, and
 * drawing them must not starve the pass it shows (on a busy machine, 10 000 rows took seconds a frame).
 */
export const PROGRESS_FRAME_COST_FACTOR = 4;

/** How long a tick waits for a poll that has just gone out; a slow poll does not stop the clock. */
const WAIT_FOR_POLL_MS = 500;

export function useFleet(options: UseFleetOptions): {state: FleetState; now: number; controls: FleetControls} {
	const clock = options.clock ?? systemClock;
	const [state, dispatch] = useReducer(fleetReducer, options, ({settings, first, firstPage}) => {
		const initial = initialFleetState(settings);
		if (first) return fleetReducer(initial, {type: 'poll-succeeded', snapshot: first});
		if (firstPage) return fleetReducer(initial, {type: 'poll-progress', progress: firstPage, at: clock.now()});
		return initial;
	});
	// The state of the last render: what the poller's callbacks, set up once, read of it.
	const latest = useRef(state);
	latest.current = state;
	// The snapshot the state started with, until the poller hands it back.
	const seeded = useRef(options.first);
	const [now, setNow] = useState(() => clock.now());
	const pollerRef = useRef<Poller | null>(null);
	// A pass's progress frames: when the one being drawn was sent, and when the next may be (null: none, at once).
	const progressFrame = useRef<{sentAt: number | null; nextAt: number | null}>({sentAt: null, nextAt: null});
	// When the poll in flight went out (null: none), and how to restart the tick from now.
	const pollSentAt = useRef<number | null>(null);
	const restartTick = useRef<() => void>(() => {});

	useEffect(() => {
		const poller = createPoller({
			poll: signal =>
				options.fetch(signal, progress => {
					const at = clock.now();
					const frame = progressFrame.current;
					// One frame at a time, spaced by what the last one cost (the effect below measures it).
					if (frame.sentAt !== null || (frame.nextAt !== null && at < frame.nextAt)) return;
					frame.sentAt = at;
					dispatch({type: 'poll-progress', progress, at});
				}),
			intervalMs: options.intervalMs,
			clock,
			onStart(at) {
				// The first pass shows its rows as they come; a later one shows its progress only once it has taken
				// a progress frame's time: a pass shorter than that would cost a whole frame to say "polling… page 1".
				const shown = latest.current.snapshot !== null;
				progressFrame.current = {sentAt: null, nextAt: shown ? at + PROGRESS_FRAME_MS : null};
				// Kept out of the fleet state: nothing on screen shows a poll going out, and a dispatch is a whole
				// frame.
				pollSentAt.current = at;
			},
			onSuccess(snapshot) {
				pollSentAt.current = null;
				const already = snapshot === seeded.current;
				seeded.current = undefined;
				if (!already) dispatch({type: 'poll-succeeded', snapshot});
				restartTick.current();
			},
			onFailure(error, at, nextAttemptAt, halted) {
				pollSentAt.current = null;
				dispatch({
					type: 'poll-failed',
					error: {
						kind: error.kind,
						message: error.describe(),
						status: error.status,
						errorCode: error.errorCode,
						at,
					},
					nextAttemptAt,
					halted,
				});
				restartTick.current();
			},
		});
		pollerRef.current = poller;
		poller.start();
		return () => {
			poller.stop();
			pollerRef.current = null;
		};
		// The poller lives as long as the view; its inputs do not change while it runs.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	useEffect(() => {
		let handle: unknown;
		const period = tickPeriod(options.intervalMs);
		const schedule = (delayMs: number) => {
			clock.clearTimeout(handle);
			// After a stop (Ctrl-Z) a due poll lies in the past and the wait for it comes out negative: Node
			// would print a TimeoutNegativeWarning to stderr, straight over the alternate screen.
			handle = clock.setTimeout(tick, Math.max(0, delayMs));
		};

		function tick() {
			const time = clock.now();
			const sentAt = pollSentAt.current;
			if (sentAt !== null && time - sentAt < WAIT_FOR_POLL_MS) {
				// Its result, due any moment, will be drawn with fresh ages: no frame of our own.
				schedule(sentAt + WAIT_FOR_POLL_MS - time);
				return;
			}

			// A poll due now or in a moment: this tick and that poll were set for the same time after
			// the last result, and equal timeouts fire in the order they were set, so the tick comes
			// first. The poll's result is the frame; the tick waits for it as for a poll in flight.
			const dueAt = sentAt === null ? (pollerRef.current?.nextPollAt ?? null) : null;
			if (dueAt !== null && dueAt - time < WAIT_FOR_POLL_MS) {
				schedule(dueAt + WAIT_FOR_POLL_MS - time);
				return;
			}

			setNow(time);
			dispatch({type: 'tick', now: time});
			schedule(period);
		}

		restartTick.current = () => {
			setNow(clock.now());
			schedule(period);
		};
		schedule(period);
		return () => {
			restartTick.current = () => {};
			clock.clearTimeout(handle);
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	useEffect(() => {
		const frame = progressFrame.current;
		if (frame.sentAt === null) return;
		const at = clock.now();
		frame.nextAt = at + Math.max(PROGRESS_FRAME_MS, (at - frame.sentAt) * PROGRESS_FRAME_COST_FACTOR);
		frame.sentAt = null;
		// The clock is the component's for its life.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [state.pass]);

	const onSnapshot = useRef(options.onSnapshot);
	onSnapshot.current = options.onSnapshot;
	// Once per snapshot, with the state it made (a ref, so a tick's new state does not call it again).
	useEffect(() => {
		onSnapshot.current?.(latest.current);
	}, [state.snapshot]);

	const controls = useRef<FleetControls>({
		pause() {
			pollerRef.current?.pause();
			dispatch({type: 'paused', paused: true, at: clock.now()});
		},
		resume() {
			pollerRef.current?.resume();
			dispatch({type: 'paused', paused: false, at: clock.now()});
		},
		pollNow() {
			pollerRef.current?.pollNow();
		},
	});

	return {state, now, controls: controls.current};
}
