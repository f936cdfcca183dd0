/**
 * The event log's search and the identity of an event in it: pure, so the pane, the keys and the
 * tests agree on which events a search shows and which one is selected.
 */
import type {FleetRow} from '../fleet/rows.js';
import type {FleetEvent} from '../fleet/types.js';
import {eventDetail} from './event-text.js';
import {parseFilter} from './query.js';

/**
 * An event's identity in the log: its time, listener, type and field. Two events of one poll differ
 * in one of these (a listener's changes come one field each), so the selection can follow an event
 * while newer ones push it down.
 */
export function eventKey(event: FleetEvent): string {
	return `${event.at}\u0000${event.id}\u0000${event.type}\u0000${event.field ?? ''}`;
}

/**
 * An event's words, one a line (type, name, what changed, ids), kept per event object: a keystroke builds none twice.
 */
const haystacks = new WeakMap<FleetEvent, string>();

function haystack(event: FleetEvent): string {
	let text = haystacks.get(event);
	if (text === undefined) {
		text = [
			event.type,
			event.connectionName,
			eventDetail(event),
			event.deviceId,
			event.id,
			event.listenerInstanceId,
			event.status,
		]
			.filter(field => field !== null && field !== undefined && field !== '')
			.join('\n');
		haystacks.set(event, text);
	}

	return text;
}

/**
 * The events a search keeps, newest first (the order the log shows). `pattern` reads as the table's
 * filter does (query.ts's parseFilter: a case-insensitive regular expression, or plain text when it
 * is not one; a leading `!` inverts); empty keeps every event. `events` is oldest first, as the
 * fleet's state keeps them.
 */
export function searchEvents(events: readonly FleetEvent[], pattern: string): FleetEvent[] {
	const filter = parseFilter(pattern);
	const newestFirst: FleetEvent[] = [];
	for (let index = events.length - 1; index >= 0; index--) {
		const event = events[index]!;
		if (!filter || filter.test(haystack(event)) !== filter.inverted) newestFirst.push(event);
	}

	return newestFirst;
}

/**
 * The events strip under the table, newest first: the newest `count` of `events` (oldest first, as the fleet state
 * keeps them), or, while the table's scope or filter narrows it, of the listeners it shows (`shownIds`, row keys;
 * null when not narrowed), so the strip never tells of listeners the table hides. Stops at `count`: a keystroke
 * reads no more of a 20 000-listener log than the strip shows.
 */
export function stripEvents(
	events: readonly FleetEvent[],
	shownIds: ReadonlySet<string> | null,
	count: number,
): FleetEvent[] {
	const strip: FleetEvent[] = [];
	for (let index = events.length - 1; index >= 0 && strip.length < count; index--) {
		const event = events[index]!;
		if (shownIds === null || shownIds.has(event.id)) strip.push(event);
	}

	return strip;
}

const idsByRows = new WeakMap<readonly FleetRow[], ReadonlySet<string>>();

/**
 * The row keys of `rows` (the table's shown rows), for stripEvents; kept per array, so a frame that draws the same
 * rows again (a key, a flash) builds no set of 50 000 ids. The set is shared: read only.
 */
export function shownIdSet(rows: readonly FleetRow[]): ReadonlySet<string> {
	let ids = idsByRows.get(rows);
	if (ids === undefined) {
		ids = new Set(rows.map(row => row.id));
		idsByRows.set(rows, ids);
	}

	return ids;
}
