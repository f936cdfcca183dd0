import {describe, expect, it} from 'vitest';
import {emptyMemory, pollBatch} from '../../src/history/poll-batch.js';
import {listenerKey} from '../../src/history/writer.js';
import {T0, rawConnection, snapshotOf} from '../helpers/fixtures.js';

const STALE_AFTER_MS = 75_000;
const GAP_MS = 36_000;
const ORG = String(rawConnection()['organizationId']);

/** A listener whose heartbeat is fresh at `at`. */
function live(id: string, at: number) {
	return rawConnection({id, lastHeartbeat: at - 1000, lastSeenAt: at - 1000});
}

describe('pollBatch', () => {
	it('forgets a listener once it leaves the listing, after recording it offline, and tells the writer', () => {
		const memory = emptyMemory();
		pollBatch(memory, snapshotOf([live('a', T0), live('b', T0)], T0), [], STALE_AFTER_MS, GAP_MS);
		const left = pollBatch(memory, snapshotOf([live('a', T0 + 2000)], T0 + 2000), [], STALE_AFTER_MS, GAP_MS);
		expect(left.statuses).toEqual([{org: ORG, recordId: 'b', status: 'offline', at: T0 + 2000}]);
		expect(left.forget).toEqual([listenerKey(ORG, 'b')]);
		expect([...memory.statuses.keys()]).toEqual([listenerKey(ORG, 'a')]);

		const back = pollBatch(
			memory,
			snapshotOf([live('a', T0 + 4000), live('b', T0 + 4000)], T0 + 4000),
			[],
			STALE_AFTER_MS,
			GAP_MS,
		);
		expect(back.listeners.map(facts => facts.recordId)).toEqual(['b']);
		expect(back.statuses).toEqual([{org: ORG, recordId: 'b', status: 'online', at: T0 + 4000}]);
		expect(back.forget).toEqual([]);
	});

	it('holds only what is listed while a churning fleet replaces every listener, poll after poll', () => {
		const memory = emptyMemory();
		for (let poll = 0; poll < 200; poll++) {
			const at = T0 + poll * 2000;
			const listing = [0, 1, 2].map(slot => live(`listener-${poll}-${slot}`, at));
			pollBatch(memory, snapshotOf(listing, at), [], STALE_AFTER_MS, GAP_MS);
			expect(memory.statuses.size).toBe(3);
		}
	});

	it('after polls nobody watched, asks the writer to end every open interval at the last poll watched', () => {
		const memory = emptyMemory();
		pollBatch(memory, snapshotOf([live('a', T0)], T0), [], STALE_AFTER_MS, GAP_MS);
		const later = T0 + 600_000;
		const batch = pollBatch(memory, snapshotOf([live('a', later)], later), [], STALE_AFTER_MS, GAP_MS);
		expect(batch.gapFrom).toBe(T0);
		expect(batch.listeners.map(facts => facts.recordId)).toEqual(['a']);
		expect(batch.statuses).toEqual([{org: ORG, recordId: 'a', status: 'online', at: later}]);
	});
});
