/**
 * Hours of polling on fake time against a churning simulated fleet: whatever
 * the fleet does, the state letta-fleet keeps stays within its bounds.
 */
import {describe, expect, it} from 'vitest';
import {parsePage} from '../../src/api/parse.js';
import {createSimulation} from '../../src/demo/simulation.js';
import {ApiError} from '../../src/api/errors.js';
import {keyRecords} from '../../src/fleet/row-keys.js';
import {deviceHistory, fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import type {Snapshot} from '../../src/fleet/types.js';
import {type Clock, createPoller} from '../../src/poller/poller.js';
import {T0} from '../helpers/fixtures.js';
import {promised} from '../helpers/promised.js';

const POLLS = 3000;
const INTERVAL = 2000;

describe('a long run', () => {
	it('keeps the event log, device history, marks and tombstones bounded over 3 000 polls', () => {
		let now = T0;
		// Churn far above any real fleet's: a change every half second.
		const simulation = createSimulation({seed: 9, size: 200, now: () => now, churnPerMinute: 120});
		const settings = {
			maxEvents: 500,
			maxDeviceEvents: 50,
			maxHeartbeatSamples: 40,
			maxSessions: 10,
			lingerMs: 30_000,
		};
		let state = initialFleetState(settings);
		let peakHistory = 0;
		let removedSeen = 0;
		for (let poll = 0; poll < POLLS; poll++) {
			now += INTERVAL;
			const connections = parsePage({connections: simulation.list(), hasNextPage: false}).connections;
			const snapshot: Snapshot = {
				...keyRecords(connections),
				fetchedAt: now,
				clockOffsetMs: 0,
				latencyMs: 5,
				pages: 1,
			};
			state = fleetReducer(state, {type: 'poll-succeeded', snapshot});
			state = fleetReducer(state, {type: 'tick', now: now + 1000});
			removedSeen += state.lastEvents.filter(event => event.type === 'removed').length;

			expect(state.events.length).toBeLessThanOrEqual(settings.maxEvents);
			const tracked = state.heartbeats.columns.size;
			expect(tracked).toBeLessThanOrEqual(connections.length + state.tombstones.size);
			expect(state.deviceLogs.size).toBeLessThanOrEqual(tracked);
			// Columns of departed devices are reclaimed: the per-poll arrays stay near the fleet's size.
			expect(state.heartbeats.width).toBeLessThanOrEqual(2 * tracked + 256 + connections.length);
			peakHistory = Math.max(peakHistory, tracked);
			for (const tombstone of state.tombstones.values()) {
				expect(now + 1000 - tombstone.since).toBeLessThan(settings.lingerMs);
			}

			for (const mark of state.marks.values()) {
				expect(now + 1000 - mark.at).toBeLessThan(settings.lingerMs);
			}
		}

		for (const id of state.heartbeats.columns.keys()) {
			const entry = deviceHistory(state, id)!;
			expect(entry.events.length).toBeLessThanOrEqual(settings.maxDeviceEvents);
			expect(entry.heartbeatAges.length).toBeLessThanOrEqual(settings.maxHeartbeatSamples);
			expect(entry.sessions.length).toBeLessThanOrEqual(settings.maxSessions);
		}

		// The run was a real workout: thousands of events, devices removed and their history dropped.
		expect(state.eventsSeen).toBeGreaterThan(5 * settings.maxEvents);
		expect(removedSeen).toBeGreaterThan(0);
		expect(peakHistory).toBeLessThan(400);
	});

	it('holds at most maxDeviceEventsTotal device events across the fleet, counted right, the newest kept', () => {
		let now = T0;
		// Every device changes often, so each one's own cap of 50 is far from reached while the fleet's is passed.
		const simulation = createSimulation({seed: 5, size: 300, now: () => now, churnPerMinute: 600});
		const settings = {maxDeviceEventsTotal: 400, lingerMs: 30_000};
		let state = initialFleetState(settings);
		let trimmed = false;
		for (let poll = 0; poll < 600; poll++) {
			now += INTERVAL;
			const connections = parsePage({connections: simulation.list(), hasNextPage: false}).connections;
			state = fleetReducer(state, {
				type: 'poll-succeeded',
				snapshot: {...keyRecords(connections), fetchedAt: now, clockOffsetMs: 0, latencyMs: 5, pages: 1},
			});
			const logged = [...state.deviceLogs.values()].flatMap(log => log.events);
			expect(state.deviceEventCount).toBe(logged.length);
			expect(logged.length).toBeLessThanOrEqual(settings.maxDeviceEventsTotal);
			// A log stays only while it holds events: the logs, and their sessions, are bounded with them.
			expect([...state.deviceLogs.values()].every(log => log.events.length > 0)).toBe(true);
			trimmed ||= state.eventsSeen > settings.maxDeviceEventsTotal;
			if (trimmed) {
				// The fleet's last events are all still in the devices' logs.
				for (const event of state.lastEvents.filter(event => state.deviceLogs.has(event.id))) {
					expect(state.deviceLogs.get(event.id)!.events).toContain(event);
				}
			}
		}

		expect(trimmed).toBe(true);
		expect(state.eventsSeen).toBeGreaterThan(3 * settings.maxDeviceEventsTotal);
	});

	it('leaves at most one timer pending through thousands of polls, failures and pauses', async () => {
		let time = T0;
		const timers = new Map<number, {at: number; callback: () => void}>();
		let next = 1;
		const clock: Clock = {
			now: () => time,
			setTimeout(callback, ms) {
				timers.set(next, {at: time + ms, callback});
				return next++;
			},
			clearTimeout: handle => void timers.delete(handle as number),
		};
		let polls = 0;
		const poller = createPoller({
			intervalMs: INTERVAL,
			clock,
			random: () => 0.5,
			poll: () =>
				promised(() => {
					polls++;
					if (polls % 7 === 0) throw new ApiError('server', 'flaky', {status: 503});
					return {
						connections: [],
						byId: new Map(),
						fetchedAt: time,
						clockOffsetMs: 0,
						latencyMs: 1,
						pages: 1,
					};
				}),
		});
		poller.start();
		let peak = 0;
		for (let step = 0; step < POLLS; step++) {
			const due = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
			if (!due) break;
			timers.delete(due[0]);
			time = due[1].at;
			due[1].callback();
			for (let flush = 0; flush < 5; flush++) await Promise.resolve();
			if (step % 500 === 250) {
				poller.pause();
				poller.pollNow();
				poller.resume();
			}

			peak = Math.max(peak, timers.size);
		}

		poller.stop();
		expect(polls).toBeGreaterThan(POLLS * 0.9);
		expect(peak).toBe(1);
		expect(timers.size).toBe(0);
	});
});
