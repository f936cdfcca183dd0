import {useRef} from 'react';

/**
 * `value`, or the one returned before it while `same(before, value)` holds: a memo keyed on the answer
 * stays put when the input changed in no way that matters to it.
 */
export function useKeptWhile<T>(value: T, same: (before: T, now: T) => boolean): T {
	const kept = useRef(value);
	if (kept.current !== value && !same(kept.current, value)) kept.current = value;
	return kept.current;
}
