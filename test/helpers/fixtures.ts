/** Raw API records and snapshots for unit tests, built the way the API sends them. */
import type {Connection} from '../../src/api/connection.js';
import {parseConnection} from '../../src/api/parse.js';
import {keyRecords} from '../../src/fleet/row-keys.js';
import type {Snapshot} from '../../src/fleet/types.js';

export const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);

export function rawConnection(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	const id = (overrides['id'] as string | undefined) ?? 'env-1';
	return {
		id,
		deviceId: `device-${id}`,
		connectionId: `conn-${id}`,
		connectionName: `host-${id}`,
		organizationId: 'org-1',
		podId: 'pod-1',
		connectedAt: T0 - 3_600_000,
		lastHeartbeat: T0 - 5_000,
		firstSeenAt: T0 - 86_400_000,
		lastSeenAt: T0 - 5_000,
		apiKeyOwner: 'user-1',
		userId: 'user-1',
		currentMode: 'standard',
		metadata: {
			lettaCodeVersion: '0.32.1',
			nodeVersion: 'v22.19.0',
			os: 'linux',
			workingDirectory: '/home/dev/app',
			gitBranch: 'main',
			supported_commands: ['doctor', 'compact'],
			self_update: {supported: true, writable: true, install_path: '/usr/lib/node_modules'},
		},
		...overrides,
	};
}

export function offline(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return rawConnection({connectionId: null, podId: null, connectedAt: null, lastHeartbeat: null, ...overrides});
}

export function snapshotOf(raws: Array<Record<string, unknown>>, fetchedAt = T0, clockOffsetMs = 0): Snapshot {
	const connections = raws.map(raw => parseConnection(raw));
	return {...keyRecords(connections), fetchedAt, clockOffsetMs, latencyMs: 10, pages: 1};
}

/** A snapshot of parsed `connections` as they are, ids taken as given (no keying): for property tests. */
export function snapshotOfConnections(connections: Connection[], fetchedAt = T0): Snapshot {
	return {
		connections,
		byId: new Map(connections.map(entry => [entry.id, entry])),
		fetchedAt,
		clockOffsetMs: 0,
		latencyMs: 1,
		pages: 1,
	};
}
