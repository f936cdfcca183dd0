import {describe, expect, it} from 'vitest';
import {parseConnection, parsePage} from '../../src/api/parse.js';
import {offline, rawConnection, T0} from '../helpers/fixtures.js';
import {parseJson} from '../helpers/json.js';

describe('parseConnection', () => {
	it('reads a full record, metadata included', () => {
		const connection = parseConnection(rawConnection());
		expect(connection).toMatchObject({
			id: 'env-1',
			deviceId: 'device-env-1',
			connectionId: 'conn-env-1',
			connectionName: 'host-env-1',
			podId: 'pod-1',
			lastHeartbeat: T0 - 5000,
			mode: 'standard',
			modeAsSent: null,
			branch: 'main',
			lettaCodeVersion: '0.32.1',
			os: 'linux',
			supportedCommands: ['doctor', 'compact'],
			selfUpdate: {
				supported: true,
				writable: true,
				installPath: '/usr/lib/node_modules',
				manualCommand: null,
				reason: null,
			},
			problems: [],
		});
	});

	it('keeps the nulls of an offline device as nulls', () => {
		const connection = parseConnection(offline());
		expect(connection.connectionId).toBeNull();
		expect(connection.podId).toBeNull();
		expect(connection.connectedAt).toBeNull();
		expect(connection.lastHeartbeat).toBeNull();
		expect(connection.problems).toEqual([]);
	});

	it('maps the legacy mode names and keeps what was sent', () => {
		expect(parseConnection(rawConnection({currentMode: 'default'}))).toMatchObject({
			mode: 'standard',
			modeAsSent: 'default',
		});
		expect(parseConnection(rawConnection({currentMode: 'bypassPermissions'}))).toMatchObject({
			mode: 'unrestricted',
			modeAsSent: 'bypassPermissions',
		});
	});

	it('shows an unknown mode as it came', () => {
		expect(parseConnection(rawConnection({currentMode: 'yolo-2027'}))).toMatchObject({
			mode: 'yolo-2027',
			modeAsSent: null,
		});
	});

	it('keeps unknown metadata keys', () => {
		const connection = parseConnection(
			rawConnection({metadata: {gpu: {count: 2}, environmentMessageProtocol: 'v2'}}),
		);
		expect(connection.metadata).toEqual({gpu: {count: 2}, environmentMessageProtocol: 'v2'});
	});

	it('reads numbers sent as strings and marks what it cannot read', () => {
		const connection = parseConnection(
			rawConnection({lastHeartbeat: String(T0), connectedAt: {nope: 1}, metadata: 'oops'}),
		);
		expect(connection.lastHeartbeat).toBe(T0);
		expect(connection.connectedAt).toBeNull();
		expect([...connection.problems].sort()).toEqual([
			'connectedAt: expected epoch milliseconds, got an object',
			'metadata: expected an object, got a string',
		]);
	});

	it('treats an empty connectionId as offline', () => {
		expect(parseConnection(rawConnection({connectionId: ''})).connectionId).toBeNull();
	});

	it('sanitizes strings but keeps the raw record exact', () => {
		const name = 'evil\u001B]0;owned\u0007-box';
		const connection = parseConnection(rawConnection({connectionName: name}));
		expect(connection.connectionName).toBe('evil-box');
		expect((connection.raw as Record<string, unknown>)['connectionName']).toBe(name);
	});

	it('reads a record with no identity, or no object at all, and says what is missing', () => {
		expect(parseConnection({connectionName: 'x'})).toMatchObject({
			recordId: null,
			deviceId: '',
			connectionName: 'x',
			problems: ['deviceId: missing or empty'],
		});
		expect(parseConnection({deviceId: 'd-1'})).toMatchObject({
			recordId: null,
			deviceId: 'd-1',
			connectionName: 'd-1',
			problems: [],
		});
		expect(parseConnection({id: 'env-9'})).toMatchObject({recordId: 'env-9', deviceId: 'env-9'});
		expect(parseConnection('oops')).toMatchObject({
			recordId: null,
			raw: 'oops',
			problems: ['record: expected an object, got a string'],
		});
	});

	it('maps fullAccess to unrestricted and shows plan and unknown modes as sent', () => {
		expect(parseConnection(rawConnection({currentMode: 'fullAccess'}))).toMatchObject({
			mode: 'unrestricted',
			modeAsSent: 'fullAccess',
		});
		expect(parseConnection(rawConnection({currentMode: 'strict'}))).toMatchObject({
			mode: 'strict',
			modeAsSent: null,
		});
		expect(parseConnection(rawConnection({currentMode: 'plan'}))).toMatchObject({mode: 'plan', modeAsSent: null});
	});

	it('reads listenerInstanceId', () => {
		expect(parseConnection(rawConnection({listenerInstanceId: 'server-0123456789abcdef'})).listenerInstanceId).toBe(
			'server-0123456789abcdef',
		);
		expect(parseConnection(rawConnection()).listenerInstanceId).toBeNull();
	});
});

