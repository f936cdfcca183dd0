/**
 * The flag kind of the history readers' `--since`/`--until`: a time spec as typed (view/time-spec.ts
 * parses it, and holds the forms), checked at parse and read against the clock at run time.
 */
import type {Kind} from './flag-kinds.js';
import {parseTimeSpec} from '../view/time-spec.js';
import {UsageError} from './usage-error.js';

export {MAX_AGO_MS, parseTimeSpec, resolveTime, TIME_SPEC_FORMS, type TimeSpec} from '../view/time-spec.js';

/**
 * The flag kind of `--since`/`--until`: the spec as typed (checked by parseTimeSpec, so a bad one is a
 * UsageError before anything runs), read against the clock when the command runs.
 */
export function timeSpec(): Kind<string | undefined>;
export function timeSpec(fallback: string): Kind<string>;
export function timeSpec(fallback?: string): Kind<string | undefined> {
	return {
		type: 'string',
		multiple: false,
		valueName: 'TIME',
		default: fallback,
		facts: fallback === undefined ? {} : {default: fallback},
		parse(raw, label) {
			const text = String(raw);
			try {
				parseTimeSpec(text);
			} catch (error) {
				throw new UsageError(`${label} ${(error as Error).message}, got ${JSON.stringify(text.slice(0, 60))}`);
			}

			return text.trim();
		},
		show: value => value ?? '-',
	};
}
