/**
 * The input filter between the terminal and Ink: mouse reports of every encoding come out whole
 * (and decoded), split as terminals and ssh split them, and every other byte passes exactly.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {createInputFilter, MAX_HELD_BYTES, MAX_PASTE_BYTES} from '../../src/view/input-filter.js';
import type {MouseReport} from '../../src/view/mouse-report.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** Everything a filter passes and reports for `chunks` pushed one after another. */
function run(chunks: Uint8Array[], options: {expireAtEnd?: boolean} = {}) {
	const filter = createInputFilter();
	const passed: Buffer[] = [];
	const reports: MouseReport[] = [];
	for (const chunk of chunks) {
		const out = filter.push(chunk);
		passed.push(out.bytes);
		reports.push(...out.reports);
	}

	const holding = filter.holding();
	if (options.expireAtEnd) passed.push(filter.expire());
	return {passed: Buffer.concat(passed), reports, holding};
}

/** The same input pushed whole and cut at every position into two reads: the same result each time. */
function everySplit(input: Buffer) {
	const whole = run([input]);
	for (let cut = 1; cut < input.length; cut++) {
		expect(run([input.subarray(0, cut), input.subarray(cut)])).toEqual(whole);
	}

	return whole;
}

describe('mouse reports are taken out whole, never read as keys', () => {
	it('X10: a click whose value bytes would read as "q" (column 81, row 81) leaves nothing to read; keys on both sides pass', () => {
		const {passed, reports} = everySplit(bytes('j\u001B[M qqk'));
		expect(passed.toString()).toBe('jk');
		expect(reports).toEqual([{encoding: 'x10', code: 0, column: 81, row: 81, release: false}]);
	});

	it('X10 past column 95: value bytes of 128 and more are the report, not text', () => {
		const {passed, reports} = everySplit(
			Buffer.concat([bytes('\u001B[M#'), Buffer.from([0xf0, 0x80]), bytes('q')]),
		);
		expect(passed.toString()).toBe('q');
		expect(reports).toEqual([{encoding: 'x10', code: 3, column: 0xf0 - 32, row: 0x80 - 32, release: false}]);
	});

	it('UTF-8 (1005): a coordinate past 95 as a two-byte character', () => {
		const {passed, reports} = everySplit(
			Buffer.concat([
				bytes('\u001B[M '),
				utf8(String.fromCodePoint(32 + 200)),
				utf8(String.fromCodePoint(32 + 150)),
				bytes('j'),
			]),
		);
		expect(passed.toString()).toBe('j');
		expect(reports).toEqual([{encoding: 'utf8', code: 0, column: 200, row: 150, release: false}]);
	});

	it('SGR (1006): press and release, wheel, large coordinates', () => {
		const {passed, reports} = everySplit(bytes('a\u001B[<0;120;45Mb\u001B[<0;120;45mc\u001B[<65;1;1M'));
		expect(passed.toString()).toBe('abc');
		expect(reports).toEqual([
			{encoding: 'sgr', code: 0, column: 120, row: 45, release: false},
			{encoding: 'sgr', code: 0, column: 120, row: 45, release: true},
			{encoding: 'sgr', code: 65, column: 1, row: 1, release: false},
		]);
	});

	it('urxvt (1015): three numbers and M', () => {
		const {passed, reports} = everySplit(bytes('\u001B[32;10;5Mq'));
		expect(passed.toString()).toBe('q');
		expect(reports).toEqual([{encoding: 'urxvt', code: 0, column: 10, row: 5, release: false}]);
	});

	it('Esc right before a report is still Esc; Alt+↑ (ESC ESC [ A) and paste markers pass as they came', () => {
		expect(everySplit(bytes('\u001B\u001B[M !!j')).passed.toString()).toBe('\u001Bj');
		expect(everySplit(bytes('\u001B\u001B[A')).passed.toString()).toBe('\u001B\u001B[A');
		expect(everySplit(bytes('\u001B[5~\u001BOP\u001B[[A\u001B[2$\u001B[1;5A')).passed.toString()).toBe(
			'\u001B[5~\u001BOP\u001B[[A\u001B[2$\u001B[1;5A',
		);
	});

	it('a bracketed paste passes untouched, even text shaped like a report; a report after it is taken out', () => {
		const paste = '\u001B[200~see \u001B[M qq and \u001B[<0;1;1M\u001B[201~';
		const {passed, reports} = everySplit(bytes(`${paste}\u001B[<0;2;3Mq`));
		expect(passed.toString('latin1')).toBe(`${paste}q`);
		expect(reports).toEqual([{encoding: 'sgr', code: 0, column: 2, row: 3, release: false}]);
	});

	it("a sequence that only looks like a report's start is not one: ESC [ M then Enter keeps the Enter; other CSI sequences pass", () => {
		expect(run([bytes('\u001B[M\r')]).passed.toString()).toBe('\u001B[M\r');
		expect(run([bytes('\u001B[1;2;3~')]).passed.toString()).toBe('\u001B[1;2;3~');
		expect(run([bytes('\u001B[<1;2;3;4M')]).passed.toString()).toBe('\u001B[<1;2;3;4M');
	});
});

