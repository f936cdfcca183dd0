import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {isNarrowText} from '../../src/view/cell-width.js';
import {displayWidth, fit, truncate} from '../../src/view/text.js';
import {formatAge} from '../../src/view/format.js';

describe('fit and truncate', () => {
	it('pads and cuts to an exact cell width', () => {
		expect(fit('abc', 5)).toBe('abc  ');
		expect(fit('abc', 5, 'right')).toBe('  abc');
		expect(fit('abcdefgh', 5)).toBe('abcd…');
	});

	it('counts wide characters and emoji as two cells, so columns stay aligned', () => {
		for (const text of ['服务器一号机', 'box 🚀🚀🚀', 'Zoë', 'a👩‍💻b']) {
			for (const width of [3, 4, 5, 8]) {
				expect(displayWidth(fit(text, width))).toBe(width);
			}
		}

		expect(truncate('服务器一号机', 5)).toBe('服务…');
	});
});

describe('displayWidth', () => {
	// The fast path counts characters: one the pattern lets in that string-width does not count as one cell would
	// misalign every column after it.
	it('counts one cell for every character the narrow pattern lets through, as string-width does', () => {
		const wrong: string[] = [];
		for (let code = 0; code <= 0xff_ff; code++) {
			const character = String.fromCodePoint(code);
			if (isNarrowText(character) && stringWidth(character) !== 1) wrong.push(code.toString(16));
		}

		expect(wrong).toEqual([]);
	});

	it('agrees with string-width on any text, mixed with wide, zero-width and combining characters', () => {
		const pieces = fc.constantFrom(
			'a',
			' ',
			'●',
			'·',
			'×',
			'▇',
			'─',
			'服',
			'🚀',
			'\u0301',
			'\u200D',
			'\u00AD',
			'é',
			'⚠',
		);
		fc.assert(
			fc.property(fc.array(pieces, {maxLength: 12}), parts => {
				const text = parts.join('');
				expect(displayWidth(text)).toBe(stringWidth(text));
			}),
		);
	});
});

describe('formatAge', () => {
	it('is compact at every scale', () => {
		expect(
			[null, 400, 12_000, 240_000, 3_600_000 + 720_000, 2 * 86_400_000 + 4 * 3_600_000].map(formatAge),
		).toEqual(['-', 'now', '12s', '4m', '1h12m', '2d4h']);
	});
});
