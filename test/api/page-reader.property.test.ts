/**
 * The page reader (api/page-reader.ts) against the plain path it stands in for: parsePage of
 * JSON.parse of the whole body, decoded. Whatever the pages hold and however they are written, pass after
 * pass, it answers what the plain path answers, or nothing (then the page is parsed whole); a
 * record whose text changed is never answered from the last pass.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Connection} from '../../src/api/connection.js';
import {createPageReader} from '../../src/api/page-reader.js';
import {pageSpans} from '../../src/api/page-text.js';
import {type ParsedPage, parsePage} from '../../src/api/parse.js';
import {keyRecords} from '../../src/fleet/row-keys.js';
import {UTF8} from '../../src/api/utf8.js';
import {rawConnection, T0} from '../helpers/fixtures.js';

/** A page's text as the bytes a server sends. */
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A record as a listener registers it, or anything at all (the API may drift, or lie). */
const record = fc.oneof(
	{weight: 3, arbitrary: fc.nat({max: 5}).map(n => rawConnection({id: `env-${n}`}))},
	{
		weight: 2,
		arbitrary: fc
			.record({id: fc.constantFrom('env-1', 'env-2', 'a"b', 'x\\y', 'é\u2028'), beat: fc.nat({max: 3})})
			.map(({id, beat}) => rawConnection({id, lastHeartbeat: T0 - beat * 1000, connectionName: `n ${id} {[`})),
	},
	{weight: 1, arbitrary: fc.jsonValue({maxDepth: 4})},
);

/** How a server may write a page: indentation, other keys around `connections`, hasNextPage in its forms. */
const layout = fc.record({
	indent: fc.constantFrom(0, 1, '\t', '  \r\n'),
	before: fc.boolean(),
	after: fc.boolean(),
	hasNextPage: fc.constantFrom(true, false, 'true', undefined, null),
});

type Layout = typeof layout extends fc.Arbitrary<infer T> ? T : never;

function pageText(records: unknown[], how: Layout): string {
	const page: Record<string, unknown> = {};
	if (how.before) page['cursor'] = {next: ']}"', list: [1, {a: '['}]};
	page['connections'] = records;
	if (how.hasNextPage !== undefined) page['hasNextPage'] = how.hasNextPage;
	if (how.after) page['total'] = records.length;
	return JSON.stringify(page, null, how.indent);
}

/** The plain path: the whole text parsed, then parsePage with the same reuse. */
function plain(text: string, reuse: ReadonlyMap<string, Connection> | undefined): ParsedPage | undefined {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return undefined;
	}

	try {
		return parsePage(body, reuse, new Map());
	} catch {
		return undefined;
	}
}

