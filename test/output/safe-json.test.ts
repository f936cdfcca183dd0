import {describe, expect, it} from 'vitest';
import {safeJson} from '../../src/output/safe-json.js';

describe('safeJson', () => {
	it('escapes C1 controls, bidi overrides and line separators, and the data round-trips exactly', () => {
		const value = {name: 'a\u009B31mb\u202Ec\u2028d\u001B]0;x\u0007'};
		const text = safeJson(value);
		expect(text).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2028\u2029]/);
		expect(JSON.parse(text)).toEqual(value);
	});
});
