/**
 * Listeners and the machines they run on. A row of GET /v1/environments is
 * one listener: one machine (deviceId) can run several (two `letta server`
 * processes, a renamed listener's old row), and several rows often share one
 * connectionName. "Which of these is the live one?" is the question, so rows
 * that share a name, and machines with more than one online listener, are
 * flagged as duplicates, and the ones beating are named live.
 * Source: the reference, "Who appears in the list".
 */
import type {Connection, ConnectionStatus, Snapshot} from './types.js';

/** Synthetic machine ids a Letta Desktop app's local proxy may list (the shape is unconfirmed). */
const LOCAL_DEVICE_IDS: ReadonlySet<string> = new Set(['local', '__letta_cloud__']);

/**
 * A row a Desktop app's local proxy added rather than the platform:
 * `organizationId: "local"`, `connectionId: "local-…"`, or a synthetic deviceId.
 * Such rows are shown and marked, but are not machines and are never duplicates.
 */
export function isLocalRow(connection: Connection): boolean {
	return (
		connection.organizationId === 'local' ||
		LOCAL_DEVICE_IDS.has(connection.deviceId) ||
		(connection.connectionId?.startsWith('local-') ?? false)
	);
}

/** How a snapshot's rows group, by position in `snapshot.connections`; made once per snapshot. */
export type ListenerGroups = {
	/** Distinct machines (deviceIds) among the rows that are not local. */
	machineCount: number;
	/** Positions of the rows of each machine that has more than one. */
	sharedMachines: number[][];
	/** Positions of the rows of each connectionName held by more than one row. */
	sharedNames: number[][];
	/** Whether the row at each position is local (see isLocalRow). */
	local: boolean[];
};

const groupsBySnapshot = new WeakMap<Snapshot, ListenerGroups>();

/** The groups of a snapshot, memoized: time does not change who shares a machine or a name. */
export function listenerGroups(snapshot: Snapshot): ListenerGroups {
	let groups = groupsBySnapshot.get(snapshot);
	if (!groups) {
		groups = groupListeners(snapshot.connections);
		groupsBySnapshot.set(snapshot, groups);
	}

	return groups;
}

function groupListeners(connections: readonly Connection[]): ListenerGroups {
	const machines = new Map<string, number[]>();
	const names = new Map<string, number[]>();
	const local: boolean[] = [];
	for (let index = 0; index < connections.length; index++) {
		const connection = connections[index]!;
		const isLocal = isLocalRow(connection);
		local.push(isLocal);
		if (isLocal) {
			continue;
		}

		// A record without a deviceId is a machine of its own.
		const machine = connection.deviceId === '' ? `row:${connection.id}` : connection.deviceId;
		push(machines, machine, index);
		push(names, connection.connectionName, index);
	}

	return {
		machineCount: machines.size,
		sharedMachines: [...machines.values()].filter(rows => rows.length > 1),
		sharedNames: [...names.values()].filter(rows => rows.length > 1),
		local,
	};
}

function push(map: Map<string, number[]>, key: string, index: number): void {
	const list = map.get(key);
	if (list) {
		list.push(index);
	} else {
		map.set(key, [index]);
	}
}

/** A listener's machine: how many rows it has and how many of them are online. */
export type MachineInfo = {listeners: number; online: number};

/**
 * Why a row is flagged, as row keys: the other rows with its name, the other
 * online listeners on its machine, and the live ones (online, beating) among
 * all of them, itself included.
 */
export type DuplicateInfo = {sameName: string[]; sameMachineOnline: string[]; live: string[]};

/** Per row, by position in `snapshot.connections`. Arrays, not an object per row: this runs on every frame. */
export type ListenerAnnotations = {machine: MachineInfo[]; duplicate: Array<DuplicateInfo | null>; local: readonly boolean[]};

const ALONE_ONLINE: MachineInfo = {listeners: 1, online: 1};
const ALONE_OFFLINE: MachineInfo = {listeners: 1, online: 0};

/**
 * Machine and duplicate facts for each row of `snapshot.connections`, given
 * each row's status (same positions). Costs the shared groups, not the fleet:
 * a row alone on its machine with a name of its own gets shared constants.
 */
export function annotateListeners(snapshot: Snapshot, statuses: readonly ConnectionStatus[]): ListenerAnnotations {
	const {connections} = snapshot;
	const groups = listenerGroups(snapshot);
	const machine: MachineInfo[] = statuses.map(status => (status === 'online' ? ALONE_ONLINE : ALONE_OFFLINE));
	// Positions, not keys, until the end: the live ones are read off the statuses by position.
	const sameName: Array<number[] | undefined> = [];
	const sameMachineOnline: Array<number[] | undefined> = [];
	const keyAt = (index: number) => connections[index]!.id;
	const isOnline = (index: number) => statuses[index] === 'online';

	for (const rows of groups.sharedMachines) {
		const online = rows.filter(isOnline);
		const info = {listeners: rows.length, online: online.length};
		for (const index of rows) {
			machine[index] = info;
		}

		if (online.length > 1) {
			for (const index of online) {
				sameMachineOnline[index] = online.filter(other => other !== index);
			}
		}
	}

	for (const rows of groups.sharedNames) {
		for (const index of rows) {
			sameName[index] = rows.filter(other => other !== index);
		}
	}

	const duplicate: Array<DuplicateInfo | null> = Array.from({length: connections.length}, () => null);
	const flagged = new Set([...sameName.keys(), ...sameMachineOnline.keys()].filter(index => sameName[index] ?? sameMachineOnline[index]));
	for (const index of flagged) {
		const byName = sameName[index] ?? [];
		const byMachine = sameMachineOnline[index] ?? [];
		const live = [...new Set([index, ...byName, ...byMachine])].filter(isOnline).sort((a, b) => a - b);
		duplicate[index] = {sameName: byName.map(keyAt), sameMachineOnline: byMachine.map(keyAt), live: live.map(keyAt)};
	}

	return {machine, duplicate, local: groups.local};
}
