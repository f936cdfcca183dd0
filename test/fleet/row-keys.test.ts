import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Connection} from '../../src/api/connection.js';
import {parseConnection} from '../../src/api/parse.js';
import {keyRecords} from '../../src/fleet/row-keys.js';
import {rawConnection} from '../helpers/fixtures.js';

const parse = (records: unknown[]) => records.map(record => parseConnection(record));

describe('keyRecords', () => {
	it('keys a well-formed listing by its record ids and keeps the objects', () => {
		const connections = parse([rawConnection({id: 'a'}), rawConnection({id: 'b'})]);
		const keyed = keyRecords(connections);
		expect(keyed.connections).toEqual(connections);
		expect(keyed.connections[0]).toBe(connections[0]);
		expect([...keyed.byId.keys()]).toEqual(['a', 'b']);
	});

	it('gives every record a row of its own when ids repeat, are missing, or the record is not an object', () => {
		const keyed = keyRecords(
			parse([
				rawConnection({id: 'a'}),
				rawConnection({id: 'a', deviceId: 'other'}),
				rawConnection({id: undefined, deviceId: 'm-1'}),
				rawConnection({id: '', deviceId: 'm-1'}),
				'not a record',
				{connectionName: 'no identity at all'},
			]),
		);
		expect(keyed.connections.map(connection => connection.id)).toEqual([
			'a',
			'a#2',
			'device:m-1',
			'device:m-1#2',
			'record:5',
			'record:6',
		]);
		expect(keyed.byId.size).toBe(6);
		expect(keyed.connections.map(connection => connection.keyNote)).toEqual([
			null,
			'id repeated: record 2 of the listing has the id of record 1; its row is keyed a#2',
			'the record has no id; its row is keyed device:m-1',
			'the record has no id, and device:m-1 is taken; its row is keyed device:m-1#2',
			'the record has no id; its row is keyed record:5',
			'the record has no id; its row is keyed record:6',
		]);
	});

	it('never collides with a real id that looks like a derived key', () => {
		const keyed = keyRecords(
			parse([rawConnection({id: 'a'}), rawConnection({id: 'a#2'}), rawConnection({id: 'a'})]),
		);
		expect(keyed.connections.map(connection => connection.id)).toEqual(['a', 'a#2', 'a#3']);
	});

	it('is idempotent: keying a keyed listing again returns the same objects', () => {
		const once = keyRecords(parse([rawConnection({id: 'a'}), rawConnection({id: 'a'})]));
		const twice = keyRecords(once.connections);
		expect(twice.connections[1]).toBe(once.connections[1]);
	});

	it('notes repeats as the plain version did, which kept every first place from the start', () => {
		const id = fc.option(fc.constantFrom('a', 'b', 'a#2', 'device:d', 'record:2'), {nil: undefined});
		const record = fc.record({id, deviceId: fc.constantFrom('d', 'e', '')});
		fc.assert(
			fc.property(fc.array(record, {maxLength: 12}), records => {
				const listing = parse(records.map(({id, deviceId}) => rawConnection({id, deviceId})));
				expect(keyRecords(listing)).toEqual(reference(listing));
			}),
			{numRuns: 500},
		);
	});
});

/** keyRecords as it was before its first places were kept lazily: the reference the lazy one is held to. */
function reference(connections: readonly Connection[]): {
	connections: Connection[];
	byId: Map<string, Connection>;
} {
	const byId = new Map<string, Connection>();
	/** Where each base key was first seen (1-based position in the listing). */
	const firstSeenAt = new Map<string, number>();
	const keyed: Connection[] = [];
	for (let index = 0; index < connections.length; index++) {
		const connection = connections[index]!;
		const position = index + 1;
		const base =
			connection.recordId ?? (connection.deviceId ? `device:${connection.deviceId}` : `record:${position}`);
		let key = base;
		let note: string | null =
			connection.recordId === null ? `the record has no id; its row is keyed ${base}` : null;
		if (byId.has(key)) {
			for (let copy = 2; byId.has(key); copy++) {
				key = `${base}#${copy}`;
			}

			const first = firstSeenAt.get(base);
			note =
				connection.recordId === null
					? `the record has no id, and ${base} is taken; its row is keyed ${key}`
					: `id repeated: record ${position} of the listing has the id of record ${first}; its row is keyed ${key}`;
		} else {
			firstSeenAt.set(base, position);
		}

		const result =
			connection.id === key && connection.keyNote === note ? connection : {...connection, id: key, keyNote: note};
		byId.set(key, result);
		keyed.push(result);
	}

	return {connections: keyed, byId};
}
