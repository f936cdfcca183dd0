import {describe, expect, it} from 'vitest';
import {diffSnapshots} from '../../src/fleet/diff.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const STALE = 75_000;

function diff(before: Array<Record<string, unknown>>, after: Array<Record<string, unknown>>, gapMs = 2000) {
	return diffSnapshots(snapshotOf(before, T0), snapshotOf(after, T0 + gapMs), STALE);
}

describe('diffSnapshots', () => {
	it('says nothing when only heartbeats tick', () => {
		expect(
			diff([rawConnection({lastHeartbeat: T0 - 10_000})], [rawConnection({lastHeartbeat: T0 + 1000})]),
		).toEqual([]);
	});

	it('sees a new device appear and an old one removed', () => {
		const events = diff([rawConnection({id: 'a'})], [rawConnection({id: 'b'})]);
		expect(events.map(event => [event.type, event.id])).toEqual([
			['appeared', 'b'],
			['removed', 'a'],
		]);
		expect(events[0]).toMatchObject({
			status: 'online',
			connectionName: 'host-b',
			deviceId: 'device-b',
			at: T0 + 2000,
		});
	});

	it('sees a connect and a disconnect', () => {
		expect(diff([offline()], [rawConnection({connectionId: 'c-2'})])).toEqual([
			expect.objectContaining({type: 'connected', from: null, to: 'c-2', status: 'online'}),
		]);
		expect(diff([rawConnection({connectionId: 'c-1'})], [offline()])).toEqual([
			expect.objectContaining({type: 'disconnected', from: 'c-1', to: null, status: 'offline'}),
		]);
	});

	it('sees a new connectionId as a reconnect that renewed the session, and folds the pod move into it', () => {
		const events = diff(
			[rawConnection({connectionId: 'c-1', podId: 'pod-1', connectedAt: T0 - 60_000})],
			[rawConnection({connectionId: 'c-2', podId: 'pod-9', connectedAt: T0 - 1000})],
		);
		expect(events).toEqual([
			expect.objectContaining({
				type: 'reconnected',
				session: 'renewed',
				field: 'connectionId',
				from: 'c-1',
				to: 'c-2',
				podFrom: 'pod-1',
				podTo: 'pod-9',
				connectedAtFrom: T0 - 60_000,
				connectedAtTo: T0 - 1000,
				sessionFields: ['podId', 'connectedAt'],
			}),
		]);
	});

	it('sees a socket blip (same connectionId, newer connectedAt) as a reconnect that kept the session', () => {
		const events = diff(
			[rawConnection({connectionId: 'c-1', connectedAt: T0 - 3_600_000})],
			[rawConnection({connectionId: 'c-1', connectedAt: T0 - 2000})],
		);
		expect(events).toEqual([
			expect.objectContaining({
				type: 'reconnected',
				session: 'kept',
				from: 'c-1',
				to: 'c-1',
				podFrom: 'pod-1',
				podTo: 'pod-1',
				sessionFields: ['connectedAt'],
			}),
		]);
	});

	it('sees a pod move within one session as a reconnect that kept the session, not a field change', () => {
		const events = diff(
			[rawConnection({connectionId: 'c-1', podId: 'pod-1'})],
			[rawConnection({connectionId: 'c-1', podId: 'pod-4'})],
		);
		expect(events).toEqual([
			expect.objectContaining({
				type: 'reconnected',
				session: 'kept',
				podFrom: 'pod-1',
				podTo: 'pod-4',
				sessionFields: ['podId'],
			}),
		]);
	});

	it('never lets uptime reset silently: every connectedAt move of a live session is an event', () => {
		for (const connectedAt of [T0 - 10, T0 - 7_200_000, T0 + 5]) {
			const events = diff([rawConnection({connectedAt: T0 - 3_600_000})], [rawConnection({connectedAt})]);
			expect(events.map(event => event.type)).toEqual(['reconnected']);
		}
	});

	it('tells apart two rows that share a record id, by their place in the listing', () => {
		const twin = (mode: string) => [
			rawConnection({id: 'dup', deviceId: 'm-1'}),
			rawConnection({id: 'dup', deviceId: 'm-2', currentMode: mode}),
		];
		const events = diff(twin('standard'), twin('strict'));
		expect(events).toEqual([
			expect.objectContaining({
				type: 'changed',
				id: 'dup#2',
				deviceId: 'm-2',
				field: 'mode',
				from: 'standard',
				to: 'strict',
			}),
		]);
	});

	it('sees a heartbeat go stale and recover, judged at each snapshot time', () => {
		const beat = T0 - 70_000;
		// Same heartbeat, 10 s later: crosses 75 s.
		expect(
			diffSnapshots(
				snapshotOf([rawConnection({lastHeartbeat: beat})], T0),
				snapshotOf([rawConnection({lastHeartbeat: beat})], T0 + 10_000),
				STALE,
			),
		).toEqual([expect.objectContaining({type: 'stale', heartbeatAgeMs: 80_000, status: 'stale'})]);
		expect(
			diffSnapshots(
				snapshotOf([rawConnection({lastHeartbeat: beat})], T0 + 10_000),
				snapshotOf([rawConnection({lastHeartbeat: T0 + 9000})], T0 + 10_000),
				STALE,
			),
		).toEqual([expect.objectContaining({type: 'recovered', status: 'online'})]);
	});

	it('uses the server clock, so a skewed local clock does not paint the fleet stale', () => {
		// The local clock runs 10 minutes ahead of the server; the heartbeat is fresh by the server's clock.
		const skew = -600_000;
		const before = snapshotOf([rawConnection({lastHeartbeat: T0 - 5000})], T0 + 600_000, skew);
		const after = snapshotOf([rawConnection({lastHeartbeat: T0 - 5000})], T0 + 602_000, skew);
		expect(diffSnapshots(before, after, STALE)).toEqual([]);
	});

	it('reports each watched field that changed, with from and to', () => {
		const events = diff(
			[rawConnection({currentMode: 'standard'})],
			[
				rawConnection({
					currentMode: 'unrestricted',
					metadata: {gitBranch: 'feat/x', lettaCodeVersion: '0.33.0', workingDirectory: '/srv', os: 'linux'},
				}),
			],
		);
		expect(events.map(event => [event.type, event.field, event.from, event.to])).toEqual([
			['changed', 'mode', 'standard', 'unrestricted'],
			['changed', 'branch', 'main', 'feat/x'],
			['changed', 'workingDirectory', '/home/dev/app', '/srv'],
			['changed', 'lettaCodeVersion', '0.32.1', '0.33.0'],
		]);
	});

	it('does not call a legacy mode name a change', () => {
		expect(diff([rawConnection({currentMode: 'default'})], [rawConnection({currentMode: 'standard'})])).toEqual([]);
	});

	it('keeps a disconnect and a field change of the same poll apart', () => {
		const events = diff([rawConnection({currentMode: 'standard'})], [offline({currentMode: 'acceptEdits'})]);
		expect(events.map(event => event.type)).toEqual(['disconnected', 'changed']);
	});

	it('still sees a reused record go stale, and a device removed from a reordered list', () => {
		const before = snapshotOf(
			[rawConnection({id: 'a', lastHeartbeat: T0 - 70_000}), rawConnection({id: 'b'}), rawConnection({id: 'c'})],
			T0,
		);
		const kept = before.connections.filter(connection => connection.id !== 'b').reverse();
		const after = {
			...before,
			connections: kept,
			byId: new Map(kept.map(connection => [connection.id, connection])),
			fetchedAt: T0 + 10_000,
		};
		expect(diffSnapshots(before, after, STALE).map(event => [event.type, event.id])).toEqual([
			['stale', 'a'],
			['removed', 'b'],
		]);
	});
});
