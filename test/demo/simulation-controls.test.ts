import {describe, expect, it} from 'vitest';
import {matcher} from '../helpers/matcher.js';
import {DROP_AFTER_MS, HEARTBEAT_MS, createSimulation} from '../../src/demo/simulation.js';
import {simClock, withoutHeartbeat} from '../helpers/simulation.js';

describe("the simulation's control API", () => {
	function frozen(size = 20) {
		const clock = simClock();
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
		expect(sim.setVersion(online.id, '0.31.0').metadata?.supported_commands).not.toContain('upgrade-letta-code');
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
