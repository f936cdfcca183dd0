/**
 * Strings from the API are written by machines we do not control. Before any of
 * them can reach a terminal, escape sequences (CSI, OSC titles/clipboard/links,
 * DCS and friends), C0/C1 controls and bidi overrides are removed, and line
 * breaks and tabs become spaces so that one value stays on one line.
 */
import {DEPTH_MARKER, RECORD_LIMITS} from './record-limits.js';

const MAX_LENGTH = 512;

// ESC-introduced sequences: CSI (ESC [ params final), OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ ... ST or BEL,
// possibly unterminated), and two-byte escapes (ESC + one char).
const ESCAPE_SEQUENCE =
	/\u001B\[[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]?|\u001B[\]PX^_][^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[\u0020-\u007E]?/g;
// The 8-bit forms: CSI (0x9B) and OSC/DCS/SOS/PM/APC introducers with their payloads.
const C1_SEQUENCE =
	/\u009B[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]?|[\u0090\u0098\u009D\u009E\u009F][^\u0007\u001B\u009C]*(?:\u0007|\u009C)?/g;
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
// Bidi embeddings, overrides, isolates and marks can reorder what is shown around them.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Joiners, variation selectors, skin-tone modifiers and tag characters glue emoji into one glyph whose
// width terminals disagree on (a ZWJ family is 2 cells to one, 8 to another), which breaks the columns
// and can push a line past the edge. Without them every emoji is its own, predictably wide glyph.
const GLYPH_GLUE = /[\u200D\uFE0E\uFE0F]|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF}|[\u{E0020}-\u{E007F}]/gu;
// A flag is two regional indicators; shown as its two letters, it is the same width everywhere.
const REGIONAL_INDICATOR = /[\u{1F1E6}-\u{1F1FF}]/gu;

// Printable ASCII: nothing to remove, the common case by far, checked with one scan.
const PLAIN = /^[\u0020-\u007E]*$/;

export function sanitizeText(value: string, maxLength = MAX_LENGTH): string {
	if (value.length <= maxLength && PLAIN.test(value)) {
		return value;
	}

	const cleaned = value
		.replace(ESCAPE_SEQUENCE, '')
		.replace(C1_SEQUENCE, '')
		.replace(LINE_BREAKS, ' ')
		.replace(CONTROLS, '')
		.replace(BIDI, '')
		.replace(GLYPH_GLUE, '')
		.replace(REGIONAL_INDICATOR, indicator => String.fromCodePoint(indicator.codePointAt(0)! - 0x1f1e6 + 65));
	return truncateCodePoints(cleaned, maxLength);
}

/** True when the string would be changed by sanitizeText (it carried something unsafe). */
export function isUnsafeText(value: string): boolean {
	return sanitizeText(value, Number.POSITIVE_INFINITY) !== value;
}

function truncateCodePoints(value: string, maxLength: number): string {
	if (value.length <= maxLength) {
		return value;
	}

	const points = Array.from(value);
	if (points.length <= maxLength) {
		return value;
	}

	return points.slice(0, Math.max(0, maxLength - 1)).join('') + '…';
}

/**
 * Sanitizes every string inside a JSON-like value, keys included, for display.
 * Returns the value itself when nothing in it needed cleaning (the common
 * case), so a poll of a large fleet does not copy every metadata object.
 * A part nested deeper than RECORD_LIMITS.depth below `value` becomes
 * DEPTH_MARKER: records are bounded at parse, so that only happens to input
 * that skipped it, and the recursion can neither overflow nor pass a control
 * character through unsanitized.
 */
export function sanitizeDeep(value: unknown, depth = 0): unknown {
	if (typeof value === 'string') {
		return sanitizeText(value);
	}

	if (value === null || typeof value !== 'object') {
		return value;
	}

	if (depth >= RECORD_LIMITS.depth) {
		return DEPTH_MARKER;
	}

	if (Array.isArray(value)) {
		let copy: unknown[] | undefined;
		for (let index = 0; index < value.length; index++) {
			const item = value[index] as unknown;
			const clean = sanitizeDeep(item, depth + 1);
			if (clean !== item) {
				copy ??= (value as unknown[]).slice();
				copy[index] = clean;
			}
		}

		return copy ?? value;
	}

	let changed = false;
	const entries: Array<[string, unknown]> = [];
	for (const [key, item] of Object.entries(value)) {
		const cleanKey = sanitizeText(key, 128);
		const clean = sanitizeDeep(item, depth + 1);
		changed ||= cleanKey !== key || clean !== item;
		entries.push([cleanKey, clean]);
	}

	return changed ? Object.fromEntries(entries) : value;
}
