/**
 * The fleet state the table shows while a past moment is set (view-state.ts `timeTravel`): the live
 * state with its snapshot replaced by the one rebuilt from the history file (history/rebuild.ts),
 * without marks or tombstones (they are this run's), judged at the moment. The live state goes on
 * updating underneath, so Esc shows it at once. Read once per moment, never per tick.
 */
import {useMemo} from 'react';
import type {FleetState} from '../../fleet/reducer.js';
import type {LiveHistory} from '../../history/live-history.js';
import {rebuiltSnapshot} from '../../history/rebuild.js';
import type {TravelText} from '../../view/header-text.js';

export type TimeTravel = {state: FleetState; text: TravelText};

const NONE = new Map();

/** The state to draw and the banner's facts at `at` (epoch ms), or null when live (or no history is read). */
export function useTimeTravel(
	history: LiveHistory | undefined,
	at: number | null,
	state: FleetState,
	staleAfterMs: number,
): TimeTravel | null {
	const rebuilt = useMemo(() => {
		if (!history || at === null) return null;
		const fleet = history.fleetAt(at);
		const {snapshot, unknown} = rebuiltSnapshot(fleet ?? {at, listeners: [], truncated: false}, staleAfterMs);
		return {snapshot, text: {at, unknown, truncated: fleet?.truncated ?? false, failed: fleet === null}};
	}, [history, at, staleAfterMs]);
	return useMemo(
		() =>
			rebuilt && {
				// No failure freezes the judging time (fleet/rows.ts judgedAt): the moment is the moment.
				state: {
					...state,
					snapshot: rebuilt.snapshot,
					marks: NONE,
					tombstones: NONE,
					health: {...state.health, failingSince: null},
				},
				text: rebuilt.text,
			},
		[rebuilt, state],
	);
}
