/**
 * cellWidth counts a screen's usual strings without string-width (src/view/cell-width.ts): it must
 * answer exactly what string-width answers, or columns drift. Held to string-width itself, every
 * character of its table one by one and random strings of them, coloured and not.
 */
import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import cellWidth, {CELL_WIDTH_CACHE_ENTRIES, NARROW_RANGES} from '../../src/view/cell-width.js';

const narrow: number[] = [];
for (let index = 0; index < NARROW_RANGES.length; index += 2) {
	for (let code = NARROW_RANGES[index]!; code <= NARROW_RANGES[index + 1]!; code++) narrow.push(code);
}

const graphemes = new Intl.Segmenter();
const segments = (text: string) => [...graphemes.segment(text)].length;

describe('cellWidth', () => {
	it('has in its table only characters string-width counts as one cell, each its own grapheme', () => {
		const wrong = narrow.filter(code => {
			const character = String.fromCodePoint(code);
			return (
				stringWidth(character) !== 1 ||
				['a', '─', '·', character].some(
					neighbour =>
						segments(neighbour + character) !== 2 ||
						segments(character + neighbour) !== 2 ||
						stringWidth(neighbour + character) !== 2,
				)
			);
		});
		expect(wrong.map(code => code.toString(16))).toEqual([]);
	});

	it('answers what string-width answers for strings of the table, ASCII and colours', () => {
		const piece = fc.oneof(
			fc.constantFrom(...narrow).map(code => String.fromCodePoint(code)),
			fc.string({unit: 'grapheme-ascii', maxLength: 4}),
			fc.constantFrom('\u001B[31m', '\u001B[1;38;5;208m', '\u001B[m', '\u001B[39m'),
		);
		fc.assert(
			fc.property(fc.array(piece, {maxLength: 30}), pieces => {
				const text = pieces.join('');
				expect(cellWidth(text)).toBe(stringWidth(text));
			}),
			{numRuns: 2000},
		);
	});

	it('answers what string-width answers for anything else: wide, emoji, marks, controls, other escapes', () => {
		const samples = [
			'服务器一号机',
			'box 🚀',
			'a👩‍💻b',
			'e\u0301',
			'⚠\uFE0F',
			'\u00AD',
			'tab\there',
			'\u001B]8;;https://x\u0007link\u001B]8;;\u0007',
			'\u001B[3\u001B[1mm',
			'\u009B31mred',
			'한국어',
			'🇫🇷',
			'',
		];
		for (const text of samples) expect(cellWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 20}), text => {
				expect(cellWidth(text)).toBe(stringWidth(text));
			}),
			{numRuns: 2000},
		);
	});

	it('passes options through to string-width', () => {
		expect(cellWidth('±', {ambiguousIsNarrow: false})).toBe(stringWidth('±', {ambiguousIsNarrow: false}));
		expect(cellWidth('\u001B[31mred', {countAnsiEscapeCodes: true})).toBe(
			stringWidth('\u001B[31mred', {countAnsiEscapeCodes: true}),
		);
	});
});

describe('cellWidth remembers what string-width answered', () => {
	// Texts a row holds: ASCII, CJK, emoji (with joiners and skin tones), combining marks, SGR codes, controls.
	const pieces = fc.constantFrom(
		'a',
		' ',
		'日本',
		'👩‍💻',
		'👍🏽',
		'é',
		'e\u0301',
		'\u001B[31m',
		'\t',
		'\u0007',
		'…',
		'●',
	);
	const texts = fc.array(pieces, {maxLength: 12}).map(parts => parts.join(''));

	it('answers the same when asked again', () => {
		fc.assert(
			fc.property(texts, text => {
				expect(cellWidth(text)).toBe(stringWidth(text));
				expect(cellWidth(text)).toBe(stringWidth(text));
			}),
		);
	});

	it('still answers right after its memory has started over', () => {
		for (let index = 0; index <= CELL_WIDTH_CACHE_ENTRIES; index++) cellWidth(`日${index}`);
		expect(cellWidth('日本語')).toBe(6);
		expect(cellWidth('日0')).toBe(3);
	});

	it('measures a long text, which it does not remember, as string-width does', () => {
		const long = '日本'.repeat(400);
		expect(cellWidth(long)).toBe(1600);
		expect(cellWidth(long)).toBe(1600);
	});
});
