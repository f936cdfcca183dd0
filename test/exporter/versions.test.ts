import {describe, expect, it} from 'vitest';
import {minorVersionsBehind, newestVersion, parseVersion} from '../../src/exporter/versions.js';

describe('Letta Code versions', () => {
	it('reads major.minor.patch, with or without v and a suffix, and nothing else', () => {
		expect(parseVersion('0.32.18')).toEqual({major: 0, minor: 32, patch: 18});
		expect(parseVersion('v1.2.3-beta.1')).toEqual({major: 1, minor: 2, patch: 3});
		expect(parseVersion('latest')).toBeNull();
		expect(parseVersion(null)).toBeNull();
	});

	it("counts minor versions behind the fleet's newest, a major as 1000", () => {
		const newest = newestVersion(['0.30.2', null, 'garbage', '0.32.1', '0.32.0']);
		expect(newest).toEqual({major: 0, minor: 32, patch: 1});
		expect(minorVersionsBehind('0.30.9', newest)).toBe(2);
		expect(minorVersionsBehind('0.32.0', newest)).toBe(0);
		expect(minorVersionsBehind('1.0.0', {major: 2, minor: 1, patch: 0})).toBe(1001);
		expect(minorVersionsBehind('drift', newest)).toBeNull();
		expect(minorVersionsBehind('0.30.0', newestVersion([null]))).toBeNull();
	});
});