describe('a cut sequence is held until its rest arrives, or it is given up', () => {
	it("holds a lone Esc and a report's start; a given-up Esc passes, a given-up report start is dropped", () => {
		const esc = createInputFilter();
		expect(esc.push(bytes('\u001B')).bytes.length).toBe(0);
		expect(esc.holding()).toBe(true);
		expect(esc.expire().toString()).toBe('\u001B');
		expect(esc.holding()).toBe(false);

		for (const start of ['\u001B[M', '\u001B[M q', '\u001B[<0;1', '\u001B[<']) {
			const filter = createInputFilter();
			expect(filter.push(bytes(start)).bytes.length).toBe(0);
			expect(filter.expire().length).toBe(0);
			// What comes next is read afresh: the dropped start does not swallow it.
			expect(filter.push(bytes('q')).bytes.toString()).toBe('q');
		}

		// Esc, then a report cut short: the Esc alone.
		const escThenCut = createInputFilter();
		escThenCut.push(bytes('\u001B\u001B[<0;1'));
		expect(escThenCut.expire().toString()).toBe('\u001B');
	});

	it('a paste whose end is taken to be lost is ended for Ink; then reports are taken out again', () => {
		const filter = createInputFilter();
		expect(filter.push(bytes('\u001B[200~abc')).bytes.toString()).toBe('\u001B[200~abc');
		expect(filter.pasting()).toBe(true);
		expect(filter.endPaste().toString()).toBe('\u001B[201~');
		expect(filter.pasting()).toBe(false);
		expect(filter.endPaste().length).toBe(0);
		expect(filter.push(bytes('\u001B[M qqj')).bytes.toString()).toBe('j');
	});

	it('a paste over MAX_PASTE_BYTES is ended for Ink at that length and its rest dropped; keys after its end act', () => {
		const content = 'a'.repeat(MAX_PASTE_BYTES + 100);
		const input = bytes(`\u001B[200~${content}\u001B[201~q\u001B[M qq`);
		const expected = `\u001B[200~${'a'.repeat(MAX_PASTE_BYTES)}\u001B[201~q`;
		expect(run([input]).passed.toString()).toBe(expected);
		const reads: Buffer[] = [];
		for (let position = 0; position < input.length; position += 4093)
			reads.push(input.subarray(position, position + 4093));
		expect(run(reads).passed.toString()).toBe(expected);

		// One that never ends: its end marker was already passed, and what follows the idle end is read afresh.
		const endless = createInputFilter();
		expect(endless.push(bytes(`\u001B[200~${content}`)).bytes.length).toBe(MAX_PASTE_BYTES + 6 + 6);
		expect(endless.push(bytes('more')).bytes.length).toBe(0);
		expect(endless.endPaste().length).toBe(0);
		expect(endless.push(bytes('q')).bytes.toString()).toBe('q');
	});

	it('a cut key sequence given up passes as it came, for Ink to read', () => {
		const filter = createInputFilter();
		filter.push(bytes('\u001B[1;5'));
		expect(filter.expire().toString()).toBe('\u001B[1;5');
	});

	it('never holds more than MAX_HELD_BYTES: a run without a final byte passes on', () => {
		const filter = createInputFilter();
		const long = `\u001B[${'1;'.repeat(MAX_HELD_BYTES)}`;
		expect(filter.push(bytes(long)).bytes.toString()).toBe(long);
		expect(filter.holding()).toBe(false);
	});

	it('a report whose last value could start a two-byte character waits for one more byte: a key after it is never eaten', () => {
		const filter = createInputFilter();
		const report = Buffer.concat([bytes('\u001B[M  '), Buffer.from([0xc5])]);
		expect(filter.push(report).bytes.length).toBe(0);
		expect(filter.push(bytes('q'))).toEqual({
			bytes: bytes('q'),
			reports: [{encoding: 'x10', code: 0, column: 0, row: 0xc5 - 32, release: false}],
		});
	});
});

