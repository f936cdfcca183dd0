/**
 * The live view's reads of the file it records to, on real files: while a recorder is still writing
 * (a second connection), what one listener did, the events before a moment (the fleet's or one
 * listener's) and the online minutes.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openLiveHistory} from '../../src/history/live-history.js';
import {availabilityPane} from '../../src/view/availability-band.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';
import {T0, offline, rawConnection} from '../helpers/fixtures.js';
import {fleetStates, recorderOn, tempFolder} from './helpers.js';

const MINUTE = 60_000;
const live = (id: string, at: number) => rawConnection({id, lastHeartbeat: at - 1000, lastSeenAt: at - 1000});

/** Two listeners polled every 2 s for 10 minutes; `b` drops at minute 4 and comes back at minute 6. */
function recordTenMinutes(file: string) {
	const clock = {now: T0};
	const recorder = recorderOn(file, clock);
	const states = fleetStates();
	for (let at = T0; at <= T0 + 10 * MINUTE; at += 2000) {
		clock.now = at;
		const down = at >= T0 + 4 * MINUTE && at < T0 + 6 * MINUTE;
		recorder.record(states([live('a', at), down ? offline({id: 'b'}) : live('b', at)], at));
	}

	return {recorder, end: T0 + 10 * MINUTE};
}

describe('reading the history back in the live view', () => {
	it('reads one listener while the recorder is still open, down stretch and all', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const {recorder, end} = recordTenMinutes(file);
		const history = openLiveHistory(file, 'https://api.example')!;
		try {
			const b = history.listener('b', T0 - MINUTE, end)!;
			expect(b.listener.id).toBe('b');
			expect(b.intervals.map(interval => interval.status)).toEqual(['online', 'offline', 'online']);
			expect(b.intervals[1]).toMatchObject({from: T0 + 4 * MINUTE, to: T0 + 6 * MINUTE});
			expect(history.listener('nobody', T0, end)).toBeNull();
			const pane = availabilityPane(b, end, UNICODE_SYMBOLS);
			expect(pane.words).toMatch(/1 disconnect/);
		} finally {
			history.close();
			recorder.close();
		}
	});

	it('pages the events before a moment, newest kept, oldest first', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const {recorder, end} = recordTenMinutes(file);
		const history = openLiveHistory(file, 'https://api.example')!;
		try {
			const all = history.eventsBefore(end + 1, 100);
			expect(all.map(event => event.type)).toEqual(['disconnected', 'connected']);
			expect(all.every(event => event.id === 'b')).toBe(true);
			const earlier = history.eventsBefore(all[1]!.at, 100);
			expect(earlier.map(event => event.type)).toEqual(['disconnected']);
			expect(history.eventsBefore(end + 1, 1).map(event => event.type)).toEqual(['connected']);
			// Another source's history is not this one's.
			expect(openLiveHistory(file, 'https://other.example')!.eventsBefore(end + 1, 100)).toEqual([]);
		} finally {
			history.close();
			recorder.close();
		}
	});

	it("reads one listener's events before a moment through its record id, another's left out", () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const {recorder, end} = recordTenMinutes(file);
		const history = openLiveHistory(file, 'https://api.example')!;
		try {
			const b = history.listenerEventsBefore('b', end + 1, 50);
			expect(b.map(event => [event.type, event.id])).toEqual([
				['disconnected', 'b'],
				['connected', 'b'],
			]);
			expect(history.listenerEventsBefore('b', b[1]!.at, 50).map(event => event.type)).toEqual(['disconnected']);
			expect(history.listenerEventsBefore('b', end + 1, 1).map(event => event.type)).toEqual(['connected']);
			expect(history.listenerEventsBefore('a', end + 1, 50)).toEqual([]);
			expect(history.listenerEventsBefore('nobody', end + 1, 50)).toEqual([]);
		} finally {
			history.close();
			recorder.close();
		}
	});

	it('gives the online count of each recorded minute, the outage as a dip', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const {recorder} = recordTenMinutes(file);
		const history = openLiveHistory(file, 'https://api.example')!;
		try {
			const counts = history.onlineCounts(T0);
			expect(counts).toHaveLength(11);
			expect(counts[0]).toEqual({minute: Math.floor(T0 / MINUTE) * MINUTE, online: 2});
			expect(counts[5]!.online).toBe(1);
		} finally {
			history.close();
			recorder.close();
		}
	});

	it('opens nothing for a file that is not a history file, and never throws', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		writeFileSync(file, 'not a database at all, just text that is long enough to look like a header');
		expect(openLiveHistory(file, 'https://api.example')).toBeUndefined();
		expect(openLiveHistory(path.join(tempFolder(), 'missing.sqlite'), 'https://api.example')).toBeUndefined();
	});
});
