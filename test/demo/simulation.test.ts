import {describe, expect, it} from 'vitest';
import {HEARTBEAT_MS, createSimulation, type RawConnection} from '../../src/demo/simulation.js';
import {
	START,
	byId,
	checkInvariants,
	groupByDevice,
	isLocal,
	simClock,
	withoutHeartbeat,
} from '../helpers/simulation.js';
import {matcher} from '../helpers/matcher.js';

const DAY_MS = 86_400_000;

/** What a demo fleet must show, read off the wire records alone. */
function features(records: RawConnection[], now: number) {
	const machines = groupByDevice(records);
	const live = (record: RawConnection) => record.connectionId !== null && now - record.lastHeartbeat! < HEARTBEAT_MS;
	const machinesNamed = new Map<string, Set<string>>();
	for (const record of records) {
		machinesNamed.set(
			record.connectionName,
			(machinesNamed.get(record.connectionName) ?? new Set()).add(record.deviceId),
		);
	}

	return {
		twoOnlineListeners: [...machines.values()].filter(rows => rows.filter(live).length >= 2).length,
		duplicateNames: [...machinesNamed.values()].filter(deviceIds => deviceIds.size >= 2).length,
		// Offline for days, under an old name, with a record of the same machine first seen after it was last seen.
		renamedLeftovers: records.filter(
			record =>
				record.connectionId === null &&
				record.lastSeenAt <= now - DAY_MS &&
				machines
					.get(record.deviceId)!
					.some(
						other =>
							other.connectionName !== record.connectionName && other.firstSeenAt >= record.lastSeenAt,
					),
		).length,
		fullAccess: records.filter(record => record.currentMode === 'fullAccess').length,
		local: records.filter(isLocal).length,
		stale: records.filter(record => record.connectionId !== null && now - record.lastHeartbeat! > HEARTBEAT_MS)
			.length,
		plan: records.filter(record => record.currentMode === 'plan').length,
	};
}

