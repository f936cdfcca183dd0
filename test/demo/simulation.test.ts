import {describe, expect, it} from 'vitest';
import {serverInstanceId} from '../../src/demo/devices.js';
import {
	DROP_AFTER_MS,
	HEARTBEAT_MS,
	createSimulation,
	type RawConnection,
	type Simulation,
} from '../../src/demo/simulation.js';
import {matcher} from '../helpers/matcher.js';

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

function byId(records: RawConnection[]): Map<string, RawConnection> {
	return new Map(records.map(record => [record.id, record]));
}

function groupByDevice(records: RawConnection[]): Map<string, RawConnection[]> {
	const machines = new Map<string, RawConnection[]>();
	for (const record of records) {
		machines.set(record.deviceId, [...(machines.get(record.deviceId) ?? []), record]);
	}

	return machines;
}

const isLocal = (record: RawConnection) => record.organizationId === 'local';
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

function withoutHeartbeat({lastHeartbeat: _beat, lastSeenAt: _seen, ...rest}: RawConnection) {
	return rest;
}

/** The invariants every read of the simulation must hold; a frozen fleet (churn 0) keeps hung listeners hung. */
function checkInvariants(sim: Simulation, now: number, churning = true): void {
	const records = sim.list();
	const ids = records.map(record => record.id);
	expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
	expect(new Set(ids).size).toBe(ids.length);
	for (const [deviceId, rows] of groupByDevice(records)) {
		// The platform keys a listener by (organization, deviceId, listenerInstanceId).
		const instances = rows.map(row => row.listenerInstanceId);
		expect(new Set(instances).size, deviceId).toBe(rows.length);
	}

	for (const record of records) {
		const state = sim.state(record.id);
		expect(record.firstSeenAt).toBeLessThanOrEqual(record.lastSeenAt);
		if (isLocal(record)) {
			expect(record.listenerInstanceId).toBeUndefined();
		} else if (record.deviceId.startsWith('desktop:')) {
			expect(record.listenerInstanceId).toMatch(/^desktop-primary:/);
		} else {
			expect(record.listenerInstanceId).toBe(serverInstanceId(record.connectionName));
		}

		if (state === 'offline') {
			expect([record.connectionId, record.podId, record.connectedAt, record.lastHeartbeat]).toEqual([
				null,
				null,
				null,
				null,
			]);
			continue;
		}

		if (isLocal(record)) {
			expect(record.connectionId).toBe(`local-${record.deviceId}`);
			expect(record.podId).toBeNull();
		} else {
			expect(record.connectionId).toMatch(/^conn-[0-9a-f]{16}$/);
			expect(record.podId).toMatch(/^pod-ws-\d+$/);
		}

		expect(record.connectedAt).toBeLessThanOrEqual(record.lastHeartbeat!);
		const age = now - record.lastHeartbeat!;
		if (state === 'online') {
			expect(age).toBeGreaterThanOrEqual(0);
			expect(age).toBeLessThan(HEARTBEAT_MS);
		} else if (churning) {
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
		expect(createSimulation({seed: 12, size: 40, now: fakeClock().now}).list()).not.toEqual(
			createSimulation({seed: 11, size: 40, now: fakeClock().now}).list(),
		);
	});

	it('churns: disconnects, connects, blips, re-registrations, hangs, renames, new listeners, mode and branch changes', () => {
		const clock = fakeClock();
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
								current.get(row.id)?.lastSeenAt === now,
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
		const clock = fakeClock();
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
		const clock = fakeClock();
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
		const clock = fakeClock();
		const sim = createSimulation({seed: 7, size: 10, now: clock.now, churnPerMinute: 0});
		const record = sim.list()[0]!;
		const copy = structuredClone(record);
		sim.setMode(record.id, 'strict');
		sim.setBranch(record.id, 'feat/x');
		sim.disconnect(record.id);
		sim.rename(record.id, 'renamed');
		expect(record).toEqual(copy);
	});

	describe('control API', () => {
		function frozen(size = 20) {
			const clock = fakeClock();
			const sim = createSimulation({seed: 5, size, now: clock.now, churnPerMinute: 0});
			const online = sim.list().find(record => sim.state(record.id) === 'online')!;
			const offline = sim.list().find(record => sim.state(record.id) === 'offline')!;
			return {clock, sim, online, offline};
		}

		it('disconnect, connect and reconnect', () => {
			const {clock, sim, online, offline} = frozen();
			clock.tick(5000);
			const gone = sim.disconnect(online.id);
			expect(gone).toMatchObject({
				connectionId: null,
				podId: null,
				connectedAt: null,
				lastHeartbeat: null,
				lastSeenAt: clock.now(),
			});
			expect(sim.state(online.id)).toBe('offline');

			const back = sim.connect(offline.id);
			expect(back.connectionId).toMatch(/^conn-/);
			expect(back).toMatchObject({connectedAt: clock.now(), lastHeartbeat: clock.now(), lastSeenAt: clock.now()});

			clock.tick(5000);
			const again = sim.reconnect(offline.id);
			expect(again.connectionId).not.toBe(back.connectionId);
			expect(again.connectedAt).toBe(clock.now());
			expect(sim.getById(offline.id)).toEqual(again);
		});

		it('hang stops heartbeats; heartbeat revives; churn drops after 120 s', () => {
			const {clock, sim, online} = frozen();
			const hung = sim.hang(online.id);
			const lastHeartbeat = hung.lastHeartbeat!;
			expect(sim.state(online.id)).toBe('hung');
			clock.tick(90_000);
			expect(sim.getById(online.id)!.lastHeartbeat).toBe(lastHeartbeat);
			expect(clock.now() - lastHeartbeat).toBeGreaterThan(HEARTBEAT_MS);

			const revived = sim.heartbeat(online.id);
			expect(revived.lastHeartbeat).toBe(clock.now());
			expect(revived.connectionId).toBe(hung.connectionId);
			expect(sim.state(online.id)).toBe('online');

			// A vanishingly small churn: no random events, but the platform's drop rule runs.
			sim.setChurn(1e-9);
			const again = sim.hang(online.id);
			clock.tick(DROP_AFTER_MS - 1000);
			expect(sim.state(online.id)).toBe('hung');
			clock.tick(2000);
			expect(sim.state(online.id)).toBe('offline');
			expect(sim.getById(online.id)!.lastSeenAt).toBe(again.lastHeartbeat);
		});

		it('refuses to hang or beat an offline device, and unknown devices', () => {
			const {sim, offline} = frozen();
			expect(() => sim.hang(offline.id)).toThrow(/offline/);
			expect(() => sim.heartbeat(offline.id)).toThrow(/offline/);
			expect(() => sim.connect('nope')).toThrow(/Unknown device/);
			expect(sim.get('nope')).toBeUndefined();
			expect(sim.state('nope')).toBeUndefined();
		});

		it('setMode, setBranch, setVersion', () => {
			const {sim, online} = frozen();
			expect(sim.setMode(online.id, 'weird-new-mode').currentMode).toBe('weird-new-mode');
			expect(sim.setBranch(online.id, 'fix/thing').metadata?.gitBranch).toBe('fix/thing');
			expect(sim.setBranch(online.id, null).metadata).not.toHaveProperty('gitBranch');
			const upgraded = sim.setVersion(online.id, '0.33.0');
			expect(upgraded.metadata?.lettaCodeVersion).toBe('0.33.0');
			expect(upgraded.metadata?.supported_commands).toContain('upgrade-letta-code');
			expect(sim.setVersion(online.id, '0.31.0').metadata?.supported_commands).not.toContain(
				'upgrade-letta-code',
			);
		});

		it('addDevice and removeDevice', () => {
			const {sim, offline} = frozen();
			const lastId = sim.list().at(-1)!.id;
			const added = sim.addDevice({connectionName: 'new-box', deviceId: 'desktop:1234'});
			expect(added.id > lastId).toBe(true);
			expect(added).toMatchObject({
				connectionName: 'new-box',
				deviceId: 'desktop:1234',
				connectedAt: matcher.any(Number),
			});
			expect(sim.state('desktop:1234')).toBe('online');
			expect(sim.list().at(-1)).toEqual(added);
			expect(() => sim.addDevice({deviceId: 'desktop:1234'})).toThrow(/Duplicate/);

			const parked = sim.addDevice({connectionId: null});
			expect(parked.connectionId).toBeNull();
			expect(sim.state(parked.deviceId)).toBe('offline');

			const size = sim.size();
			expect(sim.removeDevice(offline.id)).toBe(true);
			expect(sim.removeDevice(offline.id)).toBe(false);
			expect(sim.getById(offline.id)).toBeUndefined();
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
			const sim = createSimulation({...options, now: fakeClock().now});
			const found = features(sim.list(), START);
			for (const [feature, count] of Object.entries(found)) {
				expect(count, `${feature} for ${JSON.stringify(options)}`).toBeGreaterThan(0);
			}

			expect(found.local).toBeLessThanOrEqual(2);
			checkInvariants(sim, START, false);
		}
	});

	it('keeps believable proportions in a large fleet', () => {
		const records = createSimulation({seed: 21, size: 5000, now: fakeClock().now}).list();
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

	describe('listeners, not machines', () => {
		function frozen(size = 20) {
			const clock = fakeClock();
			const sim = createSimulation({seed: 5, size, now: clock.now, churnPerMinute: 0});
			// A `letta server` listener alone on its machine, online, and an offline record.
			const online = sim
				.list()
				.find(
					record =>
						sim.state(record.id) === 'online' &&
						!isLocal(record) &&
						record.listenerInstanceId?.startsWith('server-') &&
						sim.listeners(record.deviceId).length === 1,
				)!;
			const offline = sim.list().find(record => sim.state(record.id) === 'offline')!;
			return {clock, sim, online, offline};
		}

		it('blip keeps the session and moves connectedAt; reconnect registers again', () => {
			const {clock, sim, online, offline} = frozen();
			clock.tick(7000);
			const blipped = sim.blip(online.id);
			expect(blipped).toMatchObject({
				connectionId: online.connectionId,
				podId: online.podId,
				connectedAt: clock.now(),
				lastHeartbeat: clock.now(),
			});
			clock.tick(5000);
			const moved = sim.blip(online.id, 'pod-ws-99');
			expect(moved).toMatchObject({
				connectionId: online.connectionId,
				podId: 'pod-ws-99',
				connectedAt: clock.now(),
			});
			expect(sim.getById(online.id)).toEqual(moved);

			// A hung listener's socket comes back to the same session and beats again.
			sim.hang(online.id);
			clock.tick(60_000);
			expect(sim.state(online.id)).toBe('hung');
			expect(sim.blip(online.id).connectionId).toBe(online.connectionId);
			expect(sim.state(online.id)).toBe('online');

			clock.tick(1000);
			const registered = sim.reconnect(online.id);
			expect(registered.connectionId).toMatch(/^conn-[0-9a-f]{16}$/);
			expect(registered.connectionId).not.toBe(online.connectionId);
			expect(registered.connectedAt).toBe(clock.now());
			expect(() => sim.blip(offline.id)).toThrow(/offline/);
		});

		it('rename leaves the old record offline and adds one on the same machine', () => {
			const {clock, sim, online} = frozen();
			const size = sim.size();
			const lastId = sim.list().at(-1)!.id;
			clock.tick(3000);
			const renamed = sim.rename(online.id, 'maya-work');
			expect(renamed.id > lastId).toBe(true);
			expect(renamed).toMatchObject({
				deviceId: online.deviceId,
				connectionName: 'maya-work',
				listenerInstanceId: serverInstanceId('maya-work'),
				connectedAt: clock.now(),
				firstSeenAt: clock.now(),
				userId: online.userId,
				metadata: online.metadata,
			});
			expect(renamed.listenerInstanceId).not.toBe(online.listenerInstanceId);
			expect(renamed.connectionId).toMatch(/^conn-/);
			expect(renamed.connectionId).not.toBe(online.connectionId);
			clock.tick(60_000);
			expect(sim.getById(online.id)).toMatchObject({
				connectionName: online.connectionName,
				listenerInstanceId: online.listenerInstanceId,
				connectionId: null,
				lastSeenAt: clock.now() - 60_000,
			});
			expect(sim.size()).toBe(size + 1);
			expect(sim.listeners(online.deviceId).map(record => record.id)).toEqual([online.id, renamed.id]);

			// Back to the old name: the platform finds the old record (same instance id) again.
			const back = sim.rename(renamed.id, online.connectionName);
			expect(back).toMatchObject({
				id: online.id,
				connectionName: online.connectionName,
				connectedAt: clock.now(),
			});
			expect(back.connectionId).not.toBe(online.connectionId);
			expect(sim.getById(renamed.id)!.connectionId).toBeNull();
			expect(sim.size()).toBe(size + 1);
			checkInvariants(sim, clock.now(), false);
		});

		it('a desktop app keeps its record when renamed', () => {
			const {sim} = frozen();
			const desktop = sim.addDevice({deviceId: 'desktop:5b1e', connectionName: 'Mayas-MacBook-Pro.local'});
			expect(desktop.listenerInstanceId).toMatch(/^desktop-primary:/);
			const renamed = sim.rename(desktop.id, 'Maya’s Mac');
			expect(renamed).toEqual({...desktop, connectionName: 'Maya’s Mac'});
			expect(sim.listeners('desktop:5b1e')).toHaveLength(1);
		});

		it('addListener puts another listener on a machine; a deviceId names its first record', () => {
			const {clock, sim} = frozen();
			const machine = sim.addDevice({deviceId: 'machine-1', connectionName: 'lab-box'});
			expect(machine.listenerInstanceId).toBe(serverInstanceId('lab-box'));
			clock.tick(1000);
			const second = sim.addListener('machine-1', {connectionName: 'lab-box-docs'});
			expect(second).toMatchObject({
				deviceId: 'machine-1',
				connectionName: 'lab-box-docs',
				listenerInstanceId: serverInstanceId('lab-box-docs'),
				connectedAt: clock.now(),
				userId: machine.userId,
				metadata: {os: machine.metadata!.os, lettaCodeVersion: machine.metadata!.lettaCodeVersion},
			});
			expect(second.id > machine.id).toBe(true);
			expect(second.connectionId).not.toBe(machine.connectionId);
			// By record id too, with a generated name.
			const third = sim.addListener(second.id);
			expect(new Set(sim.listeners('machine-1').map(record => record.listenerInstanceId)).size).toBe(3);
			expect(() => sim.addListener('machine-1', {connectionName: 'lab-box'})).toThrow(/already has a listener/);
			expect(() => sim.addListener('nope')).toThrow(/Unknown device/);
			expect(() => sim.addDevice({deviceId: 'machine-1'})).toThrow(/Duplicate device/);
			expect(sim.listeners('machine-1').map(record => record.id)).toEqual([machine.id, second.id, third.id]);

			// A deviceId stands for the machine's first record; an id for exactly one.
			expect(sim.get('machine-1')!.id).toBe(machine.id);
			sim.setMode('machine-1', 'strict');
			sim.setMode(second.id, 'acceptEdits');
			expect(sim.listeners('machine-1').map(record => record.currentMode)).toEqual([
				'strict',
				'acceptEdits',
				third.currentMode,
			]);
			sim.disconnect(second.id);
			expect([sim.state('machine-1'), sim.state(second.id), sim.state(third.id)]).toEqual([
				'online',
				'offline',
				'online',
			]);
			expect(sim.removeDevice('machine-1')).toBe(true);
			expect(sim.get('machine-1')!.id).toBe(second.id);
			checkInvariants(sim, clock.now(), false);
		});

		it('pages several records per machine without losing or repeating one', () => {
			const clock = fakeClock();
			const sim = createSimulation({seed: 5, size: 60, now: clock.now, churnPerMinute: 0});
			for (const record of sim
				.list()
				.filter(
					(record, at) =>
						at % 9 === 0 &&
						record.listenerInstanceId?.startsWith('server-') &&
						!record.deviceId.startsWith('sandbox-'),
				)) {
				sim.addListener(record.id);
			}

			const all = sim.list();
			expect([...groupByDevice(all).values()].filter(rows => rows.length >= 2).length).toBeGreaterThan(4);
			for (const query of [{limit: 1}, {limit: 2}, {limit: 7}, {limit: 100}, {limit: 3, onlineOnly: true}]) {
				const seen: string[] = [];
				let after: string | undefined;
				for (let pages = 0; pages < 100; pages++) {
					const page = sim.page({...query, after});
					seen.push(...page.connections.map(record => record.id));
					if (!page.hasNextPage) {
						break;
					}

					after = seen.at(-1);
				}

				expect(seen).toEqual(
					all.filter(record => !query.onlineOnly || record.connectionId !== null).map(record => record.id),
				);
			}
		});
	});

	it('pages by id cursor', () => {
		const sim = createSimulation({seed: 1, size: 100, now: fakeClock().now, churnPerMinute: 0});
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
		const clock = fakeClock();
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
