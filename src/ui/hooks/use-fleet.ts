/**
 * Wires the poller to the fleet reducer for the live view, and keeps a
 * one-second clock so ages tick and marks fade between polls.
 */
import {useEffect, useReducer, useRef, useState} from 'react';
import {fleetReducer, type FleetSettings, type FleetState, initialFleetState} from '../../fleet/reducer.js';
import type {Snapshot} from '../../fleet/types.js';
import {createPoller, type Clock, type Poller, systemClock} from '../../poller/poller.js';

export type FleetControls = {
	pause(): void;
	resume(): void;
	pollNow(): void;
};

export type UseFleetOptions = {
	fetch: (signal?: AbortSignal) => Promise<Snapshot>;
	intervalMs: number;
	settings: Partial<FleetSettings>;
	clock?: Clock;
	onSnapshot?: (state: FleetState) => void;
};

export function useFleet(options: UseFleetOptions): {state: FleetState; now: number; controls: FleetControls} {
	const clock = options.clock ?? systemClock;
	const [state, dispatch] = useReducer(fleetReducer, options.settings, initialFleetState);
	const [now, setNow] = useState(() => clock.now());
	const pollerRef = useRef<Poller | null>(null);

	useEffect(() => {
		const poller = createPoller({
			poll: signal => options.fetch(signal),
			intervalMs: options.intervalMs,
			clock,
			onStart: at => dispatch({type: 'poll-started', at}),
			onSuccess: snapshot => dispatch({type: 'poll-succeeded', snapshot}),
			onFailure: (error, at, nextAttemptAt, halted) =>
				dispatch({
					type: 'poll-failed',
					error: {kind: error.kind, message: error.describe(), status: error.status, errorCode: error.errorCode, at},
					nextAttemptAt,
					halted,
				}),
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
		const tick = () => {
			const time = clock.now();
			setNow(time);
			dispatch({type: 'tick', now: time});
			// Tick on the second boundary so every age on screen changes at once.
			handle = clock.setTimeout(tick, 1000 - (time % 1000));
		};

		handle = clock.setTimeout(tick, 1000 - (clock.now() % 1000));
		return () => clock.clearTimeout(handle);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	const onSnapshot = useRef(options.onSnapshot);
	onSnapshot.current = options.onSnapshot;
	useEffect(() => {
		onSnapshot.current?.(state);
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
