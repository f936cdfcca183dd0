import {describe, expect, it} from 'vitest';
import {parseConnection} from '../../src/api/parse.js';
import {countStatuses} from '../../src/fleet/rows.js';
import {DEFAULT_STALE_AFTER_MS} from '../../src/fleet/defaults.js';
import {connectionStatus, heartbeatAge} from '../../src/fleet/status.js';
import {offline, rawConnection, T0} from '../helpers/fixtures.js';

describe('connectionStatus', () => {
	it('is online with a session and a fresh heartbeat', () => {
		expect(
			connectionStatus(parseConnection(rawConnection({lastHeartbeat: T0 - 30_000})), T0, DEFAULT_STALE_AFTER_MS),
		).toBe('online');
	});

	it('is stale once the heartbeat is as old as stale-after', () => {
		const connection = parseConnection(rawConnection({lastHeartbeat: T0 - 75_000}));
		expect(connectionStatus(connection, T0, 75_000)).toBe('stale');
		expect(connectionStatus(connection, T0 - 1, 75_000)).toBe('online');
	});

	it('is stale with a session but no heartbeat at all', () => {
		expect(connectionStatus(parseConnection(rawConnection({lastHeartbeat: null})), T0, 75_000)).toBe('stale');
	});

	it('is offline without a session, whatever the heartbeat says', () => {
		expect(connectionStatus(parseConnection(offline({lastHeartbeat: T0})), T0, 75_000)).toBe('offline');
	});

	it('judges by the server clock: a heartbeat from the future is age 0', () => {
		const connection = parseConnection(rawConnection({lastHeartbeat: T0 + 10_000}));
		expect(heartbeatAge(connection, T0)).toBe(0);
		expect(connectionStatus(connection, T0, 75_000)).toBe('online');
	});

	it('counts statuses', () => {
		const rows = (['online', 'online', 'stale', 'offline'] as const).map(status => ({status}));
		expect(countStatuses(rows)).toEqual({online: 2, stale: 1, offline: 1, gone: 0, duplicates: 0});
	});
});
