import {describe, expect, it} from 'vitest';
import {parseConnection} from '../../src/api/parse.js';
import {
	EMPTY_HEARTBEAT_LOG,
	forgetDevices,
	type HeartbeatLog,
	heartbeatAgesOf,
	recordHeartbeats,
} from '../../src/fleet/heartbeat-log.js';
import {offline, rawConnection, T0} from '../helpers/fixtures.js';

const beating = (id: string, ageMs: number, at: number) =>
	parseConnection(rawConnection({id, lastHeartbeat: at - ageMs}));

describe('the heartbeat log', () => {
	it('keeps each device its own ages, skips polls it was missing from and says null while offline', () => {
		let log = recordHeartbeats(EMPTY_HEARTBEAT_LOG, [beating('a', 1000, T0), beating('b', 2000, T0)], T0, 40);
		log = recordHeartbeats(log, [beating('a', 3000, T0 + 2000)], T0 + 2000, 40);
		log = recordHeartbeats(
			log,
			[parseConnection(offline({id: 'a'})), beating('b', 500, T0 + 4000), beating('c', 0, T0 + 4000)],
			T0 + 4000,
			40,
		);
		expect(heartbeatAgesOf(log, 'a')).toEqual([1000, 3000, null]);
		expect(heartbeatAgesOf(log, 'b')).toEqual([2000, 500]);
		expect(heartbeatAgesOf(log, 'c')).toEqual([0]);
		expect(heartbeatAgesOf(log, 'never-seen')).toBeUndefined();
	});

	it('keeps only the last polls, and never writes an array an older log holds', () => {
		let log = EMPTY_HEARTBEAT_LOG;
		const logs: HeartbeatLog[] = [];
		for (let poll = 0; poll < 10; poll++) {
			log = recordHeartbeats(log, [beating('a', poll * 100, T0 + poll)], T0 + poll, 4);
			logs.push(log);
		}

		expect(heartbeatAgesOf(log, 'a')).toEqual([600, 700, 800, 900]);
		expect(heartbeatAgesOf(logs[2]!, 'a')).toEqual([0, 100, 200]);
	});

	it('forgets departed devices and reclaims their columns without moving anyone else’s ages', () => {
		let log = EMPTY_HEARTBEAT_LOG;
		const crowd = Array.from({length: 600}, (_, index) => `gone-${index}`);
		log = recordHeartbeats(log, [beating('stays', 1000, T0), ...crowd.map(id => beating(id, 5, T0))], T0, 40);
		log = recordHeartbeats(log, [beating('stays', 2000, T0 + 2000)], T0 + 2000, 40);
		expect(log.width).toBe(601);

		const forgotten = forgetDevices(log, crowd);
		expect(forgotten.width).toBe(1);
		expect(heartbeatAgesOf(forgotten, 'stays')).toEqual([1000, 2000]);
		expect(heartbeatAgesOf(forgotten, 'gone-3')).toBeUndefined();
		// The log before forgetting still reads as it did.
		expect(heartbeatAgesOf(log, 'gone-3')).toEqual([5]);

		// A device that comes back starts a fresh history.
		const back = recordHeartbeats(
			forgotten,
			[beating('stays', 0, T0 + 4000), beating('gone-3', 7, T0 + 4000)],
			T0 + 4000,
			40,
		);
		expect(heartbeatAgesOf(back, 'gone-3')).toEqual([7]);
		expect(heartbeatAgesOf(back, 'stays')).toEqual([1000, 2000, 0]);
	});

	it('leaves the columns in place while few are unused', () => {
		let log = recordHeartbeats(
			EMPTY_HEARTBEAT_LOG,
			[beating('a', 1, T0), beating('b', 2, T0), beating('c', 3, T0)],
			T0,
			40,
		);
		log = forgetDevices(log, ['a']);
		expect(log.width).toBe(3);
		expect(heartbeatAgesOf(log, 'c')).toEqual([3]);
		expect(heartbeatAgesOf(log, 'a')).toBeUndefined();
	});
});
