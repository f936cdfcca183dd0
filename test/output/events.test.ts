import {describe, expect, it} from 'vitest';
import {diffSnapshots} from '../../src/fleet/diff.js';
import {eventToJson} from '../../src/output/events.js';
import {rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

describe('--events lines', () => {
	it('say whether a reconnect kept or renewed the session, with times as ISO 8601', () => {
		const before = snapshotOf(
			[rawConnection({id: 'a', listenerInstanceId: 'server-1', connectionId: 'c-1', connectedAt: T0 - 60_000})],
			T0,
		);
		const kept = snapshotOf(
			[
				rawConnection({
					id: 'a',
					listenerInstanceId: 'server-1',
					connectionId: 'c-1',
					connectedAt: T0 + 1000,
					podId: 'pod-2',
				}),
			],
			T0 + 2000,
		);
		const [event] = diffSnapshots(before, kept, 75_000);
		expect(JSON.parse(eventToJson(event!))).toEqual({
			at: new Date(T0 + 2000).toISOString(),
			type: 'reconnected',
			id: 'a',
			deviceId: 'device-a',
			listenerInstanceId: 'server-1',
			connectionName: 'host-a',
			session: 'kept',
			field: 'connectionId',
			from: 'c-1',
			to: 'c-1',
			podFrom: 'pod-1',
			podTo: 'pod-2',
			connectedAtFrom: new Date(T0 - 60_000).toISOString(),
			connectedAtTo: new Date(T0 + 1000).toISOString(),
			status: 'online',
		});
	});

	it('give each of two records that share an id its own line', () => {
		const twins = (mode: string) => [
			rawConnection({id: 'dup'}),
			rawConnection({id: 'dup', deviceId: 'm-2', currentMode: mode}),
		];
		const events = diffSnapshots(
			snapshotOf(twins('standard'), T0),
			snapshotOf([...twins('strict'), rawConnection({id: 'dup', deviceId: 'm-3'})], T0 + 2000),
			75_000,
		);
		expect(
			events
				.map(event => JSON.parse(eventToJson(event)) as Record<string, unknown>)
				.map(line => [line['type'], line['id'], line['deviceId']]),
		).toEqual([
			['changed', 'dup#2', 'm-2'],
			['appeared', 'dup#3', 'm-3'],
		]);
	});
});
