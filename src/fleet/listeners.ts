/**
 * Listeners and the machines they run on. A row of GET /v1/environments is
 * one listener: one machine (deviceId) can run several (two `letta server`
 * processes, a renamed listener's old row), and several rows often share one
 * connectionName. "Which of these is the live one?" is the question, so rows
 * that share a name, and machines with more than one online listener, are
 * flagged as duplicates, and the ones beating are named live.
 * Source: the reference, "Who appears in the list".
 */
import type {Connection} from '../api/connection.js';
import type {ConnectionStatus, Snapshot} from './types.js';
import {sameElements} from './same-elements.js';

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
	/** Each connectionName held by more than one row: the positions and keys of its rows. */
	sharedNames: Array<{name: string; rows: number[]; keys: string[]}>;
	/** Whether the row at each position is local (see isLocalRow). */
	local: boolean[];
};

const groupsBySnapshot = new WeakMap<Snapshot, ListenerGroups>();
/** The last snapshot's records and their groups: a quiet poll's new snapshot groups as it did. */
let lastGrouped: {connections: readonly Connection[]; groups: ListenerGroups} | undefined;

/**
 * The groups of a snapshot, memoized: time does not change who shares a machine or a name. A new snapshot whose
 * records have, place by place, the keys, machines, names and local marks of the last one's (a poll where only
 * heartbeats moved) gets the last groups without grouping again: 1 000 listeners cost about a millisecond a poll.
 */
export function listenerGroups(snapshot: Snapshot): ListenerGroups {
	let groups = groupsBySnapshot.get(snapshot);
	if (!groups) {
		const {connections} = snapshot;
		groups =
			lastGrouped && sameGrouping(lastGrouped.connections, connections)
				? lastGrouped.groups
				: groupListeners(connections);
		groupsBySnapshot.set(snapshot, groups);
		lastGrouped = {connections, groups};
	}

	return groups;
}

/** Whether `a` and `b` group alike: at each place the same key, machine, name and local mark (what grouping reads). */
function sameGrouping(a: readonly Connection[], b: readonly Connection[]): boolean {
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) {
		const before = a[index]!;
		const after = b[index]!;
		if (before === after) continue;
		if (
			before.id !== after.id ||
			before.deviceId !== after.deviceId ||
			before.connectionName !== after.connectionName ||
			isLocalRow(before) !== isLocalRow(after) ||
			hasOwnName(before) !== hasOwnName(after)
		) {
			return false;
		}
	}

	return true;
}

/** listenerGroups without its memory: what a snapshot's groups are (exported for the tests' reference). */
export function groupListeners(connections: readonly Connection[]): ListenerGroups {
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
		if (hasOwnName(connection)) {
			push(names, connection.connectionName, index);
		}
	}

	return {
		machineCount: machines.size,
		sharedMachines: [...machines.values()].filter(rows => rows.length > 1),
		sharedNames: [...names]
			.filter(([, rows]) => rows.length > 1)
			.map(([name, rows]) => ({name, rows, keys: rows.map(index => connections[index]!.id)})),
		local,
	};
}

