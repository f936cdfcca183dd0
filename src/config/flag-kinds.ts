/**
 * The kinds of value a flag takes. A kind knows how node:util parseArgs reads the flag, the
 * default, how a raw value (from the command line or the config file) becomes the Options
 * field's value in its stored unit, and how `letta-fleet config` shows that value again in the
 * flag's own unit. The flags table in flags.ts gives each flag one kind.
 */
import {maskUrl} from '../api/url-mask.js';
import {UsageError} from './usage-error.js';
import {nearestWord} from './did-you-mean.js';

/** What parseArgs gives for a flag: a string, true for a switch, a list for a repeatable flag. */
export type RawValue = string | boolean | string[];

export type Kind<T> = {
	/** node:util parseArgs's type for the flag. */
	type: 'string' | 'boolean';
	/** Repeatable: parseArgs collects every occurrence into a list. */
	multiple: boolean;
	/** The value's name in --help (SECONDS, N, local|remote); undefined for a switch. */
	valueName: string | undefined;
	/** The field's value when neither a flag nor the config file sets it, in the stored unit. */
	default: T;
	/** What a help line may quote as {default}, {min}, {max}: in the flag's own unit, as typed. */
	facts: Record<string, string>;
	/**
	 * The field's value from a raw one. `label` says where the raw value came from (`--interval`,
	 * or the config file and key) and starts the message of the UsageError thrown when it is bad.
	 */
	parse(raw: RawValue, label: string): T;
	/** The field's value in the flag's own unit, for `letta-fleet config`: 2000 (ms) as "2s". */
	show(value: T): string;
	/** A config file may give the value as a JSON array of strings too (a comma-separated list's items). */
	configList?: true;
};

/** A switch: true when given, false otherwise. */
export function onOff(): Kind<boolean> {
	return {
		type: 'boolean',
		multiple: false,
		valueName: undefined,
		default: false,
		facts: {},
		parse: raw => raw === true,
		show: String,
	};
}

/**
 * A duration typed in seconds (fractions allowed) and stored in milliseconds.
 * `fallback`, `min` and `max` are in seconds; `max` defaults to one day.
 */
export function seconds({fallback, min, max = 86_400}: {fallback: number; min: number; max?: number}): Kind<number> {
	return {
		type: 'string',
		multiple: false,
		valueName: 'SECONDS',
		default: fallback * 1000,
		facts: {default: String(fallback), min: String(min), max: String(max)},
		parse(raw, label) {
			const text = String(raw);
			const number = Number(text);
			refuseNegative(text, number, min, label);
			if (text.trim() === '' || !Number.isFinite(number) || number < min || number > max) {
				throw new UsageError(`${label} takes seconds, at least ${min}, got ${JSON.stringify(text)}`);
			}

			return Math.round(number * 1000);
		},
		show: ms => `${ms / 1000}s`,
	};
}

/** A negative number gets its own message: "must be positive" says more than the range does. */
function refuseNegative(text: string, number: number, min: number, label: string): void {
	if (number < 0 && Number.isFinite(number)) {
		throw new UsageError(
			min > 0
				? `${label} must be positive, got ${JSON.stringify(text)}`
				: `${label} must not be negative, got ${JSON.stringify(text)}`,
		);
	}
}

/** A whole number from `min` to `max`, stored as it is typed. */
export function wholeNumber({fallback, min, max}: {fallback: number; min: number; max: number}): Kind<number> {
	return {
		type: 'string',
		multiple: false,
		valueName: 'N',
		default: fallback,
		facts: {default: String(fallback), min: String(min), max: String(max)},
		parse(raw, label) {
			const text = String(raw);
			const number = Number(text);
			refuseNegative(text, number, min, label);
			if (!/^\d+$/.test(text.trim()) || number < min || number > max) {
				throw new UsageError(
					`${label} takes a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`,
				);
			}

			return number;
		},
		show: String,
	};
}

/** One of a few words (shown as `local|remote`); `fallback` when not given (undefined unless one is passed). */
export function oneOf<const Word extends string>(words: readonly Word[]): Kind<Word | undefined>;
export function oneOf<const Word extends string>(words: readonly Word[], fallback: NoInfer<Word>): Kind<Word>;
export function oneOf<const Word extends string>(words: readonly Word[], fallback?: Word): Kind<Word | undefined> {
	const isWord = (text: string): text is Word => (words as readonly string[]).includes(text);
	return {
		type: 'string',
		multiple: false,
		valueName: words.join('|'),
		default: fallback,
		facts: fallback === undefined ? {} : {default: fallback},
		parse(raw, label) {
			const text = String(raw);
			if (!isWord(text)) {
				const near = nearestWord(text, words);
				throw new UsageError(
					`${label} must be ${words.slice(0, -1).join(', ')} or ${words.at(-1)}, got ${JSON.stringify(text)}${near ? `; did you mean ${near}?` : ''}`,
				);
			}

			return text;
		},
		show: word => word ?? '-',
	};
}

