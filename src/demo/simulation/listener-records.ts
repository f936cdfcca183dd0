/**
 * The records of real listeners (Letta Code's `letta server` against the demo server): a
 * registration finds or makes the record, and the socket's events (opened, ping, closed, a status
 * report) change it. Such records never churn and never beat on their own; they are online exactly
 * while the listener-registry says their socket is.
 */
import type {RawConnection, RawMetadata} from '../types.js';
import {advance} from './advance.js';
import {nextId, update, view, type Device, type SimState} from './state.js';
import type {ListenerRegistration, Simulation} from './types.js';

export type ListenerRecords = Pick<
	Simulation,
	'registerListener' | 'listenerOpened' | 'listenerPinged' | 'listenerClosed' | 'listenerStatus'
>;

/** The registration and socket methods of a simulation over `state`. */
export function listenerRecords(state: SimState): ListenerRecords {
	const {index, random, users} = state;

	/** Advances to now, applies `action` to a registered listener's record, and returns it. */
	function listenerAct(id: string, action: (device: Device) => void): RawConnection {
		advance(state);
		const device = index.byId(id);
		if (!device?.external) {
			throw new Error(`Unknown listener record ${id}`);
		}

		action(device);
		return view(state, device);
	}

	function registerListener({
		deviceId,
		listenerInstanceId,
		connectionName,
		metadata,
	}: ListenerRegistration): RawConnection {
		advance(state);
		const known = index
			.allOfDevice(deviceId)
			.find(device => device.external && device.record.listenerInstanceId === listenerInstanceId);
		if (known) {
			update(known, {connectionName, metadata: {...known.record.metadata, ...metadata}});
			return view(state, known);
		}

		// The demo key belongs to one person, so every listener it registers is theirs.
		const owner = users.people[0]?.id;
		const record: RawConnection = {
			id: nextId(state),
			deviceId,
			connectionId: null,
			...(listenerInstanceId === undefined ? {} : {listenerInstanceId}),
			connectionName,
			organizationId: state.organizationId,
			podId: null,
			connectedAt: null,
			lastHeartbeat: null,
			firstSeenAt: state.current,
			lastSeenAt: state.current,
			...(owner === undefined ? {} : {apiKeyOwner: owner, userId: owner}),
			metadata: {...metadata},
		};
		const device: Device = {record, beatAnchor: null, fate: null, churns: false, external: true};
		index.add(device);
		return view(state, device);
	}

	return {
		registerListener,
		listenerOpened: (id, connectionId) =>
			listenerAct(id, device =>
				update(device, {
					connectionId,
					podId: `pod-ws-${random.int(1, 8)}`,
					connectedAt: state.current,
					lastHeartbeat: state.current,
					lastSeenAt: state.current,
				}),
			),
		listenerPinged: id =>
			listenerAct(id, device => update(device, {lastHeartbeat: state.current, lastSeenAt: state.current})),
		listenerClosed: id =>
			listenerAct(id, device =>
				update(device, {
					connectionId: null,
					podId: null,
					connectedAt: null,
					lastHeartbeat: null,
					lastSeenAt: state.current,
				}),
			),
		listenerStatus: (id, {workingDirectory, gitBranch, currentMode}) =>
			listenerAct(id, device => {
				const {gitBranch: _replaced, ...rest} = device.record.metadata ?? {};
				const metadata: RawMetadata = {...rest};
				const branch = gitBranch === undefined ? device.record.metadata?.gitBranch : gitBranch;
				if (typeof branch === 'string') {
					metadata.gitBranch = branch;
				}

				if (workingDirectory !== undefined) {
					metadata.workingDirectory = workingDirectory;
				}

				update(device, currentMode === undefined ? {metadata} : {metadata, currentMode});
			}),
	};
}
