/**
 * The selected listener's events for the detail pane: those the fleet state holds, after the older
 * ones its history file recorded (fleet/device-events.ts). The file is read when the selection
 * changes or the oldest held event does (the fleet's budget dropped it, or the first came), never on
 * a quiet tick: one listener's newest events, through an index, on the live view's read-only
 * connection (history/live-history.ts). A file anyone could have written: every string is cleaned.
 */
import {useMemo} from 'react';
import {sanitizeDeep} from '../../api/sanitize.js';
import {mergeRecordedEvents, recordedEventsToRead} from '../../fleet/device-events.js';
import type {FleetEvent} from '../../fleet/types.js';
import type {LiveHistory} from '../../history/live-history.js';

const NONE: readonly FleetEvent[] = [];

/**
 * `held`: the listener's events in the fleet state, oldest first (undefined when no pane is open); `recordId`: its
 * record id, null when it has none (then nothing is read); `max`: the most the pane shows. Oldest first.
 */
export function useDeviceEvents(
	history: LiveHistory | undefined,
	recordId: string | null,
	held: readonly FleetEvent[] | undefined,
	max: number,
): readonly FleetEvent[] {
	const open = held !== undefined;
	const {before, limit} = recordedEventsToRead(held ?? NONE, max);
	const recorded = useMemo(
		() =>
			open && history && recordId !== null
				? history.listenerEventsBefore(recordId, before, limit).map(event => sanitizeDeep(event) as FleetEvent)
				: NONE,
		[open, history, recordId, before, limit],
	);
	return useMemo(() => mergeRecordedEvents(held ?? NONE, recorded, max), [held, recorded, max]);
}
