import {describe, expect, it} from 'vitest';
import {sameJson} from '../../src/api/same-json.js';

describe('sameJson', () => {
	it('matches equal JSON whatever the key order, and nothing else', () => {
		const record = JSON.parse('{"id":"a","n":1,"meta":{"tags":["x","y"],"deep":{"ok":true}},"none":null}');
		expect(sameJson(record, JSON.parse('{"none":null,"meta":{"deep":{"ok":true},"tags":["x","y"]},"n":1,"id":"a"}'))).toBe(true);
		expect(sameJson(record, {...record, n: 2})).toBe(false);
		expect(sameJson(record, {...record, extra: null})).toBe(false);
		const {none, ...withoutNone} = record;
		expect(none).toBeNull();
		expect(sameJson(record, withoutNone)).toBe(false);
		expect(sameJson(record, {...record, meta: {...record.meta, tags: ['x']}})).toBe(false);
		expect(sameJson(record, {...record, meta: {...record.meta, tags: {0: 'x', 1: 'y'}}})).toBe(false);
		expect(sameJson({a: undefined}, {b: undefined})).toBe(false);
		expect(sameJson([], {})).toBe(false);
		expect(sameJson(null, {})).toBe(false);
		expect(sameJson('1', 1)).toBe(false);
	});
});
