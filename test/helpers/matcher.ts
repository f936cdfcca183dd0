/**
 * vitest's asymmetric matchers as `unknown` rather than the `any` vitest declares them: a matcher
 * inside an expected object then raises no unsafe-any finding, and cannot be passed on unchecked
 * as a value of some other type. Each is exactly the vitest matcher of the same name.
 */
import {expect} from 'vitest';

export const matcher = {
	/** `expect.any(type)`: any value made by `type` (String, Number, Array, Object, a class). */
	any: (type: unknown): unknown => expect.any(type),
	/** `expect.stringContaining(text)`: a string with `text` in it. */
	stringContaining: (text: string): unknown => expect.stringContaining(text),
	/** `expect.stringMatching(pattern)`: a string `pattern` matches. */
	stringMatching: (pattern: string | RegExp): unknown => expect.stringMatching(pattern),
};
