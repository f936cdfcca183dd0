/**
 * Issue 17: one listener whose metadata nests thousands of levels deep (about
 * 10 KB) blinded every monitor of its organization ("Maximum call stack size
 * exceeded" on every poll). Through every path a record takes: parse, row
 * keys, diff, rows, the plain table, --json, --events and the detail pane.
 */
import {describe, expect, it} from 'vitest';
import {parsePage} from '../../src/api/parse.js';
import {DEPTH_MARKER, RECORD_LIMITS} from '../../src/api/record-limits.js';
import {diffSnapshots} from '../../src/fleet/diff.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {keyRecords} from '../../src/fleet/row-keys.js';
import {selectRows} from '../../src/fleet/rows.js';
import type {Snapshot} from '../../src/fleet/types.js';
import {eventToJson} from '../../src/output/events.js';
import {renderJson} from '../../src/output/json.js';
import {renderTable} from '../../src/output/table.js';
import {detailSections} from '../../src/view/detail.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';
import {rawConnection, T0} from '../helpers/fixtures.js';

/** `{"a":{"a":…{"leaf":"\u001b[2Jx"}…}}` `levels` deep, built as text, as it comes off the wire. */
function deepJson(levels: number): string {
	return '{"a":'.repeat(levels) + '{"leaf":"\\u001b[2Jx"}' + '}'.repeat(levels);
}

function pageOf(deepLevels: number, at = T0): string {
	const records = [
		rawConnection({id: 'a'}),
		rawConnection({id: 'deep', lastHeartbeat: at - 1000}),
		rawConnection({id: 'z'}),
	].map(record => JSON.stringify(record));
	records[1] = records[1]!.replace('"metadata":{', `"metadata":{"nest":${deepJson(deepLevels)},`);
	return `{"connections":[${records.join(',')}],"hasNextPage":false}`;
}

function snapshotOf(body: string, at: number, reuse?: Snapshot): Snapshot {
	const page = parsePage(JSON.parse(body), reuse?.byId, new Map());
	return {...keyRecords(page.connections), fetchedAt: at, clockOffsetMs: 0, latencyMs: 10, pages: 1};
}

const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

describe('a record nested 5 000 levels deep among normal ones', () => {
	const first = snapshotOf(pageOf(5000), T0);
	const second = snapshotOf(pageOf(5000, T0 + 2000), T0 + 2000, first);
	const state = fleetReducer(fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot: first}), {
		type: 'poll-succeeded',
		snapshot: second,
	});
	const rows = selectRows(state, T0 + 2000);
	const deep = rows.find(row => row.id === 'deep')!;

	it('is listed with the others, its cut said in its problems', () => {
		expect(rows.map(row => row.id).sort()).toEqual(['a', 'deep', 'z']);
		expect(deep.connection.problems).toEqual([
			// The record is level 1, metadata 2, nest 3: the 30th "a" would be level 33.
			`${`metadata.nest${'.a'.repeat(30)}`.slice(0, 39)}…: nested deeper than ${RECORD_LIMITS.depth} levels; the deeper part is cut`,
		]);
		expect(rows.find(row => row.id === 'a')!.connection.problems).toEqual([]);
	});

	it('prints in the plain table, in --json with its cut marked, and in --events', () => {
		expect(renderTable(rows, T0 + 2000, 160, 3)).toMatch(/3 listeners/);
		const json = renderJson(rows);
		expect(json).toContain(JSON.stringify(DEPTH_MARKER));
		const records = (JSON.parse(json) as {connections: Array<Record<string, unknown>>}).connections;
		expect(records.map(record => record['id'])).toEqual(rows.map(row => row.id));
		const events = diffSnapshots(
			first,
			snapshotOf(
				pageOf(5000).replace('"connectionName":"host-deep"', '"connectionName":"renamed"'),
				T0 + 4000,
				second,
			),
			75_000,
		);
		expect(events.map(event => eventToJson(event))).toEqual([expect.stringContaining('"renamed"')]);
	});

	it('shows its metadata and raw tabs, with no control byte', () => {
		const sections = detailSections({
			connection: deep.connection,
			status: deep.status,
			serverNow: T0 + 2000,
			now: T0,
			history: undefined,
			staleAfterMs: 75_000,
			symbols: UNICODE_SYMBOLS,
			refreshedAt: null,
			duplicate: deep.duplicate,
			local: deep.local,
			related: [],
		});
		const text = [...sections.overview, ...sections.metadata, ...sections.raw]
			.map(line => `${line.label ?? ''} ${line.text}`)
			.join('\n');
		expect(text).toContain('nested deeper than 32 levels');
		expect(sections.raw.some(line => line.text.includes(DEPTH_MARKER))).toBe(true);
		expect(text).not.toMatch(CONTROL);
	});
});

describe('V8 JSON.parse', () => {
	it('reads a body nested 1 000 000 levels deep without overflowing (it is iterative), and parse bounds it', () => {
		const body = `{"connections":[${JSON.stringify(rawConnection({id: 'a'}))},{"id":"deep","metadata":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}],"hasNextPage":false}`;
		const page = parsePage(JSON.parse(body));
		expect(page.connections.map(connection => connection.id)).toEqual(['a', 'deep']);
		expect(JSON.stringify(page.connections[1]!.raw)).toContain(DEPTH_MARKER);
	});
});
