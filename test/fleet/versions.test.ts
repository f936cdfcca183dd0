import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {compareVersionsNewestFirst, versionCounts} from '../../src/fleet/versions.js';

describe('versions, newest first', () => {
	it('orders by SemVer precedence, not by text: 0.10.0 is newer than 0.9.9, a prerelease older than its release', () => {
		const sorted = ['0.9.9', '0.10.0', '0.10.0-next.1', '1.0.0', '0.2.1'].sort(compareVersionsNewestFirst);
		expect(sorted).toEqual(['1.0.0', '0.10.0', '0.10.0-next.1', '0.9.9', '0.2.1']);
	});

	it('puts what does not parse after every version, alphabetically, and no version last', () => {
		const sorted = [null, 'weird', '0.1.0', 'abc', '\u001B[31m'].sort(compareVersionsNewestFirst);
		expect(sorted).toEqual(['0.1.0', '\u001B[31m', 'abc', 'weird', null]);
	});

	it('counts each version once, newest first, so the listeners behind are at the bottom', () => {
		expect(versionCounts(['0.14.1', '0.14.2', null, '0.14.1', '0.13.0', '0.14.2', '0.14.2'])).toEqual([
			{version: '0.14.2', count: 3},
			{version: '0.14.1', count: 2},
			{version: '0.13.0', count: 1},
			{version: null, count: 1},
		]);
	});

	it('is a total order on any strings, so sorting never throws or depends on input order', () => {
		fc.assert(
			fc.property(
				fc.array(fc.option(fc.oneof(fc.string(), fc.constantFrom('1.0.0', 'v1.0.0', '1.0.0-a')))),
				list => {
					const once = [...list].sort(compareVersionsNewestFirst);
					expect([...list].reverse().sort(compareVersionsNewestFirst)).toEqual(once);
					expect(versionCounts(list).reduce((sum, entry) => sum + entry.count, 0)).toBe(list.length);
				},
			),
		);
	});
});
