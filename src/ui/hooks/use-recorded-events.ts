/**
 * The events recorded before this run, for the event log: read from the history file
 * (history/live-history.ts) when the log is first opened, a page at a time, the next page when the
 * selection nears the oldest loaded, up to MAX_RECORDED_EVENTS (older ones are `letta-fleet
 * history`'s). A file anyone could have written: every string is cleaned before it is drawn.
 */
import {useCallback, useRef, useState} from 'react';
import {sanitizeDeep} from '../../api/sanitize.js';
import type {FleetEvent} from '../../fleet/types.js';
import type {LiveHistory} from '../../history/live-history.js';

/** Events read at a time. */
export const RECORDED_EVENTS_PAGE = 500;
/** The most recorded events the log holds: a bound on memory; the command reads further back. */
export const MAX_RECORDED_EVENTS = 5000;

/**
 * Loaded events, oldest first; whether the file has no earlier ones (or the bound was reached); and
 * `more`, which reads the next page back (at most one a render; nothing once complete).
 */
export type RecordedEvents = {events: FleetEvent[]; complete: boolean; more: () => void};

/** Events from this run (recorded at or after the view started) are the fleet state's, not read here. */
export function useRecordedEvents(history: LiveHistory | undefined): RecordedEvents {
	const startedAt = useRef(Date.now());
	const [loaded, setLoaded] = useState<{events: FleetEvent[]; complete: boolean}>({
		events: [],
		complete: false,
	});
	const more = useCallback(() => {
		if (!history || loaded.complete) return;
		const before = loaded.events[0]?.at ?? startedAt.current;
		const page = history.eventsBefore(before, RECORDED_EVENTS_PAGE).map(event => sanitizeDeep(event) as FleetEvent);
		const events = [...page, ...loaded.events];
		setLoaded({events, complete: page.length < RECORDED_EVENTS_PAGE || events.length >= MAX_RECORDED_EVENTS});
	}, [history, loaded]);
	// The file may be opened after the view mounted (ui/run.tsx): nothing is complete until it is.
	return {events: loaded.events, complete: loaded.complete || history === undefined, more};
}
