import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {nearestWord} from '../../src/config/did-you-mean.js';

const WORDS = ['interval', 'stale-after', 'linger', 'sort', 'scope', 'filter', 'history-days', 'since', 'until'];

describe('did you mean', () => {
	it('finds a word one or two edits away: a letter missing, extra, wrong, or two swapped', () => {
		expect(nearestWord('intervl', WORDS)).toBe('interval');
		expect(nearestWord('intervall', WORDS)).toBe('interval');
		expect(nearestWord('lingre', WORDS)).toBe('linger');
		expect(nearestWord('SCOPE', WORDS)).toBe('scope');
		expect(nearestWord('filtr', WORDS)).toBe('filter');
	});

	it('suggests nothing for a word too far from every one, or too short to judge', () => {
		expect(nearestWord('xyzzy', WORDS)).toBeUndefined();
		expect(nearestWord('s', WORDS)).toBeUndefined();
		expect(nearestWord('so', WORDS)).toBeUndefined();
		expect(nearestWord('', WORDS)).toBeUndefined();
	});

	it('always answers a known word or nothing, and a known word is its own answer, whatever is typed', () => {
		fc.assert(
			fc.property(fc.string({maxLength: 200}), typed => {
				const near = nearestWord(typed, WORDS);
				expect(near === undefined || WORDS.includes(near)).toBe(true);
			}),
		);
		for (const word of WORDS) expect(nearestWord(word, WORDS)).toBe(word);
	});
});
