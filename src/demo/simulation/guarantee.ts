/**
 * What a demo must show whatever the seed: from 10 records up, a stale listener, a machine with two
 * live listeners, a renamed listener's old record, a name shared by two machines and a listener in
 * the legacy `fullAccess` mode; at any size, one in `plan` mode. Where the dice left one out, a few
 * plain single-listener machines are reshaped into it. O(n), once, after seeding.
 */
import {hostsListeners, listenerName, namedInstance, serverInstanceId, siblingListener} from '../devices.js';
import type {RawConnection} from '../types.js';
import {makeStale, renamedFrom} from './backstory.js';
import {DAY_MS, namesOn, siblings, stateOf, update, type Device, type SimState} from './state.js';

/** An old record a renamed listener left: offline for a day or more, its machine's other record newer. */
function isLeftover(state: SimState, device: Device): boolean {
	const {lastSeenAt} = device.record;
	return (
		stateOf(device) === 'offline' &&
		namedInstance(device.record) &&
		lastSeenAt <= state.start - DAY_MS &&
		siblings(state, device).some(sibling => sibling.record.firstSeenAt >= lastSeenAt)
	);
}

/** Whether two machines share a listener name. */
function hasDuplicateName(state: SimState): boolean {
	const machineOf = new Map<string, string>();
	for (const {record} of state.index.items) {
		const seen = machineOf.get(record.connectionName);
		if (seen === undefined) {
			machineOf.set(record.connectionName, record.deviceId);
		} else if (seen !== record.deviceId) {
			return true;
		}
	}

	return false;
}

/** Gives a record (same id) another deviceId, so the index must file it again. Seeding only. */
function rekey(state: SimState, device: Device, record: RawConnection): void {
	state.index.remove(device);
	device.record = record;
	state.index.add(device);
}

/** Reshapes a few single-listener machines where the dice left something out. */
export function guarantee(state: SimState): void {
	const {index, random, start} = state;
	const {items} = index;
	const online = (device: Device) => stateOf(device) === 'online';
	const offline = (device: Device) => stateOf(device) === 'offline';
	const plain = (device: Device) =>
		device.churns && hostsListeners(device.record) && siblings(state, device).length === 1;
	if (items.length >= 10) {
		if (state.hung.size === 0) {
			const device = items.find(device => plain(device) && online(device));
			if (device) {
				makeStale(state, device, start);
			}
		}

		if (!items.some(device => online(device) && siblings(state, device).filter(online).length >= 2)) {
			const [machine, other] = items.filter(device => plain(device) && online(device));
			if (machine && other) {
				const {id, connectionId, podId, connectedAt, lastHeartbeat, firstSeenAt, lastSeenAt} = other.record;
				const connectionName = listenerName(random, machine.record.connectionName, namesOn(state, machine));
				const shape = siblingListener(random, machine.record, {id, connectionName, firstSeenAt});
				rekey(state, other, {...shape, connectionId, podId, connectedAt, lastHeartbeat, lastSeenAt});
			}
		}

		if (!items.some(device => isLeftover(state, device))) {
			const current = items.find(device => plain(device) && online(device));
			const old = items.find(device => plain(device) && offline(device));
			if (current && old) {
				rekey(state, old, renamedFrom(state, current, old.record.id));
			}
		}

		if (!hasDuplicateName(state)) {
			const first = items.find(device => plain(device) && online(device));
			const second = items.find(device => plain(device) && offline(device));
			if (first && second) {
				const {connectionName} = first.record;
				update(second, {connectionName, listenerInstanceId: serverInstanceId(connectionName)});
			}
		}

		if (!items.some(device => device.record.currentMode === 'fullAccess')) {
			const device = items.find((device, at) => at >= 5 && device.churns && device.record.currentMode !== 'plan');
			if (device) {
				update(device, {currentMode: 'fullAccess'});
			}
		}
	}

	if (!items.some(device => device.record.currentMode === 'plan')) {
		const device = items.find(
			(device, at) =>
				at >= Math.min(3, items.length - 1) && device.churns && device.record.currentMode !== 'fullAccess',
		);
		if (device) {
			update(device, {currentMode: 'plan'});
		}
	}
}
