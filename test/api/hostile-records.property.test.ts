/**
 * Property tests: whatever a page of records holds (random JSON, very deep,
 * very wide, long strings, escape sequences, bidi, `__proto__` keys, not even
 * objects, repeated ids), parse, row keys, diff, status, rows, the plain table
 * and the detail pane never throw, print no control byte, and give every
 * record its row.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parsePage} from '../../src/api/parse.js';
import {RECORD_LIMITS} from '../../src/api/record-limits.js';
import {sanitizeDeep, sanitizeText} from '../../src/api/sanitize.js';
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

/** C0, DEL and C1: what must never reach a terminal (a line break only between lines). */
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

const hostileText = fc.oneof(
	fc.string({unit: 'binary', maxLength: 40}),
	fc.constantFrom(
		'\u001B[2J',
		'\u001B]0;pwned\u0007',
		'\u009B31m',
		'\u202Eexe.jpg',
		'a\rb',
		'\u0000',
		'__proto__',
		'constructor',
		'🚀\u200D💻🇩🇪',
	),
	fc.nat({max: 3}).map(n => 'x'.repeat(RECORD_LIMITS.stringLength - 1 + n)),
);
const hostileKey = fc.oneof(
	hostileText,
	fc.constantFrom(
		'__proto__',
		'constructor',
		'toString',
		'id',
		'metadata',
		'lastHeartbeat',
		'connectedAt',
		'lastSeenAt',
		'firstSeenAt',
	),
);
/** Numbers a timestamp field may hold, the ones past what a Date can hold (±8.64e15 ms) among them. */
const hostileNumber = fc.oneof(
	fc.double(),
	fc.constantFrom(8.64e15 + 1, -8.64e15 - 1, Number.MAX_VALUE, 1e300, '9e15', '-1e16'),
);

/** A value nested `levels` deep, alternating objects and arrays, with hostile text at the bottom. */
const deep = fc.tuple(fc.integer({min: 1, max: 3000}), hostileText).map(([levels, leaf]) => {
	let value: unknown = leaf;
	for (let level = 0; level < levels; level++) value = level % 2 === 0 ? {a: value} : [value];
	return value;
});
const wide = fc
	.tuple(fc.integer({min: 900, max: 1100}), fc.boolean())
	.map(([count, asArray]) =>
		asArray
			? Array.from({length: count}, (_, index) => index)
			: Object.fromEntries(Array.from({length: count}, (_, index) => [`k${index}`, index])),
	);
const value: fc.Arbitrary<unknown> = fc.oneof(
	{weight: 4, arbitrary: fc.jsonValue({maxDepth: 4})},
	{weight: 2, arbitrary: hostileText},
	{weight: 1, arbitrary: deep},
	{weight: 1, arbitrary: wide},
	{weight: 1, arbitrary: fc.dictionary(hostileKey, hostileText, {maxKeys: 5})},
	{weight: 1, arbitrary: hostileNumber},
);

/** A record from JSON text (so a `__proto__` key is an own property, as the API's would be). */
const record = fc.oneof(
	{
		weight: 6,
		arbitrary: fc
			.tuple(
				fc.constantFrom('a', 'b', 'c', 'd'),
				fc.dictionary(hostileKey, value, {maxKeys: 4}),
				value,
				hostileText,
			)
			.map(([id, extra, metadata, name]) => {
				const base = JSON.stringify({...rawConnection({id}), connectionName: name, ...extra});
				return `${base.slice(0, -1)},"metadata":${JSON.stringify(metadata) ?? 'null'}}`;
			}),
	},
	{weight: 1, arbitrary: value.map(each => JSON.stringify(each) ?? 'null')},
);
const page = fc
	.array(record, {minLength: 1, maxLength: 6})
	.map(records => `{"connections":[${records.join(',')}],"hasNextPage":false}`);

function snapshot(body: string, at: number, reuse?: Snapshot): Snapshot {
	const parsed = parsePage(JSON.parse(body), reuse?.byId, new Map());
	return {...keyRecords(parsed.connections), fetchedAt: at, clockOffsetMs: 0, latencyMs: 1, pages: 1};
}

describe('any page of records', () => {
	it('is parsed, keyed, diffed, judged and drawn with a row for every record and no control byte', () => {
		fc.assert(
			fc.property(page, page, (first, second) => {
				const before = snapshot(first, T0);
				const after = snapshot(second, T0 + 2000, before);
				const count = (JSON.parse(second) as {connections: unknown[]}).connections.length;
				const state = fleetReducer(
					fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot: before}),
					{
						type: 'poll-succeeded',
						snapshot: after,
					},
				);
				const rows = selectRows(state, T0 + 2000).filter(row => row.status !== 'gone');
				expect(rows).toHaveLength(count);
				expect(new Set(rows.map(row => row.id)).size).toBe(count);
				const table = renderTable(rows, T0 + 2000, 120, rows.length);
				expect(table.split('\n').filter(line => CONTROL.test(line))).toEqual([]);
				expect((JSON.parse(renderJson(rows)) as {connections: unknown[]}).connections).toHaveLength(count);
				for (const event of diffSnapshots(before, after, 75_000))
					expect(eventToJson(event)).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
				for (const row of rows) {
					const sections = detailSections({
						connection: row.connection,
						status: row.status,
						serverNow: T0 + 2000,
						now: T0,
						history: undefined,
						staleAfterMs: 75_000,
						symbols: UNICODE_SYMBOLS,
						refreshedAt: null,
						duplicate: row.duplicate,
						local: row.local,
						related: [],
					});
					for (const line of [...sections.overview, ...sections.metadata, ...sections.raw]) {
						expect(`${line.label ?? ''}${line.text}`).not.toMatch(CONTROL);
					}
				}
			}),
			{numRuns: 60},
		);
	});
});

describe('sanitize', () => {
	it('leaves no control byte at any depth, and never throws', () => {
		fc.assert(
			fc.property(value, hostileText, (each, text) => {
				expect(sanitizeText(text)).not.toMatch(CONTROL);
				const clean = JSON.stringify(sanitizeDeep(each)) ?? '';
				// JSON escapes C0 as \uXXXX text, so what is left raw would be C1 or DEL.
				expect(clean).not.toMatch(/[\u007F-\u009F]|\\u00[01][0-9a-f]/);
			}),
			{numRuns: 200},
		);
	});
});