describe('parsePage', () => {
	it('returns connections, hasNextPage and the cursor of the last raw record', () => {
		const page = parsePage({connections: [rawConnection({id: 'a'}), rawConnection({id: 'b'})], hasNextPage: true});
		expect(page.connections.map(c => c.id)).toEqual(['a', 'b']);
		expect(page).toMatchObject({hasNextPage: true, lastId: 'b'});
	});

	it('keeps a record with no identity, and one that is not an object', () => {
		const page = parsePage({
			connections: [rawConnection({id: 'a'}), 42, {connectionName: 'nameless'}],
			hasNextPage: false,
		});
		expect(page.connections.map(connection => connection.connectionName)).toEqual([
			'host-a',
			'(unnamed)',
			'nameless',
		]);
		expect(page.lastId).toBe('a');
	});

	it('fails clearly on a body that is not a page', () => {
		expect(() => parsePage([1, 2])).toThrow(/expected a JSON object/);
		expect(() => parsePage({connections: 'no'})).toThrow(/"connections" to be an array/);
	});

	it('keeps the Connection of a record that did not change, and parses one that did', () => {
		const wire = (records: unknown[]) => parseJson(JSON.stringify({connections: records, hasNextPage: false}));
		const first = parsePage(wire([rawConnection({id: 'a'}), rawConnection({id: 'b'})]));
		const reuse = new Map(first.connections.map(connection => [connection.id, connection]));
		const second = parsePage(
			wire([rawConnection({id: 'a'}), rawConnection({id: 'b', currentMode: 'strict'})]),
			reuse,
		);
		expect(second.connections[0]).toBe(first.connections[0]);
		expect(second.connections[1]).not.toBe(first.connections[1]);
		expect(second.connections[1]!.mode).toBe('strict');
		// The cursor is the last record's id, whether that record was parsed again or kept.
		expect(parsePage(wire([rawConnection({id: 'b'}), rawConnection({id: 'a'})]), reuse).lastId).toBe('a');
		// What did not change is held once: the new record's metadata is the earlier one.
		expect(second.connections[1]!.metadata).toBe(first.connections[1]!.metadata);
		expect((second.connections[1]!.raw as {metadata: unknown}).metadata).toBe(
			(first.connections[1]!.raw as {metadata: unknown}).metadata,
		);
	});

	it("with a pass's string table, reads every record as sent, its commands held as sent and no problem list of its own", () => {
		const records = [
			rawConnection({id: 'a', metadata: {os: 'linux', supported_commands: ['/clear', '/model']}}),
			rawConnection({id: 'b', metadata: {os: 'linux', supported_commands: ['/clear', '/model']}}),
		];
		const body = JSON.parse(JSON.stringify({connections: records, hasNextPage: false})) as {
			connections: Array<{metadata: {supported_commands: string[]}}>;
		};
		const strings = new Map<string, string>();
		const page = parsePage(body, undefined, strings);
		expect(page.connections.map(connection => connection.raw)).toEqual(JSON.parse(JSON.stringify(records)));
		expect(page.connections[1]!.os).toBe('linux');
		expect(page.connections[1]!.supportedCommands).toBe(body.connections[1]!.metadata.supported_commands);
		expect(strings.has('linux')).toBe(true);
		expect(page.connections[0]!.problems).toEqual([]);
		expect(page.connections[0]!.problems).toBe(page.connections[1]!.problems);
	});
});
