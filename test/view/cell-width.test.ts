import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {CELL_WIDTH_CACHE_ENTRIES, cellWidth} from '../../src/view/cell-width.js';

// Texts a terminal row holds: ASCII, CJK, emoji (with joiners and skin tones), combining marks, SGR codes, controls.
const pieces = fc.constantFrom(
	'a',
	' ',
	'~',
	'日本',
	'👩‍💻',
	'👍🏽',
	'é',
	'e\u0301',
	'\u001B[31m',
	'\u001B[39m',
	'\t',
	'\u0007',
	'…',
	'●',
);
const texts = fc.array(pieces, {maxLength: 12}).map(parts => parts.join(''));

describe('cellWidth', () => {
	it('counts as string-width does, asked once or again', () => {
		fc.assert(
			fc.property(texts, text => {
				expect(cellWidth(text)).toBe(stringWidth(text));
				expect(cellWidth(text)).toBe(stringWidth(text));
			}),
		);
	});

	it('passes string-width options on rather than answering from memory', () => {
		const ambiguous = '…';
		cellWidth(ambiguous);
		expect(cellWidth(ambiguous, {ambiguousIsNarrow: false})).toBe(
			stringWidth(ambiguous, {ambiguousIsNarrow: false}),
		);
		expect(cellWidth('\u001B[31mab', {countAnsiEscapeCodes: true})).toBe(
			stringWidth('\u001B[31mab', {countAnsiEscapeCodes: true}),
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
	});
});
