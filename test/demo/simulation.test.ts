import {describe, expect, it} from 'vitest';
import {DROP_AFTER_MS, HEARTBEAT_MS, createSimulation, type RawConnection, type Simulation} from '../../src/demo/simulation.js';

const START = Date.UTC(2025, 5, 2, 9, 30, 0);

function fakeClock(start = START) {
	let time = start;
	return {
		now: () => time,
		tick(ms: number) {
			time += ms;
		},
	};
}

function byDevice(records: RawConnection[]): Map<string, RawConnection> {
	return new Map(records.map(record => [record.deviceId, record]));
}

function withoutHeartbeat({lastHeartbeat: _beat, lastSeenAt: _seen, ...rest}: RawConnection) {
	return rest;
}

/** The invariants every read of the simulation must hold. */
function checkInvariants(sim: Simulation, now: number): void {
	const records = sim.list();
	const ids = records.map(record => record.id);
	expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
	expect(new Set(ids).size).toBe(ids.length);
	for (const record of records) {
		const state = sim.state(record.deviceId);
		expect(record.firstSeenAt).toBeLessThanOrEqual(record.lastSeenAt);
		if (state === 'offline') {
			expect([record.connectionId, record.podId, record.connectedAt, record.lastHeartbeat]).toEqual([null, null, null, null]);
			continue;
		}

		expect(record.connectionId).toMatch(/^conn-/);
		expect(record.podId).toMatch(/^pod-ws-\d+$/);
		expect(record.connectedAt).toBeLessThanOrEqual(record.lastHeartbeat!);
		const age = now - record.lastHeartbeat!;
		if (state === 'online') {
			expect(age).toBeGreaterThanOrEqual(0);
			expect(age).toBeLessThan(HEARTBEAT_MS);
		} else {
			// Hung: dropped a little after 120 s without a heartbeat.
			expect(age).toBeLessThan(DROP_AFTER_MS + 7000);
		}
	}
}

