import {RECORD_LIMITS} from './record-limits.js';

/**
 * Past this depth the walks below give up: records are bounded to
 * RECORD_LIMITS.depth at parse, so only input that skipped that gets here,
 * and giving up (not equal; nothing shared) is always correct, only slower.
 */
const MAX_DEPTH = RECORD_LIMITS.depth + 2;

/**
 * Deep equality of two values parsed from JSON (objects, arrays, strings,
 * numbers, booleans, null). Key order is ignored, as JSON readers do.
 * Recurses no deeper than the shallower of the two (and at most MAX_DEPTH,
 * answering false there), so a bounded `a` makes it safe on any `b`.
 */
export function sameJson(a: unknown, b: unknown, depth = 0): boolean {
	if (a === b) {
		return true;
	}

	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > MAX_DEPTH) {
		return false;
	}

	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) {
			return false;
		}

		for (let index = 0; index < a.length; index++) {
			if (!sameJson(a[index], b[index], depth + 1)) {
				return false;
			}
		}

		return true;
	}

	if (Array.isArray(b)) {
		return false;
	}

	let count = 0;
	for (const key in a) {
		if (
			!Object.hasOwn(b, key) ||
			!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)
		) {
			return false;
		}

		count++;
	}

	for (const _key in b) {
		if (--count < 0) {
			return false;
		}
	}

	return true;
}

/**
 * `next` (a value parsed from JSON) with every part deep-equal to the same
 * part of `previous` replaced by that part: strings, metadata objects and
 * arrays the two share come from `previous`, so holding the result keeps only
 * what changed alive (a new heartbeat costs a record's top-level object, not a
 * copy of all its strings). Returns `previous` itself when the two are equal.
 * Past MAX_DEPTH it keeps `next` as it is (nothing shared, never a stack overflow).
 */
export function shareEqualParts(previous: unknown, next: unknown, depth = 0): unknown {
	if (
		previous === next ||
		typeof previous !== 'object' ||
		typeof next !== 'object' ||
		previous === null ||
		next === null ||
		depth > MAX_DEPTH
	) {
		return previous === next ? previous : next;
	}

	if (Array.isArray(next)) {
		if (!Array.isArray(previous)) {
			return next;
		}

		const shared = next.map((part: unknown, index) => shareEqualParts(previous[index], part, depth + 1));
		return shared.length === previous.length && shared.every((part, index) => part === previous[index])
			? previous
			: shared;
	}

	if (Array.isArray(previous)) {
		return next;
	}

	const before = previous as Record<string, unknown>;
	const shared: Record<string, unknown> = {};
	let same = true;
	let count = 0;
	for (const key in next) {
		const part = (next as Record<string, unknown>)[key];
		const kept = Object.hasOwn(before, key) ? shareEqualParts(before[key], part, depth + 1) : part;
		same &&= Object.hasOwn(before, key) && kept === before[key];
		// A "__proto__" key (an own property after JSON.parse) assigned would set the prototype instead.
		if (key === '__proto__')
			Object.defineProperty(shared, key, {value: kept, enumerable: true, writable: true, configurable: true});
		else shared[key] = kept;
		count++;
	}

	return same && count === Object.keys(before).length ? previous : shared;
}
