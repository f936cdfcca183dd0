import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Connection} from '../../src/api/connection.js';
import {annotate, annotateListeners, groupListeners, listenerGroups} from '../../src/fleet/listeners.js';
import {connectionStatus} from '../../src/fleet/status.js';
import {rawConnection, snapshotOf, snapshotOfConnections, T0} from '../helpers/fixtures.js';

const STALE = 75_000;
const base = snapshotOf([rawConnection()]).connections[0]!;

/** A record as a page gives it: the fields grouping reads drawn from small pools, so that they collide. */
const record = fc
	.record({
		id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
		deviceId: fc.constantFrom('m1', 'm2', 'm3', 'm1', 'm2', 'local', ''),
		name: fc.constantFrom('alpha', 'beta', 'gamma'),
		ownName: fc.boolean(),
		organizationId: fc.constantFrom('org-1', 'org-1', 'org-1', 'local'),
		connectionId: fc.constantFrom('conn-1', 'conn-2', 'conn-3', 'local-1', null),
		age: fc.integer({min: 0, max: 150_000}),
	})
	.map((spec): Connection => ({
		...base,
		id: spec.id,
		deviceId: spec.deviceId,
		connectionName: spec.name,
		organizationId: spec.organizationId,
		connectionId: spec.connectionId,
		lastHeartbeat: T0 - spec.age,
		raw: spec.ownName ? {connectionName: spec.name} : {},
	}));

type Change = 'same' | 'beat' | 'rekey' | 'rename' | 'move' | 'local' | 'own' | 'other';

/** The next poll's record at a place: kept (the same object), a copy with one field moved, or another record. */
function changed(connection: Connection, change: Change, other: Connection): Connection {
	switch (change) {
		case 'same':
			return connection;
		case 'beat':
			return {...connection, lastHeartbeat: other.lastHeartbeat};
		case 'rekey':
			return {...connection, id: other.id};
		case 'rename':
			return {...connection, connectionName: other.connectionName, raw: {connectionName: other.connectionName}};
		case 'move':
			return {...connection, deviceId: other.deviceId};
		case 'local':
			return {...connection, organizationId: other.organizationId, connectionId: other.connectionId};
		case 'own': {
			// The name sent, or left out (a stand-in name groups with nobody).
			const sent = (connection.raw as Record<string, unknown>)['connectionName'] !== undefined;
			return {...connection, raw: sent ? {} : {connectionName: connection.connectionName}};
		}
		case 'other':
			return other;
	}
}

const change = fc.tuple(
	fc.constantFrom<Change>('same', 'beat', 'rekey', 'rename', 'move', 'local', 'own', 'other'),
	record,
);
const polls = fc.tuple(
	fc.array(record, {minLength: 1, maxLength: 8}),
	fc.array(fc.tuple(fc.array(change, {maxLength: 8}), fc.array(record, {maxLength: 2}), fc.boolean()), {
		minLength: 1,
		maxLength: 6,
	}),
);

describe("a new snapshot's listener groups", () => {
	it('are what grouping its records afresh gives, poll after poll, and so are the machine and duplicate facts', () => {
		fc.assert(
			fc.property(polls, fc.integer({min: 0, max: 100_000}), ([first, steps], moved) => {
				const lists = [first];
				for (const [changes, added, drop] of steps) {
					// Mostly every place kept: a change of one field must be seen among records kept as they were.
					const next = lists
						.at(-1)!
						.map((connection, index) =>
							changes[index] ? changed(connection, ...changes[index]) : connection,
						);
					lists.push([...(drop ? next.slice(1) : next), ...added]);
				}

				for (const connections of lists) {
					const snapshot = snapshotOfConnections(connections);
					const fresh = groupListeners(connections);
					expect(listenerGroups(snapshot)).toEqual(fresh);
					const statuses = connections.map(entry => connectionStatus(entry, T0 + moved, STALE));
					expect(annotateListeners(snapshot, statuses)).toEqual(annotate(connections, fresh, statuses));
				}
			}),
			{numRuns: 500},
		);
	});
});
