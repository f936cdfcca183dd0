/**
 * A listener's connection over time: registering, a socket blip, a heartbeat, hanging, dropping.
 * Every change of connection state goes through `transition`, so the set of hung devices never
 * disagrees with the devices themselves. Times are epoch ms.
 */
import {LOCAL_ORGANIZATION_ID} from '../devices.js';
import type {RawConnection} from '../types.js';
import {DROP_AFTER_MS, lastBeat, update, type Device, type Fate, type SimState} from './state.js';

/** The fields an offline record holds null. */
export const OFFLINE_SHAPE = {connectionId: null, podId: null, connectedAt: null, lastHeartbeat: null} as const;

/** Applies `patch`, sets the beat phase (null: not beating) and the fate (null: not hung), and files it in `hung`. */
function transition(
	state: SimState,
	device: Device,
	patch: Partial<RawConnection>,
	beatAnchor: number | null,
	fate: Fate | null = null,
): void {
	update(device, patch);
	device.beatAnchor = beatAnchor;
	device.fate = fate;
	if (fate) {
		state.hung.add(device);
	} else {
		state.hung.delete(device);
	}
}

/**
 * A registration at `at`: a new session (connectionId), on the same pod when `samePod` and it has
 * one, else a random one. A local proxy's row has no platform pod and a fixed connection id.
 */
export function connectAt(state: SimState, device: Device, at: number, samePod = false): void {
	const {random} = state;
	const {deviceId, organizationId: org, podId: pod} = device.record;
	const local = org === LOCAL_ORGANIZATION_ID;
	const connectionId = local ? `local-${deviceId}` : `conn-${random.hex(16)}`;
	const podId = local ? null : samePod && pod !== null ? pod : `pod-ws-${random.int(1, 8)}`;
	transition(state, device, {connectionId, podId, connectedAt: at, lastHeartbeat: at, lastSeenAt: at}, at);
}

/** The socket comes back to the same session: only connectedAt, the heartbeat phase and maybe the pod move. */
export function blipAt(state: SimState, device: Device, at: number, podId = device.record.podId): void {
	transition(state, device, {podId, connectedAt: at, lastHeartbeat: at, lastSeenAt: at}, at);
}

/** Offline, last seen at `lastSeenAt`. */
export function disconnectAt(state: SimState, device: Device, lastSeenAt: number): void {
	transition(state, device, {...OFFLINE_SHAPE, lastSeenAt}, null);
}

/** A heartbeat at `at`, which restarts the beat phase there (and revives a hung device). */
export function beatAt(state: SimState, device: Device, at: number): void {
	transition(state, device, {lastHeartbeat: at, lastSeenAt: at}, at);
}

/** Heartbeats stop at `at`: the last one stays as it was, and `fate` decides from it what becomes of the device. */
export function hangAt(state: SimState, device: Device, at: number, fate: (lastHeartbeat: number) => Fate): void {
	const beat = device.beatAnchor === null ? (device.record.lastHeartbeat ?? at) : lastBeat(device.beatAnchor, at);
	transition(
		state,
		device,
		{lastHeartbeat: beat, lastSeenAt: Math.max(device.record.lastSeenAt, beat)},
		null,
		fate(beat),
	);
}

/**
 * The fate of a device churn hangs: about a third recover 40-115 s after their last beat, the
 * rest are dropped as the platform does, 120-125 s after it.
 */
export function churnFate(state: SimState, lastHeartbeat: number): Fate {
	const {random} = state;
	return random.chance(0.35)
		? {at: lastHeartbeat + random.int(40_000, 115_000), recovers: true}
		: {at: lastHeartbeat + DROP_AFTER_MS + random.int(0, 5000), recovers: false};
}