describe('createSimulation', () => {
	it('builds a varied fleet in the wire shape', () => {
		const clock = fakeClock();
		const sim = createSimulation({seed: 7, size: 40, now: clock.now});
		const records = sim.list();
		expect(records).toHaveLength(40);
		const online = records.filter(record => sim.state(record.deviceId) === 'online').length;
		const hung = records.filter(record => sim.state(record.deviceId) === 'hung');
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
			lettaCodeVersion: expect.any(String),
			nodeVersion: expect.stringMatching(/^v\d+\./),
			os: expect.stringMatching(/^(darwin|linux|win32)$/),
			workingDirectory: expect.any(String),
			supported_commands: expect.any(Array),
			self_update: {supported: expect.any(Boolean), writable: expect.any(Boolean)},
		});
		checkInvariants(sim, clock.now());
	});

	it('is deterministic for a seed, however often it is read', () => {
		const a = fakeClock();
		const b = fakeClock();
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
		expect(createSimulation({seed: 12, size: 40, now: fakeClock().now}).list()).not.toEqual(createSimulation({seed: 11, size: 40, now: fakeClock().now}).list());
	});

	it('churns: disconnects, connects, reconnects, hangs, mode and branch changes', () => {
		const clock = fakeClock();
		const sim = createSimulation({seed: 7, size: 40, now: clock.now, churnPerMinute: 20});
		const seen = {disconnect: 0, connect: 0, reconnect: 0, stale: 0, dropped: 0, mode: 0, branch: 0};
		let previous = byDevice(sim.list());
		for (let elapsed = 0; elapsed < 10 * 60_000; elapsed += 5000) {
			clock.tick(5000);
			const now = clock.now();
			checkInvariants(sim, now);
			const current = byDevice(sim.list());
			for (const [deviceId, record] of current) {
				if (record.connectionId !== null && now - record.lastHeartbeat! > HEARTBEAT_MS) {
					seen.stale++;
				}

				const before = previous.get(deviceId);
				if (!before) {
					continue;
				}

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

				if (before.connectionId !== null && record.connectionId !== null && before.connectionId !== record.connectionId) {
					seen.reconnect++;
					expect(record.connectedAt).toBeGreaterThan(before.connectedAt!);
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

		for (const count of Object.values(seen)) {
			expect(count).toBeGreaterThan(0);
		}

		expect(sim.size()).toBeGreaterThan(30);
		expect(sim.size()).toBeLessThan(50);
	});

	it('with churn 0 only heartbeats change', () => {
		const clock = fakeClock();
		const sim = createSimulation({seed: 7, size: 40, now: clock.now, churnPerMinute: 0});
		const before = sim.list();
		clock.tick(10 * 60_000);
		const after = sim.list();
		expect(after.map(withoutHeartbeat)).toEqual(before.map(withoutHeartbeat));
		expect(after.filter((record, i) => record.lastHeartbeat !== before[i]!.lastHeartbeat).length).toBeGreaterThan(10);
		// Hung devices stay stale in a frozen fleet.
		expect(after.filter(record => sim.state(record.deviceId) === 'hung').length)
			.toBe(before.filter(record => record.connectionId !== null && START - record.lastHeartbeat! >= 80_000).length);
	});

	it('keeps healthy heartbeats within 30 s at any read time', () => {
		const clock = fakeClock();
		const sim = createSimulation({seed: 3, size: 60, now: clock.now});
		for (let i = 0; i < 200; i++) {
			clock.tick(1777);
			for (const record of sim.list()) {
				if (sim.state(record.deviceId) === 'online') {
					expect(clock.now() - record.lastHeartbeat!).toBeLessThan(HEARTBEAT_MS);
				}
			}
		}
	});

	it('returns snapshots that later changes do not touch', () => {
		const clock = fakeClock();
		const sim = createSimulation({seed: 7, size: 10, now: clock.now, churnPerMinute: 0});
		const record = sim.list()[0]!;
		const copy = structuredClone(record);
		sim.setMode(record.deviceId, 'strict');
		sim.setBranch(record.deviceId, 'feat/x');
		sim.disconnect(record.deviceId);
		expect(record).toEqual(copy);
	});

	describe('control API', () => {
		function frozen(size = 20) {
			const clock = fakeClock();
			const sim = createSimulation({seed: 5, size, now: clock.now, churnPerMinute: 0});
			const online = sim.list().find(record => sim.state(record.deviceId) === 'online')!;
			const offline = sim.list().find(record => sim.state(record.deviceId) === 'offline')!;
			return {clock, sim, online, offline};
		}

		it('disconnect, connect and reconnect', () => {
			const {clock, sim, online, offline} = frozen();
			clock.tick(5000);
			const gone = sim.disconnect(online.deviceId);
			expect(gone).toMatchObject({connectionId: null, podId: null, connectedAt: null, lastHeartbeat: null, lastSeenAt: clock.now()});
			expect(sim.state(online.deviceId)).toBe('offline');

			const back = sim.connect(offline.deviceId);
			expect(back.connectionId).toMatch(/^conn-/);
			expect(back).toMatchObject({connectedAt: clock.now(), lastHeartbeat: clock.now(), lastSeenAt: clock.now()});

			clock.tick(5000);
			const again = sim.reconnect(offline.deviceId);
			expect(again.connectionId).not.toBe(back.connectionId);
			expect(again.connectedAt).toBe(clock.now());
			expect(sim.get(offline.deviceId)).toEqual(again);
		});

		it('hang stops heartbeats; heartbeat revives; churn drops after 120 s', () => {
			const {clock, sim, online} = frozen();
			const hung = sim.hang(online.deviceId);
			const lastHeartbeat = hung.lastHeartbeat!;
			expect(sim.state(online.deviceId)).toBe('hung');
			clock.tick(90_000);
			expect(sim.get(online.deviceId)!.lastHeartbeat).toBe(lastHeartbeat);
			expect(clock.now() - lastHeartbeat).toBeGreaterThan(HEARTBEAT_MS);

			const revived = sim.heartbeat(online.deviceId);
			expect(revived.lastHeartbeat).toBe(clock.now());
			expect(revived.connectionId).toBe(hung.connectionId);
			expect(sim.state(online.deviceId)).toBe('online');

			// A vanishingly small churn: no random events, but the platform's drop rule runs.
			sim.setChurn(1e-9);
			const again = sim.hang(online.deviceId);
			clock.tick(DROP_AFTER_MS - 1000);
			expect(sim.state(online.deviceId)).toBe('hung');
			clock.tick(2000);
			expect(sim.state(online.deviceId)).toBe('offline');
			expect(sim.get(online.deviceId)!.lastSeenAt).toBe(again.lastHeartbeat);
		});

		it('refuses to hang or beat an offline device, and unknown devices', () => {
			const {sim, offline} = frozen();
			expect(() => sim.hang(offline.deviceId)).toThrow(/offline/);
			expect(() => sim.heartbeat(offline.deviceId)).toThrow(/offline/);
			expect(() => sim.connect('nope')).toThrow(/Unknown device/);
			expect(sim.get('nope')).toBeUndefined();
			expect(sim.state('nope')).toBeUndefined();
		});

		it('setMode, setBranch, setVersion', () => {
			const {sim, online} = frozen();
			expect(sim.setMode(online.deviceId, 'weird-new-mode').currentMode).toBe('weird-new-mode');
			expect(sim.setBranch(online.deviceId, 'fix/thing').metadata?.gitBranch).toBe('fix/thing');
			expect(sim.setBranch(online.deviceId, null).metadata).not.toHaveProperty('gitBranch');
			const upgraded = sim.setVersion(online.deviceId, '0.33.0');
			expect(upgraded.metadata?.lettaCodeVersion).toBe('0.33.0');
			expect(upgraded.metadata?.supported_commands).toContain('upgrade-letta-code');
			expect(sim.setVersion(online.deviceId, '0.31.0').metadata?.supported_commands).not.toContain('upgrade-letta-code');
		});

		it('addDevice and removeDevice', () => {
			const {sim, offline} = frozen();
			const lastId = sim.list().at(-1)!.id;
			const added = sim.addDevice({connectionName: 'new-box', deviceId: 'desktop:1234'});
			expect(added.id > lastId).toBe(true);
			expect(added).toMatchObject({connectionName: 'new-box', deviceId: 'desktop:1234', connectedAt: expect.any(Number)});
			expect(sim.state('desktop:1234')).toBe('online');
			expect(sim.list().at(-1)).toEqual(added);
			expect(() => sim.addDevice({deviceId: 'desktop:1234'})).toThrow(/Duplicate/);

			const parked = sim.addDevice({connectionId: null});
			expect(parked.connectionId).toBeNull();
			expect(sim.state(parked.deviceId)).toBe('offline');

			const size = sim.size();
			expect(sim.removeDevice(offline.deviceId)).toBe(true);
			expect(sim.removeDevice(offline.deviceId)).toBe(false);
			expect(sim.get(offline.deviceId)).toBeUndefined();
			expect(sim.size()).toBe(size - 1);
		});

		it('setChurn turns churn on and off, and rejects nonsense', () => {
			const {clock, sim} = frozen(40);
			const strip = () => sim.list().map(withoutHeartbeat);
			const before = strip();
			sim.setChurn(60);
			clock.tick(60_000);
			const churned = strip();
			expect(churned).not.toEqual(before);
			sim.setChurn(0);
			clock.tick(60_000);
			expect(strip()).toEqual(churned);
			expect(() => sim.setChurn(-1)).toThrow(RangeError);
		});
	});

	it('pages by id cursor', () => {
		const sim = createSimulation({seed: 1, size: 100, now: fakeClock().now, churnPerMinute: 0});
		const ids = sim.list().map(record => record.id);
		const page = sim.page({after: ids[41], limit: 5});
		expect(page.connections.map(record => record.id)).toEqual(ids.slice(42, 47));
		expect(page.hasNextPage).toBe(true);
		expect(sim.page({after: ids[97], limit: 5})).toMatchObject({hasNextPage: false, connections: [{id: ids[98]}, {id: ids[99]}]});
	});

	it('builds 50 000 devices quickly and pages them cheaply', () => {
		const clock = fakeClock();
		const started = performance.now();
		const sim = createSimulation({seed: 9, size: 50_000, now: clock.now});
		const built = performance.now() - started;
		// Generous for a slow shared CI machine; about 0.3 s on a laptop.
		expect(built).toBeLessThan(3000);
		expect(sim.size()).toBe(50_000);
		clock.tick(60_000);
		const ids = sim.list().map(record => record.id);
		expect(new Set(ids).size).toBe(ids.length);
		const pageStart = performance.now();
		for (let i = 0; i < 100; i++) {
			sim.page({after: ids[25_000 + i], limit: 100});
		}

		expect(performance.now() - pageStart).toBeLessThan(500);
		expect(sim.page({after: ids[25_000], limit: 3}).connections.map(record => record.id)).toEqual(ids.slice(25_001, 25_004));
	});
});
