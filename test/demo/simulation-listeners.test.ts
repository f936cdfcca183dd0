import {describe, expect, it} from 'vitest';
import {serverInstanceId} from '../../src/demo/devices.js';
import {createSimulation} from '../../src/demo/simulation.js';
import {checkInvariants, groupByDevice, isLocal, simClock} from '../helpers/simulation.js';

describe('the simulation: listeners, not machines', () => {
	function frozen(size = 20) {
		const clock = simClock();
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
		const clock = simClock();
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
