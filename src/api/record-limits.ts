/**
 * How much of one record of GET /v1/environments letta-fleet keeps. Every
 * listener of an organization registers its own `metadata`, so one careless or
 * hostile listener decides the shape of what every monitor of the org reads
 * (issue 17: metadata nested 5 000 levels deep, 10 KB, overflowed the stack of
 * every walk over the record and blinded every poll). Each record is bounded
 * once, at parse (bound-record.ts); every later walk (diff, sanitize, JSON
 * output, the detail pane, the filter) then sees at most these. The numbers are
 * far above what Letta Code registers (about 30 values, 4 levels, strings under
 * 1 KiB) and far below what hurts.
 */
export const RECORD_LIMITS = {
	/** Levels of objects and arrays, the record itself being level 1; a deeper one is replaced by a marker. */
	depth: 32,
	/** UTF-16 code units of any string value or key; display text is cut further, at 512 (sanitize.ts). */
	stringLength: 65_536,
	/** UTF-16 code units of the identity fields (ID_FIELDS), which end up in keys, labels and URLs. */
	idLength: 1024,
	/** Keys of one object, and items of one array. */
	entries: 1000,
	/** Values (objects, arrays, strings, numbers, booleans, nulls) in one record. */
	values: 10_000,
} as const;

/** Top-level fields held to RECORD_LIMITS.idLength. */
export const ID_FIELDS: readonly string[] = ['id', 'deviceId', 'connectionId', 'listenerInstanceId'];

/** What stands in for a part nested past RECORD_LIMITS.depth. */
export const DEPTH_MARKER = `…(cut: nested deeper than ${RECORD_LIMITS.depth} levels)`;

/** What stands in for every value past RECORD_LIMITS.values. */
export const VALUES_MARKER = `…(cut: more than ${RECORD_LIMITS.values} values in the record)`;

/** The end of a string cut after its first `kept` code units: `…(cut: N characters)`, N being what was dropped. */
export function cutString(value: string, kept: number): string {
	// Never split a surrogate pair: the half left behind would print as a replacement glyph.
	const end = kept > 0 && isHighSurrogate(value.charCodeAt(kept - 1)) ? kept - 1 : kept;
	return `${value.slice(0, end)}…(cut: ${value.length - end} characters)`;
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd8_00 && code <= 0xdb_ff;
}

/** The key added to an object cut to RECORD_LIMITS.entries keys; its value says how many were dropped. */
export const KEYS_CUT_KEY = '…(cut)';
