/**
 * A device's events for the detail pane, from what the view holds and what the history file
 * recorded: nothing shown twice, nothing between them lost, ties within a poll included.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {mergeRecordedEvents, recordedEventsToRead} from '../../src/fleet/device-events.js';
import type {FleetEvent, FleetEventType} from '../../src/fleet/types.js';

const event = (at: number, type: FleetEventType, to = ''): FleetEvent => ({
	at,
	type,
	id: 'env-1',
	deviceId: 'device-1',
	listenerInstanceId: null,
	connectionName: 'vm',
	...(to === '' ? {} : {field: 'branch' as const, to}),
});

/** What the file answers to the read recordedEventsToRead asks for: the newest `limit` before `before`. */
function read(file: readonly FleetEvent[], held: readonly FleetEvent[], max: number): FleetEvent[] {
	const {before, limit} = recordedEventsToRead(held, max);
	const earlier = file.filter(recorded => recorded.at < before);
	return earlier.slice(Math.max(0, earlier.length - limit));
}

describe("a device's events: held and recorded", () => {
	it('puts the older recorded events before the held ones, the newest max kept', () => {
		const file = [event(1, 'disconnected'), event(2, 'connected'), event(3, 'stale'), event(4, 'recovered')];
		const held = file.slice(2);
		expect(mergeRecordedEvents(held, read(file, held, 50), 50)).toEqual(file);
		expect(mergeRecordedEvents(held, read(file, held, 3), 3)).toEqual(file.slice(1));
	});

	it('keeps the events of a poll the view only partly holds, once each', () => {
		// One poll changed the branch twice over (two fields): the view dropped the first, kept the second.
		const file = [event(1, 'connected'), event(5, 'changed', 'a'), event(5, 'changed', 'b'), event(9, 'stale')];
		const held = file.slice(2);
		expect(mergeRecordedEvents(held, read(file, held, 50), 50)).toEqual(file);
	});

	it('shows what the view holds when the recorder has not written it yet, or nothing is recorded', () => {
		const held = [event(5, 'connected'), event(7, 'stale')];
		const file = [event(1, 'disconnected'), event(5, 'connected')];
		expect(mergeRecordedEvents(held, read(file, held, 50), 50)).toEqual([event(1, 'disconnected'), ...held]);
		expect(mergeRecordedEvents(held, [], 50)).toBe(held);
		expect(mergeRecordedEvents(held, [], 1)).toEqual([event(7, 'stale')]);
	});

	it('reads everything recorded for a device the view holds nothing of', () => {
		const file = [event(1, 'disconnected'), event(2, 'connected')];
		expect(recordedEventsToRead([], 50)).toEqual({before: Number.MAX_SAFE_INTEGER, limit: 50});
		expect(mergeRecordedEvents([], read(file, [], 50), 50)).toEqual(file);
	});

	it('never shows a recorded event newer than the oldest held (a read that went past it)', () => {
		const held = [event(5, 'connected')];
		expect(mergeRecordedEvents(held, [event(1, 'stale'), event(6, 'recovered')], 50)).toEqual([
			event(1, 'stale'),
			...held,
		]);
	});

	it('equals the newest max of the whole sequence, whatever the view dropped and the recorder lags', () => {
		const types: FleetEventType[] = ['connected', 'disconnected', 'changed', 'stale', 'recovered'];
		// Polls of 0-3 events each; the view holds a suffix; the file lacks up to the last few polls, all held.
		const polls = fc.array(fc.array(fc.constantFrom(...types), {maxLength: 3}), {minLength: 1, maxLength: 40});
		fc.assert(
			fc.property(polls, fc.nat(), fc.nat(5), fc.integer({min: 1, max: 60}), (kinds, dropped, unwritten, max) => {
				const all = kinds.flatMap((poll, index) => poll.map((type, n) => event(index * 2000, type, `${n}`)));
				const held = all.slice(Math.min(dropped, all.length));
				const heldFrom = held[0]?.at ?? Number.POSITIVE_INFINITY;
				// Only polls newer than the oldest held can be unwritten: older ones were written long before.
				const lastWritten = Math.max(heldFrom + 1, (kinds.length - unwritten) * 2000);
				const file = all.filter(recorded => recorded.at < lastWritten);
				const shown = mergeRecordedEvents(held, read(file, held, max), max);
				expect(shown).toEqual(all.slice(Math.max(0, all.length - max)));
			}),
		);
	});
});
