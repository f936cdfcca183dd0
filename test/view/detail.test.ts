import {describe, expect, it} from 'vitest';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {type FleetRow, selectRows} from '../../src/fleet/rows.js';
import {detailSections} from '../../src/view/detail.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

function overview(rows: FleetRow[], id: string): string[] {
	const row = rows.find(candidate => candidate.id === id)!;
	const related = rows.filter(
		other =>
			other.id !== id &&
			(other.connection.deviceId === row.connection.deviceId ||
				other.connection.connectionName === row.connection.connectionName),
	);
	return detailSections({
		connection: row.connection,
		status: row.status,
		serverNow: T0,
		now: T0,
		history: undefined,
		staleAfterMs: 75_000,
		symbols: UNICODE_SYMBOLS,
		refreshedAt: null,
		duplicate: row.duplicate,
		local: row.local,
		related,
	}).overview.map(line => (line.label ? `${line.label}: ${line.text}` : line.text));
}

const rowsOf = (records: Array<Record<string, unknown>>) =>
	selectRows(fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot: snapshotOf(records)}), T0);

describe('the detail pane on listeners and machines', () => {
	const rows = rowsOf([
		offline({id: 'old', deviceId: 'm-1', connectionName: 'ana-mbp', listenerInstanceId: 'server-aaaa'}),
		rawConnection({id: 'new', deviceId: 'm-1', connectionName: 'ana-mbp', listenerInstanceId: 'server-bbbb'}),
		rawConnection({
			id: 'other',
			deviceId: 'm-1',
			connectionName: 'ana-build',
			listenerInstanceId: 'server-cccc',
			connectionId: null,
		}),
	]);

	it('says of a leftover row that another one is live, and names it', () => {
		const lines = overview(rows, 'old');
		expect(lines).toContain('listener: server-aaaa');
		expect(lines).toContain('same name: 2 rows are named ana-mbp');
		expect(lines).toContain('live: ana-mbp on m-1 ×3 (record new), not this one');
		expect(lines).toContain('Other listeners on this machine (2)');
		expect(lines.some(line => line.includes('● online  ana-mbp  machine m-1 ×3  server-bbbb'))).toBe(true);
	});

	it('says of the live row that it is the one', () => {
		expect(overview(rows, 'new')).toContain('live: this one (online, beating)');
	});

	it('shows why a row is keyed apart from its record id', () => {
		const twins = rowsOf([rawConnection({id: 'x'}), rawConnection({id: 'x', deviceId: 'm-2'})]);
		const lines = overview(twins, 'x#2');
		expect(lines).toContain('record id: x');
		expect(lines).toContain(
			'row key: x#2: id repeated: record 2 of the listing has the id of record 1; its row is keyed x#2',
		);
	});

	it('marks a local row', () => {
		const local = rowsOf([
			rawConnection({id: 'l', deviceId: 'local', organizationId: 'local', connectionId: 'local-local'}),
		]);
		expect(
			overview(local, 'l').some(line => line.startsWith("local row: added by a Letta Desktop app's local proxy")),
		).toBe(true);
	});
});

describe("the detail pane's events", () => {
	const [row] = rowsOf([rawConnection({id: 'quiet'})]);
	const events = (recorded: null | undefined) =>
		detailSections({
			connection: row!.connection,
			status: row!.status,
			serverNow: T0,
			now: T0,
			history: {events: [], sessions: [], heartbeatAges: [5000]},
			staleAfterMs: 75_000,
			symbols: UNICODE_SYMBOLS,
			refreshedAt: null,
			duplicate: row!.duplicate,
			local: row!.local,
			related: [],
			recorded,
		}).events.map(line => line.text);

	it('says none were seen since it started without a history file, none recorded with one', () => {
		expect(events(undefined)).toContain('(none since letta-fleet started)');
		expect(events(null)).toContain('(none recorded)');
		expect(events(null)).not.toContain('(none since letta-fleet started)');
	});
});
