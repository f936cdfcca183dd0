/**
 * A device's events for its detail pane: the newest the view holds (fleet/reducer.ts keeps a small
 * fleet-wide budget of them, so memory stays flat) after the older ones the history file recorded,
 * of this run and of runs before it. The view holds the newest part of what the file holds, so the
 * file is read only up to the oldest held event; the recorder may not have written the newest yet.
 */
import type {FleetEvent} from './types.js';

/**
 * What to read of the file: the newest `limit` events recorded before `before` (epoch ms). `before` is just past the
 * oldest held event's time, so the events of that poll the view no longer holds are read too; `limit` leaves room for
 * the held ones of that poll, which mergeRecordedEvents drops as copies. With none held, everything recorded.
 */
export function recordedEventsToRead(held: readonly FleetEvent[], max: number): {before: number; limit: number} {
	const oldest = held[0];
	if (oldest === undefined) return {before: Number.MAX_SAFE_INTEGER, limit: max};
	return {before: oldest.at + 1, limit: max + heldAt(held, oldest.at)};
}

/**
 * The pane's events, oldest first, at most `max`: `recorded` (read as recordedEventsToRead says, oldest first) without
 * the copies of held events, then `held`. A poll's events are recorded in the order they happened, and the view drops
 * a device's oldest first, so of the recorded events at the oldest held time the last ones are the held ones.
 */
export function mergeRecordedEvents(
	held: readonly FleetEvent[],
	recorded: readonly FleetEvent[],
	max: number,
): readonly FleetEvent[] {
	if (recorded.length === 0) return held.length > max ? held.slice(held.length - max) : held;
	const oldest = held[0];
	let end = recorded.length;
	if (oldest !== undefined) {
		// Never newer than the oldest held: those are all in `held` (the read was bounded; this keeps a bad one out).
		while (end > 0 && recorded[end - 1]!.at > oldest.at) end--;
		let copies = heldAt(held, oldest.at);
		while (end > 0 && copies > 0 && recorded[end - 1]!.at === oldest.at) {
			end--;
			copies--;
		}
	}

	const all = [...recorded.slice(0, end), ...held];
	return all.length > max ? all.slice(all.length - max) : all;
}

/** How many of `held` (oldest first) happened at `at`, its oldest time. */
function heldAt(held: readonly FleetEvent[], at: number): number {
	let count = 0;
	while (count < held.length && held[count]!.at === at) count++;
	return count;
}