/** Any text, named `valueName` in --help; `fallback` when not given (undefined unless one is passed). */
export function text(valueName: string): Kind<string | undefined>;
export function text(valueName: string, fallback: string): Kind<string>;
export function text(valueName: string, fallback?: string): Kind<string | undefined> {
	return {
		type: 'string',
		multiple: false,
		valueName,
		default: fallback,
		facts: {},
		parse: String,
		show: value => value ?? '-',
	};
}

/** Text that must be printable (it is drawn on screen as typed): no control characters. */
export function printable(valueName: string, fallback: string): Kind<string> {
	return {
		...text(valueName, fallback),
		parse(raw, label) {
			const value = String(raw);
			if (/[\u0000-\u001F\u007F-\u009F]/.test(value)) {
				throw new UsageError(`${label} must be printable text, without control characters`);
			}

			return value;
		},
		show: value => value || '-',
	};
}

/** A sort order: a column's name, then `:desc` (or `:asc`, the default) when given. */
export type SortOrder<Key extends string> = {key: Key; descending: boolean};

/**
 * `COLUMN[:desc]`. `names` maps each accepted name (lower case) to its column key; the first
 * name given for a key is the one `letta-fleet config` shows. Case-insensitive.
 */
export function sortOrder<Key extends string>(
	names: ReadonlyMap<string, Key>,
	fallback: SortOrder<Key>,
): Kind<SortOrder<Key>> {
	const shownName = new Map<Key, string>();
	for (const [name, key] of names) {
		if (!shownName.has(key)) shownName.set(key, name);
	}

	return {
		type: 'string',
		multiple: false,
		valueName: 'COLUMN[:desc]',
		default: fallback,
		facts: {default: shownName.get(fallback.key) ?? fallback.key, columns: [...shownName.values()].join(', ')},
		parse(raw, label) {
			const text = String(raw).trim().toLowerCase();
			const [name = '', direction = 'asc', ...rest] = text.split(':');
			const key = names.get(name);
			if (key === undefined || rest.length > 0 || (direction !== 'asc' && direction !== 'desc')) {
				throw new UsageError(
					`${label} takes a column (${[...shownName.values()].join(', ')}), then :desc to reverse, got ${JSON.stringify(String(raw))}`,
				);
			}

			return {key, descending: direction === 'desc'};
		},
		show: ({key, descending}) => `${shownName.get(key) ?? key}${descending ? ':desc' : ''}`,
	};
}

/**
 * A comma-separated list of names (`status,name,version`), or, from the config file, a JSON array of
 * them. `parse` gets the names as typed and returns the value, or an Error whose message follows the
 * label (`--columns has no column "nmae"; did you mean name? …`).
 */
export function nameList<T>(
	valueName: string,
	fallback: T,
	parse: (names: string[]) => T | Error,
	show: (value: T) => string,
): Kind<T> {
	return {
		type: 'string',
		multiple: false,
		valueName,
		default: fallback,
		facts: {default: show(fallback)},
		configList: true,
		parse(raw, label) {
			const names = Array.isArray(raw) ? raw : String(raw).split(',');
			const value = parse(names);
			if (value instanceof Error) throw new UsageError(`${label} ${value.message}`);
			return value;
		},
		show,
	};
}

/** An http or https URL, kept as typed; undefined when not given. */
export function url(): Kind<string | undefined> {
	return {
		...text('URL'),
		parse(raw, label) {
			checkUrl(String(raw), label);
			return String(raw);
		},
	};
}

/**
 * Text that may be given many times, kept in order; an empty list when not given. `check`, when
 * given, throws an Error whose message is the one line a bad value gets (as a UsageError).
 */
export function repeatable(valueName: string, check?: (value: string) => void): Kind<string[]> {
	return {
		type: 'string',
		multiple: true,
		valueName,
		// A getter, so that no two Options share (and could mutate) one default list.
		get default() {
			return [];
		},
		facts: {},
		parse(raw) {
			const values = Array.isArray(raw) ? [...raw] : [String(raw)];
			for (const value of values) {
				try {
					check?.(value);
				} catch (error) {
					throw new UsageError((error as Error).message);
				}
			}

			return values;
		},
		show: values => (values.length > 0 ? values.join(' ') : '-'),
	};
}

/** `value` as a URL, or a UsageError starting with `label` unless it is an http or https URL. */
export function checkUrl(value: string, label: string): URL {
	let parsed: URL;
	try {
		parsed = new URL(value);
	} catch {
		throw new UsageError(
			`${label} must be a URL like https://api.letta.com, got ${JSON.stringify(maskUrl(value))}`,
		);
	}

	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new UsageError(`${label} must be an http or https URL, got ${JSON.stringify(maskUrl(value))}`);
	}

	return parsed;
}
