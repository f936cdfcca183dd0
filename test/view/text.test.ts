import {describe, expect, it} from 'vitest';
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

describe('formatAge', () => {
	it('is compact at every scale', () => {
		expect(
			[null, 400, 12_000, 240_000, 3_600_000 + 720_000, 2 * 86_400_000 + 4 * 3_600_000].map(formatAge),
		).toEqual(['-', 'now', '12s', '4m', '1h12m', '2d4h']);
	});
});