/** Whether the record sent a name: a stand-in (its deviceId, "(unnamed)") makes no duplicate. */
function hasOwnName(connection: Connection): boolean {
	const raw = connection.raw;
	const name =
		typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['connectionName'] : undefined;
	return typeof name === 'string' && name.trim() !== '';
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
 * Rows flagged together, shared by all of them (one object a group, so a
 * fleet whose thousand runners share a name costs a thousand, not a million).
 * `members`: row keys in listing order: the rows with one name, or the online
 * listeners of one machine. `live`: the members that are online, beating.
 */
export type DuplicateGroup = {reason: 'name' | 'machine'; label: string; members: string[]; live: string[]};

/** Why a row is flagged: the group of its name, the group of its machine's online listeners, or both. */
export type DuplicateInfo = {sameName: DuplicateGroup | null; sameMachine: DuplicateGroup | null};

/** Per row, by position in `snapshot.connections`. Arrays, not an object per row: this runs on every frame. */
export type ListenerAnnotations = {
	machine: MachineInfo[];
	duplicate: Array<DuplicateInfo | null>;
	local: readonly boolean[];
};

const ALONE_ONLINE: MachineInfo = {listeners: 1, online: 1};
const ALONE_OFFLINE: MachineInfo = {listeners: 1, online: 0};

const lastAnnotations = new WeakMap<
	Snapshot,
	{statuses: readonly ConnectionStatus[]; annotations: ListenerAnnotations}
>();
/** The last annotations made, with the groups and statuses they were made of: a quiet poll's snapshot reuses them. */
let lastAnnotated:
	{groups: ListenerGroups; statuses: readonly ConnectionStatus[]; annotations: ListenerAnnotations} | undefined;

/**
 * Machine and duplicate facts for each row of `snapshot.connections`, given
 * each row's status (same positions). Linear in the rows, whatever the size
 * of the groups; a row alone on its machine with a name of its own gets
 * shared constants. Between polls statuses rarely move: while they stand
 * still, a tick gets the last answer back for the price of comparing them.
 */
export function annotateListeners(snapshot: Snapshot, statuses: readonly ConnectionStatus[]): ListenerAnnotations {
	const last = lastAnnotations.get(snapshot);
	// A tick within the span of the last judging hands back its very array (fleet/status-judge.ts): found at once.
	if (last && sameElements(last.statuses, statuses)) {
		return last.annotations;
	}

	// Another snapshot grouped alike (listenerGroups gave back its groups), with the same statuses: the same facts.
	const groups = listenerGroups(snapshot);
	const annotations =
		lastAnnotated && lastAnnotated.groups === groups && sameElements(lastAnnotated.statuses, statuses)
			? lastAnnotated.annotations
			: annotate(snapshot.connections, groups, statuses);
	lastAnnotations.set(snapshot, {statuses, annotations});
	lastAnnotated = {groups, statuses, annotations};
	return annotations;
}

/**
 * annotateListeners without its memory: the facts of `connections` grouped as `groups` (groupListeners' answer for
 * them), given their statuses. Exported as the tests' reference.
 */
export function annotate(
	connections: readonly Connection[],
	groups: ListenerGroups,
	statuses: readonly ConnectionStatus[],
): ListenerAnnotations {
	const machine: MachineInfo[] = statuses.map(status => (status === 'online' ? ALONE_ONLINE : ALONE_OFFLINE));
	const duplicate: Array<DuplicateInfo | null> = new Array<DuplicateInfo | null>(connections.length).fill(null);
	const keyAt = (index: number) => connections[index]!.id;
	const isOnline = (index: number) => statuses[index] === 'online';

	for (const rows of groups.sharedMachines) {
		const online = rows.filter(isOnline);
		const info = {listeners: rows.length, online: online.length};
		for (const index of rows) {
			machine[index] = info;
		}

		if (online.length > 1) {
			const keys = online.map(keyAt);
			// One info object for the whole group: rows flagged only by it share it.
			const info: DuplicateInfo = {
				sameName: null,
				sameMachine: {reason: 'machine', label: connections[online[0]!]!.deviceId, members: keys, live: keys},
			};
			for (const index of online) duplicate[index] = info;
		}
	}

	for (const {name, rows, keys} of groups.sharedNames) {
		const group: DuplicateGroup = {
			reason: 'name',
			label: name,
			members: keys,
			live: rows.filter(isOnline).map(keyAt),
		};
		const info: DuplicateInfo = {sameName: group, sameMachine: null};
		for (const index of rows) {
			const byMachine = duplicate[index]?.sameMachine;
			duplicate[index] = byMachine ? {sameName: group, sameMachine: byMachine} : info;
		}
	}

	return {machine, duplicate, local: groups.local};
}
