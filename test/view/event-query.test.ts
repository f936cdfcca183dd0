import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import type {FleetEvent} from '../../src/fleet/types.js';
import {eventKey, searchEvents, stripEvents} from '../../src/view/event-query.js';
import {formatEventTime} from '../../src/view/format.js';

const event = (overrides: Partial<FleetEvent>): FleetEvent => ({
	at: 1000,
	type: 'disconnected',
	id: 'env-1',
	deviceId: 'device-1',
	listenerInstanceId: null,
	connectionName: 'gpu-box',
	...overrides,
});

const LOG: FleetEvent[] = [
	event({at: 1, connectionName: 'gpu-box'}),
	event({at: 2, type: 'changed', field: 'branch', from: 'main', to: 'fix/login', connectionName: 'ana-laptop'}),
	event({at: 3, type: 'connected', id: 'env-2', deviceId: 'device-2', connectionName: 'build-runner-02'}),
];

describe('searching the event log', () => {
	it('keeps every event, newest first, with no search', () => {
		expect(searchEvents(LOG, '').map(found => found.at)).toEqual([3, 2, 1]);
	});

	it('matches the type, the name, what changed and the ids, as the table filter reads a pattern', () => {
		expect(searchEvents(LOG, 'fix/').map(found => found.connectionName)).toEqual(['ana-laptop']);
		expect(searchEvents(LOG, '^connected$').map(found => found.at)).toEqual([3]);
		expect(searchEvents(LOG, 'device-2').map(found => found.at)).toEqual([3]);
		expect(searchEvents(LOG, 'GPU').map(found => found.at)).toEqual([1]);
		expect(searchEvents(LOG, '!gpu').map(found => found.at)).toEqual([3, 2]);
		// Not a valid expression: read as text.
		expect(searchEvents(LOG, 'box(').map(found => found.at)).toEqual([]);
	});

	it('tells apart every event of a poll by its key', () => {
		const poll = [
			event({type: 'changed', field: 'branch'}),
			event({type: 'changed', field: 'mode'}),
			event({type: 'stale'}),
			event({id: 'env-2'}),
		];
		expect(new Set(poll.map(eventKey)).size).toBe(poll.length);
	});

	it('never throws and keeps a subset in order, whatever the pattern', () => {
		fc.assert(
			fc.property(fc.string({maxLength: 12}), pattern => {
				const found = searchEvents(LOG, pattern);
				const order = found.map(item => LOG.indexOf(item));
				expect(order).toEqual([...order].sort((a, b) => b - a));
			}),
		);
	});
});

describe('an event time', () => {
	const now = new Date(2026, 11, 4, 15, 0, 0).getTime();

	it('is the clock today, the day and clock this year, the date in another year', () => {
		expect(formatEventTime(new Date(2026, 11, 4, 9, 5, 7).getTime(), now)).toBe('09:05:07');
		expect(formatEventTime(new Date(2026, 11, 3, 23, 59, 1).getTime(), now)).toBe('Dec 03 23:59:01');
		expect(formatEventTime(new Date(2025, 0, 2, 8, 30, 0).getTime(), now)).toBe('2025-01-02 08:30');
		expect(formatEventTime(Number.NaN, now)).toBe('-');
	});
});

describe('the events strip under the table', () => {
	const event = (id: string, at: number) => ({at, id}) as FleetEvent;
	const events = [event('a', 1), event('b', 2), event('a', 3), event('c', 4), event('b', 5)];

	it('keeps the newest events of the listeners shown, newest first, up to its lines', () => {
		expect(stripEvents(events, new Set(['a']), 5).map(e => e.at)).toEqual([3, 1]);
		expect(stripEvents(events, new Set(['a', 'b']), 2).map(e => e.at)).toEqual([5, 3]);
	});

	it('keeps every listener’s while the table is not narrowed', () => {
		expect(stripEvents(events, null, 3).map(e => e.at)).toEqual([5, 4, 3]);
	});
});
