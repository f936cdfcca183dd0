import {describe, expect, it} from 'vitest';
import {sameJson, shareEqualParts} from '../../src/api/same-json.js';
import {parseJson} from '../helpers/json.js';

/** The record the sameJson cases vary, as parsed. */
type Sample = {id: string; n: number; meta: {tags: string[]; deep: {ok: boolean}}; none: null};

/** The record shareEqualParts is given twice; connectionName is optional so a case can delete it. */
type Earlier = {
	id: string;
	connectionName?: string;
	lastHeartbeat: number;
	metadata: {gitBranch: string; supported_commands: string[]};
	tags: string[];
};

describe('sameJson', () => {
	it('matches equal JSON whatever the key order, and nothing else', () => {
		const record = parseJson<Sample>('{"id":"a","n":1,"meta":{"tags":["x","y"],"deep":{"ok":true}},"none":null}');
		expect(
			sameJson(record, parseJson('{"none":null,"meta":{"deep":{"ok":true},"tags":["x","y"]},"n":1,"id":"a"}')),
		).toBe(true);
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

describe('shareEqualParts', () => {
	const earlier = () =>
		parseJson<Earlier>(
			'{"id":"env-1","connectionName":"gpu-box","lastHeartbeat":1000,"metadata":{"gitBranch":"main","supported_commands":["a","b"]},"tags":["x"]}',
		);

	it('returns the earlier value itself when the two are equal', () => {
		const previous = earlier();
		expect(shareEqualParts(previous, earlier())).toBe(previous);
	});

	it('keeps what changed and takes every unchanged string, object and array from the earlier value', () => {
		const previous = earlier();
		const next = {...earlier(), lastHeartbeat: 3000};
		const shared = shareEqualParts(previous, next) as Earlier;
		expect(shared).toEqual(next);
		expect(shared).not.toBe(previous);
		expect(shared['metadata']).toBe(previous['metadata']);
		expect(shared['tags']).toBe(previous['tags']);
	});

	it('goes into changed objects and arrays, and never takes a part the new value lacks or reshapes', () => {
		const previous = earlier();
		const next = earlier();
		next.metadata.gitBranch = 'feat/x';
		next.tags.push('y');
		delete next.connectionName;
		const shared = shareEqualParts(previous, next) as Earlier;
		expect(shared).toEqual(next);
		expect(Object.keys(shared)).toEqual(Object.keys(next));
		expect(shared['metadata']).not.toBe(previous['metadata']);
		expect(shared.metadata.supported_commands).toBe(previous.metadata.supported_commands);
		expect(shareEqualParts({a: [1]}, {a: {0: 1}})).toEqual({a: {0: 1}});
		expect(shareEqualParts([1, 2], [1])).toEqual([1]);
		expect(shareEqualParts({a: 1}, {a: 1, b: null})).toEqual({a: 1, b: null});
	});
});