// The property: random keys interleaved with random reports, cut into random reads.

const printable = fc.integer({min: 0x20, max: 0x7e}).map(code => String.fromCodePoint(code));
const keyToken = fc.oneof(
	{weight: 6, arbitrary: printable},
	fc.constantFrom('\r', '\t', '\u007F', '\b', '\u0003', '\u001A', '\u000C', 'é', '✓', '🙂'),
	fc.constantFrom(
		'\u001B[A',
		'\u001B[1;5A',
		'\u001B[5~',
		'\u001B[[A',
		'\u001B[2$',
		'\u001BOP',
		'\u001B\u001B[A',
		'\u001Bj',
		'\u001B4',
	),
	fc
		.array(fc.oneof(printable, fc.constant('\n'), fc.constant('\u001B[M qq'), fc.constant('\u001B[<0;1;1M')), {
			maxLength: 8,
		})
		.map(parts => `\u001B[200~${parts.join('')}\u001B[201~`),
);
const keyBytes = keyToken.map(token => utf8(token));

/**
 * A value byte of a plain X10 report; 0xC2-0xDF are left out, since followed by 0x80-0xBF they read as one 1005 value
 * (see mouse-report.ts).
 */
const x10Value = fc.oneof(fc.integer({min: 32, max: 0xc1}), fc.integer({min: 0xe0, max: 0xff}));
const utf8Value = fc.integer({min: 32, max: 2047}).map(value => utf8(String.fromCodePoint(value)));
const number = (max: number) => fc.integer({min: 0, max});
const reportBytes = fc.oneof(
	fc.tuple(x10Value, x10Value, x10Value).map(values => Buffer.concat([bytes('\u001B[M'), Buffer.from(values)])),
	fc.tuple(utf8Value, utf8Value, utf8Value).map(values => Buffer.concat([bytes('\u001B[M'), ...values])),
	fc
		.tuple(number(255), number(99_999), number(99_999), fc.constantFrom('M', 'm'))
		.map(([b, x, y, final]) => bytes(`\u001B[<${b};${x};${y}${final}`)),
	fc.tuple(number(255), number(9999), number(9999)).map(([b, x, y]) => bytes(`\u001B[${b + 32};${x};${y}M`)),
);

describe('property: keys around reports survive exactly, reports leave nothing', () => {
	it('random keys and reports, interleaved and cut into random reads', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						{weight: 2, arbitrary: keyBytes.map(key => ({key}))},
						reportBytes.map(report => ({report})),
					),
					{maxLength: 40},
				),
				fc.array(fc.integer({min: 1, max: 12}), {maxLength: 60}),
				(tokens, cuts) => {
					const stream = Buffer.concat(tokens.map(token => ('key' in token ? token.key : token.report)));
					const keys = Buffer.concat(tokens.flatMap(token => ('key' in token ? [token.key] : [])));
					const chunks: Buffer[] = [];
					let position = 0;
					for (const length of cuts) {
						if (position >= stream.length) break;
						chunks.push(stream.subarray(position, position + length));
						position += length;
					}

					chunks.push(stream.subarray(position));
					const result = run(chunks);
					expect(result.passed.equals(keys)).toBe(true);
					expect(result.reports).toHaveLength(tokens.filter(token => 'report' in token).length);
					expect(result.holding).toBe(false);
				},
			),
			{numRuns: 2000},
		);
	});
});
