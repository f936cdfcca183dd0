/**
 * The control API tests drive the fleet with: connect, drop, blip,
 * hang, beat, change a field, add a machine or a listener, rename, remove, set the churn. Each
 * advances the fleet to now first, acts at that time, and returns the record it names as it then
 * reads. A key that names no record throws `Unknown device or record <key>`.
 */
import {commandsFor} from '../devices.js';
import {advance} from './advance.js';
import {addListenerAt, createDevice, renameAt} from './placement.js';
import {find} from './reads.js';
import {checkChurn, DROP_AFTER_MS, stateOf, update, updateMetadata, view, type Device, type SimState} from './state.js';
import {beatAt, blipAt, connectAt, disconnectAt, hangAt} from './transitions.js';
import type {ListenerKey, Simulation} from './types.js';
import type {RawConnection} from '../types.js';

export type SimulationControls = Pick<
	Simulation,
	| 'connect'
	| 'disconnect'
	| 'reconnect'
	| 'blip'
	| 'hang'
	| 'heartbeat'
	| 'setMode'
	| 'setBranch'
	| 'setVersion'
	| 'addDevice'
	| 'addListener'
	| 'rename'
	| 'removeDevice'
	| 'setChurn'
>;

/** The control methods of a simulation over `state`. */
export function simulationControls(state: SimState): SimulationControls {
	const {index, random} = state;

	function known(key: ListenerKey): Device {
		const device = find(state, key);
		if (!device) {
			throw new Error(`Unknown device or record ${key}`);
		}

		return device;
	}

	/**
	 * Runs a control action on a known record now, and returns the record it names as it then reads.
	 * `needsConnection` names the action, which then throws on an offline record.
	 */
	function act(key: ListenerKey, action: (device: Device) => Device | void, needsConnection = ''): RawConnection {
		advance(state);
		const device = known(key);
		if (needsConnection && stateOf(device) === 'offline') {
			throw new Error(`Cannot ${needsConnection} ${key}: it is offline`);
		}

		return view(state, action(device) ?? device);
	}

	return {
		connect: key => act(key, device => connectAt(state, device, state.current)),
		disconnect: key =>
			act(key, device => {
				if (stateOf(device) !== 'offline') {
					disconnectAt(state, device, state.current);
				}
			}),
		reconnect: key => act(key, device => connectAt(state, device, state.current, random.chance(0.5))),
		blip: (key, podId) => act(key, device => blipAt(state, device, state.current, podId), 'blip'),
		hang: key =>
			act(
				key,
				device => {
					if (stateOf(device) === 'online') {
						hangAt(state, device, state.current, beat => ({at: beat + DROP_AFTER_MS, recovers: false}));
					}
				},
				'hang',
			),
		heartbeat: key => act(key, device => beatAt(state, device, state.current), 'heartbeat'),
		setMode: (key, mode) => act(key, device => update(device, {currentMode: mode})),
		setBranch: (key, branch) =>
			act(key, device => {
				const {gitBranch: _dropped, ...rest} = device.record.metadata ?? {};
				update(device, {metadata: branch === null ? rest : {...rest, gitBranch: branch}});
			}),
		setVersion: (key, version) =>
			act(key, device =>
				updateMetadata(device, {lettaCodeVersion: version, supported_commands: commandsFor(version)}),
			),
		addDevice(partial) {
			advance(state);
			if (partial?.deviceId !== undefined && index.byDeviceId(partial.deviceId)) {
				throw new Error(
					`Duplicate device ${partial.deviceId}: addListener() adds another listener to a machine`,
				);
			}

			return view(state, createDevice(state, state.current, state.current, partial));
		},
		addListener: (key, partial) =>
			act(key, machine => addListenerAt(state, machine, state.current, state.current, partial)),
		rename: (key, connectionName) => act(key, device => renameAt(state, device, state.current, connectionName)),
		removeDevice(key) {
			advance(state);
			const device = find(state, key);
			if (!device) {
				return false;
			}

			state.hung.delete(device);
			return index.remove(device);
		},
		setChurn(perMinute) {
			advance(state);
			state.churn = checkChurn(perMinute);
		},
	};
}