describe('the page reader', () => {
	it('answers what parsing the whole page answers, pass after pass', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(fc.array(record, {maxLength: 6}), {minLength: 1, maxLength: 3}), {
					minLength: 1,
					maxLength: 4,
				}),
				layout,
				fc.array(fc.boolean(), {minLength: 4, maxLength: 4}),
				(passes, how, fails) => {
					const reader = createPageReader();
					let reuse: ReadonlyMap<string, Connection> | undefined;
					for (const [pass, pages] of passes.entries()) {
						reader.startPass(reuse, new Map());
						const all: Connection[] = [];
						for (const records of pages) {
							const text = pageText(records, how);
							const expected = plain(text, reuse);
							const read = reader.read(utf8(text));
							expect(read).toBeDefined();
							expect(read).toEqual(expected);
							all.push(...read!.connections);
						}

						// A pass that fails (no endPass) leaves the next comparing with the last good one.
						if (fails[pass]) continue;
						reader.endPass();
						reuse = keyRecords(all).byId;
					}
				},
			),
			{numRuns: 300},
		);
	});

	it('keeps a record whose text did not change, and reads one whose text did', () => {
		const reader = createPageReader();
		const first = JSON.stringify({connections: [rawConnection({id: 'a'}), rawConnection({id: 'b'})]});
		reader.startPass(undefined, new Map());
		const before = reader.read(utf8(first))!;
		reader.endPass();
		const next = JSON.stringify({
			connections: [rawConnection({id: 'a'}), rawConnection({id: 'b', lastHeartbeat: T0 + 1})],
		});
		reader.startPass(keyRecords(before.connections).byId, new Map());
		const after = reader.read(utf8(next))!;
		reader.endPass();
		expect(after.connections[0]).toBe(before.connections[0]);
		expect(after.connections[1]!.lastHeartbeat).toBe(T0 + 1);
		expect(after.connections[1]).not.toBe(before.connections[1]);
	});

	it('takes a text it expects only where a comma or the end follows it', () => {
		const reader = createPageReader();
		reader.startPass(undefined, new Map());
		reader.read(utf8('{"connections":[1,"ab",true,{"id":"a"}]}'));
		reader.endPass();
		for (const text of [
			'{"connections":[12,"ab",true,{"id":"a"}]}',
			'{"connections":[1.5,"ab",trueish,{"id":"a"}]}',
			'{"connections":[1e3,"abc",true ,{"id":"a"},{"id":"b"}]}',
			'{"connections":[1 2,"ab",true,{"id":"a"}]}',
		]) {
			reader.startPass(undefined, new Map());
			const read = reader.read(utf8(text));
			if (read === undefined) expect(plain(text, undefined)).toBeUndefined();
			else expect(read).toEqual(plain(text, undefined));
		}
	});

	it('forgets a pass that did not end', () => {
		const reader = createPageReader();
		const text = JSON.stringify({connections: [rawConnection({id: 'a'}), rawConnection({id: 'b'})]});
		reader.startPass(undefined, new Map());
		const kept = reader.read(utf8(text))!;
		reader.endPass();
		reader.startPass(undefined, new Map());
		reader.read(
			utf8(
				JSON.stringify({
					connections: [rawConnection({id: 'a', connectionName: 'renamed'}), rawConnection({id: 'b'})],
				}),
			),
		);
		// No endPass: the pass failed. The next compares with the last good one where the failed one found the same
		// bytes; where it found a change, the last good record was let go, and is read afresh, to the same answer.
		reader.startPass(undefined, new Map());
		const again = reader.read(utf8(text))!;
		expect(again.connections[1]).toBe(kept.connections[1]);
		expect(again.connections[0]).not.toBe(kept.connections[0]);
		expect(again).toEqual(plain(text, undefined));
	});

	it('answers nothing for a page it cannot vouch for, so the page is parsed whole', () => {
		const reader = createPageReader();
		const good = JSON.stringify({connections: [rawConnection({id: 'a'})], hasNextPage: false});
		reader.startPass(undefined, new Map());
		for (const text of [
			// The last of repeated keys wins in JSON.parse; such a page is left to it.
			'{"connections":[{"id":"a"}],"connections":[{"id":"b"}]}',
			// An escape spells the key another way.
			'{"connection\\u0073":[{"id":"a"}]}',
			'{"connections":[{"id":"a"}],"connection\\u0073":[0]}',
			'{"connections":[{"id":"a"}],"connection\\u0073":[{"id":"b"}]}',
			'{"connections":{"id":"a"}}',
			'{"connections":[{"id":"a"}]',
			'{"connections":[{"id":"a"} {"id":"b"}]}',
			'{"connections":[1 2]}',
			'{"connections":[-{"id":"a"}]}',
			'{"connections":[{"id":"a"}],}',
			'[{"connections":[]}]',
			'{}',
			'',
			good.slice(0, -1),
			`${good}x`,
		]) {
			expect(reader.read(utf8(text)), text).toBeUndefined();
		}
	});

	it('never answers for text that is not JSON, and answers as the plain path for text that is', () => {
		const good = JSON.stringify({connections: [rawConnection({id: 'a'}), {id: 'b', x: [1, '}', {y: '"'}]}]});
		const mutated = fc
			.tuple(fc.nat({max: good.length}), fc.nat({max: 3}), fc.string({maxLength: 3}))
			.map(([at, cut, insert]) => good.slice(0, at) + insert + good.slice(at + cut));
		fc.assert(
			fc.property(mutated, text => {
				const reader = createPageReader();
				reader.startPass(undefined, new Map());
				reader.read(utf8(good));
				reader.endPass();
				reader.startPass(undefined, new Map());
				const read = reader.read(utf8(text));
				if (read !== undefined) expect(read).toEqual(plain(text, undefined));
				let valid = true;
				try {
					JSON.parse(text);
				} catch {
					valid = false;
				}

				if (!valid) expect(read).toBeUndefined();
			}),
			{numRuns: 500},
		);
	});

	it('answers as the plain path on the decoded body, whatever bytes a page holds', () => {
		// Bytes that are not UTF-8 (a lone continuation byte, a sequence cut short, an overlong form), a byte-order
		// mark, and any byte at all, put anywhere in a page the reader knows.
		const good = utf8(JSON.stringify({connections: [rawConnection({id: 'é'}), rawConnection({id: 'b'})]}));
		const odd = fc.oneof(
			fc.constantFrom([0x80], [0xc3], [0xe2, 0x80], [0xc0, 0xaf], [0xef, 0xbb, 0xbf], [0xff], [0x22], [0x7d]),
			fc.array(fc.integer({min: 0, max: 255}), {minLength: 1, maxLength: 3}),
		);
		fc.assert(
			fc.property(fc.nat({max: good.length}), fc.nat({max: 2}), odd, (at, cut, insert) => {
				const body = new Uint8Array([...good.subarray(0, at), ...insert, ...good.subarray(at + cut)]);
				const reader = createPageReader();
				reader.startPass(undefined, new Map());
				reader.read(good);
				reader.endPass();
				reader.startPass(undefined, new Map());
				const read = reader.read(body);
				const expected = plain(UTF8.decode(body), undefined);
				if (expected === undefined) expect(read).toBeUndefined();
				else if (read !== undefined) expect(read).toEqual(expected);
			}),
			{numRuns: 500},
		);
	});

	it('finds every record of a page however deep, without recursion', () => {
		const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		const text = `{"connections":[${deep},{"id":"a"}]}`;
		expect(pageSpans(utf8(text))?.starts.length).toBe(2);
	});
});
