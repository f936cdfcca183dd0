/** The demo simulation's test helpers: a clock moved by hand, groupings, and the invariants every read holds. */
import {expect} from 'vitest';
import {serverInstanceId} from '../../src/demo/devices.js';
import {DROP_AFTER_MS, HEARTBEAT_MS, type RawConnection, type Simulation} from '../../src/demo/simulation.js';

/** The simulations' start, epoch ms. */
export const START = Date.UTC(2025, 5, 2, 9, 30, 0);

/** A clock for the simulation (epoch ms) that moves only by `tick(ms)`. */
export function simClock(start = START) {
	let time = start;
	return {
		now: () => time,
		tick(ms: number) {
			time += ms;
		},
	};
}

/** Records by id. */
export function byId(records: RawConnection[]): Map<string, RawConnection> {
	return new Map(records.map(record => [record.id, record]));
}

/** Records by deviceId: each machine's listeners, in list order. */
export function groupByDevice(records: RawConnection[]): Map<string, RawConnection[]> {
	const machines = new Map<string, RawConnection[]>();
	for (const record of records) {
		machines.set(record.deviceId, [...(machines.get(record.deviceId) ?? []), record]);
	}

	return machines;
}

/** A Desktop app's local proxy row. */
export const isLocal = (record: RawConnection) => record.organizationId === 'local';

/** A record without the fields a heartbeat moves, to compare records across time. */
export function withoutHeartbeat({lastHeartbeat: _beat, lastSeenAt: _seen, ...rest}: RawConnection) {
	return rest;
}

/** The invariants every read of the simulation must hold; a frozen fleet (churn 0) keeps hung listeners hung. */
export function checkInvariants(sim: Simulation, now: number, churning = true): void {
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