describe('createSimulation', () => {
	it('builds a varied fleet in the wire shape', () => {
		const clock = simClock();
		const sim = createSimulation({seed: 7, size: 40, now: clock.now});
		const records = sim.list();
		expect(records).toHaveLength(40);
		const online = records.filter(record => sim.state(record.id) === 'online').length;
		const hung = records.filter(record => sim.state(record.id) === 'hung');
		expect(online).toBeGreaterThan(15);
		expect(hung.length).toBeGreaterThan(0);
		for (const record of hung) {
			expect(START - record.lastHeartbeat!).toBeGreaterThanOrEqual(80_000);
			expect(START - record.lastHeartbeat!).toBeLessThanOrEqual(110_000);
		}

		expect(records.some(record => record.currentMode === 'plan')).toBe(true);
		expect(records.some(record => record.deviceId.startsWith('sandbox-agent-'))).toBe(true);
		expect(new Set(records.map(record => record.userId)).size).toBeGreaterThan(2);
		const first = records[0]!;
		expect(first.id).toMatch(/^env-\d{6}-[0-9a-f]{4}$/);
		expect(first.organizationId).toMatch(/^org-/);
		expect(first.metadata).toMatchObject({
			lettaCodeVersion: matcher.any(String),
			nodeVersion: matcher.stringMatching(/^v\d+\./),
			os: matcher.stringMatching(/^(darwin|linux|win32)$/),
			workingDirectory: matcher.any(String),
			supported_commands: matcher.any(Array),
			self_update: {supported: matcher.any(Boolean), writable: matcher.any(Boolean)},
		});
		checkInvariants(sim, clock.now());
	});

	it('is deterministic for a seed, however often it is read', () => {
		const a = simClock();
		const b = simClock();
		const simA = createSimulation({seed: 11, size: 40, now: a.now});
		const simB = createSimulation({seed: 11, size: 40, now: b.now});
		expect(simA.list()).toEqual(simB.list());
		// A reads every second, B once at the end: the same history.
		for (let i = 0; i < 300; i++) {
			a.tick(1000);
			simA.list();
		}

		b.tick(300_000);
		expect(simA.list()).toEqual(simB.list());
		expect(createSimulation({seed: 12, size: 40, now: simClock().now}).list()).not.toEqual(
			createSimulation({seed: 11, size: 40, now: simClock().now}).list(),
		);
	});

	it('churns: disconnects, connects, blips, re-registrations, hangs, renames, new listeners, mode and branch changes', () => {
		const clock = simClock();
		const sim = createSimulation({seed: 7, size: 40, now: clock.now, churnPerMinute: 20});
		const seen = {
			disconnect: 0,
			connect: 0,
			blip: 0,
			podMove: 0,
			reregister: 0,
			stale: 0,
			dropped: 0,
			mode: 0,
			branch: 0,
			rename: 0,
			listener: 0,
		};
		let previous = byId(sim.list());
		for (let elapsed = 0; elapsed < 30 * 60_000; elapsed += 5000) {
			clock.tick(5000);
			const now = clock.now();
			checkInvariants(sim, now);
			const records = sim.list();
			const current = byId(records);
			const machinesBefore = groupByDevice([...previous.values()]);
			for (const [id, record] of current) {
				if (record.connectionId !== null && now - record.lastHeartbeat! > HEARTBEAT_MS) {
					seen.stale++;
				}

				const before = previous.get(id);
				if (!before) {
					const rows = machinesBefore.get(record.deviceId);
					if (rows) {
						// A new record on a known machine: a renamed listener (an old row went offline just now) or
						// another listener.
						expect(rows.map(row => row.listenerInstanceId)).not.toContain(record.listenerInstanceId);
						const left = rows.find(
							row =>
								row.connectionId !== null &&
								current.get(row.id)?.connectionId === null &&
								// Within this tick: the rename fell on one of its five one-second steps.
								current.get(row.id)!.lastSeenAt > now - 5000,
						);
						if (left) {
							seen.rename++;
							expect(current.get(left.id)!.connectionName).not.toBe(record.connectionName);
						} else {
							seen.listener++;
						}
					}

					continue;
				}

				expect(record.deviceId).toBe(before.deviceId);
				if (before.connectionId !== null && record.connectionId === null) {
					seen.disconnect++;
					if (now - before.lastHeartbeat! > HEARTBEAT_MS && record.lastSeenAt === before.lastHeartbeat) {
						seen.dropped++;
					}
				}

				if (before.connectionId === null && record.connectionId !== null) {
					seen.connect++;
					expect(record.connectedAt).toBeGreaterThan(now - 5000);
				}

				if (before.connectionId !== null && record.connectionId !== null) {
					if (before.connectionId !== record.connectionId) {
						seen.reregister++;
						expect(record.connectedAt).toBeGreaterThan(before.connectedAt!);
					} else if (record.connectedAt !== before.connectedAt) {
						seen.blip++;
						expect(record.connectedAt).toBeGreaterThan(now - 5000);
						if (record.podId !== before.podId) {
							seen.podMove++;
						}
					}
				}

				if (before.currentMode !== record.currentMode) {
					seen.mode++;
				}

				if (before.metadata?.gitBranch !== record.metadata?.gitBranch) {
					seen.branch++;
				}
			}

			previous = current;
		}

		for (const [event, count] of Object.entries(seen)) {
			expect(count, event).toBeGreaterThan(0);
		}

		// A socket blip keeps the session and is the commoner way back; re-registering renews it.
		expect(seen.blip).toBeGreaterThan(seen.reregister);
		expect(sim.size()).toBeGreaterThan(28);
		expect(sim.size()).toBeLessThan(55);
	});

	it('with churn 0 only heartbeats change', () => {
		const clock = simClock();
		const sim = createSimulation({seed: 7, size: 40, now: clock.now, churnPerMinute: 0});
		const before = sim.list();
		clock.tick(10 * 60_000);
		const after = sim.list();
		expect(after.map(withoutHeartbeat)).toEqual(before.map(withoutHeartbeat));
		expect(after.filter((record, i) => record.lastHeartbeat !== before[i]!.lastHeartbeat).length).toBeGreaterThan(
			10,
		);
		// Hung devices stay stale in a frozen fleet.
		expect(after.filter(record => sim.state(record.id) === 'hung').length).toBe(
			before.filter(record => record.connectionId !== null && START - record.lastHeartbeat! >= 80_000).length,
		);
	});

	it('keeps healthy heartbeats within 30 s at any read time', () => {
		const clock = simClock();
		const sim = createSimulation({seed: 3, size: 60, now: clock.now});
		for (let i = 0; i < 200; i++) {
			clock.tick(1777);
			for (const record of sim.list()) {
				if (sim.state(record.id) === 'online') {
					expect(clock.now() - record.lastHeartbeat!).toBeLessThan(HEARTBEAT_MS);
				}
			}
		}
	});

	it('returns snapshots that later changes do not touch', () => {
		const clock = simClock();
		const sim = createSimulation({seed: 7, size: 10, now: clock.now, churnPerMinute: 0});
		const record = sim.list()[0]!;
		const copy = structuredClone(record);
		sim.setMode(record.id, 'strict');
		sim.setBranch(record.id, 'feat/x');
		sim.disconnect(record.id);
		sim.rename(record.id, 'renamed');
		expect(record).toEqual(copy);
	});

	it('shows, for the default and other seeds, what a real fleet has', () => {
		for (const options of [
			{seed: 7, size: 40},
			{size: 40},
			{seed: 1},
			{seed: 2, size: 40},
			{seed: 3, size: 40},
			{seed: 99, size: 40},
			{seed: 7, size: 12},
			{seed: 5, size: 300},
		]) {
			const sim = createSimulation({...options, now: simClock().now});
			const found = features(sim.list(), START);
			for (const [feature, count] of Object.entries(found)) {
				expect(count, `${feature} for ${JSON.stringify(options)}`).toBeGreaterThan(0);
			}

			expect(found.local).toBeLessThanOrEqual(2);
			checkInvariants(sim, START, false);
		}
	});

	it('keeps believable proportions in a large fleet', () => {
		const records = createSimulation({seed: 21, size: 5000, now: simClock().now}).list();
		const machines = [...groupByDevice(records).values()];
		const found = features(records, START);
		const several = machines.filter(rows => rows.length >= 2).length;
		expect(several / machines.length).toBeGreaterThan(0.04);
		expect(several / machines.length).toBeLessThan(0.2);
		expect(machines.every(rows => rows.length <= 4)).toBe(true);
		expect(found.local).toBeLessThanOrEqual(2);
		expect(found.renamedLeftovers / records.length).toBeGreaterThan(0.01);
		expect(found.renamedLeftovers / records.length).toBeLessThan(0.1);
		expect(found.fullAccess / records.length).toBeGreaterThan(0.02);
		expect(found.fullAccess / records.length).toBeLessThan(0.12);
		const online = records.filter(record => record.connectionId !== null).length / records.length;
		expect(online).toBeGreaterThan(0.55);
		expect(online).toBeLessThan(0.85);
	});

	it('pages by id cursor', () => {
		const sim = createSimulation({seed: 1, size: 100, now: simClock().now, churnPerMinute: 0});
		const ids = sim.list().map(record => record.id);
		const page = sim.page({after: ids[41], limit: 5});
		expect(page.connections.map(record => record.id)).toEqual(ids.slice(42, 47));
		expect(page.hasNextPage).toBe(true);
		expect(sim.page({after: ids[97], limit: 5})).toMatchObject({
			hasNextPage: false,
			connections: [{id: ids[98]}, {id: ids[99]}],
		});
	});

	it('builds, advances and pages 50 000 records cheaply', () => {
		const clock = simClock();
		const started = performance.now();
		const sim = createSimulation({seed: 9, size: 50_000, now: clock.now, churnPerMinute: 600});
		const built = performance.now() - started;
		// Only catches work that grows with the fleet per step (minutes, not seconds); about 0.3 s on an idle laptop.
		expect(built).toBeLessThan(20_000);
		expect(sim.size()).toBe(50_000);
		const stepping = performance.now();
		clock.tick(10 * 60_000);
		sim.advance();
		expect(performance.now() - stepping).toBeLessThan(20_000);
		const ids = sim.list().map(record => record.id);
		expect(new Set(ids).size).toBe(ids.length);
		const pageStart = performance.now();
		for (let i = 0; i < 100; i++) {
			sim.page({after: ids[25_000 + i], limit: 100});
		}

		expect(performance.now() - pageStart).toBeLessThan(5000);
		expect(sim.page({after: ids[25_000], limit: 3}).connections.map(record => record.id)).toEqual(
			ids.slice(25_001, 25_004),
		);
	});
});
