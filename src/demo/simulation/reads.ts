/**
 * The simulation read: the whole fleet, a page of it as GET /v1/environments answers, one record,
 * one machine's records, a listener's state. Each read first advances the fleet to now, and hands
 * out copies, so a caller's records never change under it.
 */
import type {PageQuery, RawConnection} from '../types.js';
import {advance} from './advance.js';
import {stateOf, view, type Device, type SimState} from './state.js';
import type {ListenerKey, Simulation} from './types.js';

/** `source`: "remote" is taken to mean cloud sandboxes, "local" everything else (not confirmed by Letta). */
function matches(record: RawConnection, query: PageQuery): boolean {
	return (
		(!query.onlineOnly || record.connectionId !== null) &&
		(query.source === undefined || record.deviceId.startsWith('sandbox-') === (query.source === 'remote')) &&
		(query.userId === undefined || record.userId === query.userId)
	);
}

/** A record by id, else the first record of a machine. */
export function find(state: SimState, key: ListenerKey): Device | undefined {
	return state.index.byId(key) ?? state.index.byDeviceId(key);
}

export type SimulationReads = Pick<Simulation, 'size' | 'list' | 'page' | 'get' | 'getById' | 'listeners' | 'state'>;

/** The read methods of a simulation over `state`. */
export function simulationReads(state: SimState): SimulationReads {
	const {index} = state;

	function read(find: () => Device | undefined): RawConnection | undefined {
		advance(state);
		const device = find();
		return device && view(state, device);
	}

	return {
		size() {
			advance(state);
			return index.size();
		},
		list() {
			advance(state);
			return index.items.map(device => view(state, device));
		},
		page(query) {
			advance(state);
			const {items} = index;
			const connections: RawConnection[] = [];
			for (let i = query.after === undefined ? 0 : index.startAfter(query.after); i < items.length; i++) {
				const device = items[i] as Device;
				if (!matches(device.record, query)) {
					continue;
				}

				if (connections.length >= query.limit) {
					return {connections, hasNextPage: true};
				}

				connections.push(view(state, device));
			}

			return {connections, hasNextPage: false};
		},
		get: deviceId => read(() => index.byDeviceId(deviceId)),
		getById: id => read(() => index.byId(id)),
		listeners(deviceId) {
			advance(state);
			return index.allOfDevice(deviceId).map(device => view(state, device));
		},
		state(key) {
			advance(state);
			const device = find(state, key);
			return device && stateOf(device);
		},
	};
}
