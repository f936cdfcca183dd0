import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {boundRecord} from '../../src/api/bound-record.js';
import {parseConnection} from '../../src/api/parse.js';
import {DEPTH_MARKER, KEYS_CUT_KEY, RECORD_LIMITS, VALUES_MARKER} from '../../src/api/record-limits.js';
import {sanitizeDeep} from '../../src/api/sanitize.js';
import {ROOT} from '../helpers/cli.js';
import {rawConnection} from '../helpers/fixtures.js';

const {depth: DEPTH, stringLength: STRING, idLength: ID, entries: ENTRIES, values: VALUES} = RECORD_LIMITS;

function nested(levels: number, leaf: unknown = 'leaf'): unknown {
	let value = leaf;
	for (let level = 0; level < levels; level++) value = {a: value};
	return value;
}

describe('boundRecord', () => {
	it('returns a clean record itself, no copy, no cuts, its strings interned', () => {
		const record = JSON.parse(JSON.stringify(rawConnection())) as Record<string, unknown>;
		const strings = new Map<string, string>();
		const bound = boundRecord(record, strings);
		expect(bound.record).toBe(record);
		expect(bound.cuts).toEqual([]);
		expect(strings.get('org-1')).toBe('org-1');
	});

	it('keeps exactly DEPTH levels and replaces the next with a marker', () => {
		// The record is level 1: DEPTH objects in all fit, one more does not.
		expect(boundRecord(nested(DEPTH)).cuts).toEqual([]);
		const {record, cuts} = boundRecord(nested(DEPTH + 1));
		expect(JSON.stringify(record)).toBe(
			`${'{"a":'.repeat(DEPTH)}${JSON.stringify(DEPTH_MARKER)}${'}'.repeat(DEPTH)}`,
		);
		// The path is named up to 40 characters.
		expect(cuts).toEqual([
			`${`a${'.a'.repeat(DEPTH - 1)}`.slice(0, 39)}…: nested deeper than ${DEPTH} levels; the deeper part is cut`,
		]);
	});

	it('cuts a long string, and an id at its own limit, saying how much went', () => {
		const {record, cuts} = boundRecord({
			id: 'i'.repeat(ID + 5),
			metadata: {note: 'n'.repeat(STRING + 10), other: 'o'.repeat(STRING + 1)},
		});
		const cut = record as {id: string; metadata: {note: string}};
		expect(cut.id).toBe(`${'i'.repeat(ID)}…(cut: 5 characters)`);
		expect(cut.metadata.note).toBe(`${'n'.repeat(STRING)}…(cut: 10 characters)`);
		expect(cuts).toEqual([
			`id: ${ID + 5} characters; cut to the first ${ID}`,
			`metadata.note: ${STRING + 10} characters; cut to the first ${STRING} (and 1 more like it)`,
		]);
	});

	it('never splits a surrogate pair when it cuts', () => {
		const {record} = boundRecord({s: `${'x'.repeat(STRING - 1)}🚀tail`});
		expect((record as {s: string}).s).toBe(`${'x'.repeat(STRING - 1)}…(cut: 6 characters)`);
	});

	it('keeps the first ENTRIES keys and items, and says how many more there were', () => {
		const wide = Object.fromEntries(Array.from({length: ENTRIES + 3}, (_, index) => [`k${index}`, index]));
		const {record, cuts} = boundRecord({metadata: {wide, list: Array.from({length: ENTRIES + 2}, () => 0)}});
		const {metadata} = record as {metadata: {wide: Record<string, unknown>; list: unknown[]}};
		expect(Object.keys(metadata.wide)).toHaveLength(ENTRIES + 1);
		expect(metadata.wide[KEYS_CUT_KEY]).toBe('3 more keys');
		expect(metadata.list.at(-1)).toBe('…(cut: 2 more items)');
		expect(cuts).toEqual([
			`metadata.list: ${ENTRIES + 2} items; cut to the first ${ENTRIES}`,
			`metadata.wide: ${ENTRIES + 3} keys; cut to the first ${ENTRIES}`,
		]);
	});

	it('stops at VALUES values a record, however they are spread', () => {
		const lists = Array.from({length: 20}, () => Array.from({length: 999}, () => 1));
		const {record, cuts} = boundRecord({lists});
		const kept = (record as {lists: unknown[][]}).lists.flat();
		expect(kept).toContain(VALUES_MARKER);
		// The record, its list of lists, the 20 lists: what is left of the budget is ones.
		expect(kept.filter(value => value === 1)).toHaveLength(VALUES - 22);
		expect(cuts).toEqual([
			expect.stringMatching(
				new RegExp(`^record: more than ${VALUES} values; the rest is cut, from lists\\[\\d+\\]`),
			),
		]);
	});

	it('keeps a "__proto__" key an own property, and the prototype alone', () => {
		const record = JSON.parse(`{"__proto__":{"polluted":true},"deep":${JSON.stringify(nested(DEPTH))}}`) as Record<
			string,
			unknown
		>;
		const bound = boundRecord(record).record as Record<string, unknown>;
		expect(Object.hasOwn(bound, '__proto__')).toBe(true);
		expect(Object.getPrototypeOf(bound)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
	});

	it('is what parseConnection keeps as raw, its cuts leading the problems', () => {
		const connection = parseConnection({...rawConnection(), metadata: {tree: nested(40)}, connectedAt: 'soon'});
		expect(JSON.stringify(connection.raw)).toContain(DEPTH_MARKER);
		expect(connection.problems[0]).toMatch(/^metadata\.tree\.a.*: nested deeper than 32 levels/);
		expect(connection.problems[1]).toMatch(/^connectedAt: expected epoch milliseconds/);
	});
});

describe('sanitizeDeep below the old depth of 8', () => {
	it('strips control characters at every depth, and marks what is deeper than the limit', () => {
		const clean = JSON.stringify(sanitizeDeep(nested(12, '\u001B]0;title\u0007x\u009B2J')));
		// The title (OSC) and the 8-bit CSI are gone, not just their control bytes.
		expect(clean).toContain('{"a":"x"}');
		expect(clean).not.toMatch(/\\u001b|\\u0007|\u009B/i);
		expect(JSON.stringify(sanitizeDeep(nested(DEPTH + 5)))).toContain(DEPTH_MARKER);
	});
});

describe('the README', () => {
	it('names the limits RECORD_LIMITS holds', () => {
		const readme = readFileSync(`${ROOT}/README.md`, 'utf8').replaceAll(/\s+/g, ' ');
		const spaced = (value: number) => value.toLocaleString('en-US').replaceAll(',', ' ');
		for (const words of [
			`${DEPTH} levels`,
			`${spaced(STRING)} characters a string or key`,
			`${spaced(ID)} characters for \`id\``,
			`${spaced(ENTRIES)} keys an object`,
			`${spaced(ENTRIES)} items an array`,
			`${spaced(VALUES)} values a record`,
			DEPTH_MARKER,
		]) {
			expect(readme).toContain(words);
		}
	});
});
