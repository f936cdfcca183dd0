/**
 * How many terminal cells a string takes: string-width's answer, found without string-width for
 * the strings a screen is made of. The build (scripts/build.mjs) gives this module to every bundled
 * importer of `string-width` (Ink, wrap-ansi, cli-truncate, ours), so the live view's first frame
 * never loads it: string-width builds its Unicode-property expressions (RGI_Emoji, ...) and a
 * grapheme segmenter when it loads and compiles them at its first non-ASCII string, about 100 ms
 * of a 2-core machine's launch (docs/performance.md, Issue 21, launch). A string of printable ASCII and of
 * the narrow characters in NARROW_RANGES, coloured or not, is counted here; anything else (CJK,
 * emoji, combining marks, other escapes, options) goes to string-width itself, loaded on first
 * need. test/view/cell-width.test.ts holds this to string-width, character by character.
 *
 * What string-width answers is remembered (a bounded map): every frame measures the same texts again, and at idle a
 * fifth of the live view's CPU went to measuring them (docs/performance.md, Issue 21).
 */
import {createRequire} from 'node:module';

type StringWidth = (text: string, options?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}) => number;

/**
 * Code points, as pairs of first and last (inclusive, U+00A0 to U+2BFF), that string-width counts as one cell alone and
 * that never join a neighbour in a grapheme: no combining or enclosing marks, joiners, format or
 * ignorable characters, no wide or emoji-presentation ones. Generated from string-width 8.3 and
 * Intl.Segmenter; the test checks every one of them.
 */
export const NARROW_RANGES: readonly number[] = [
	0xa0, 0xac, 0xae, 0x2ff, 0x370, 0x377, 0x37a, 0x37f, 0x384, 0x38a, 0x38c, 0x38c, 0x38e, 0x3a1, 0x3a3, 0x482, 0x48a,
	0x52f, 0x2010, 0x2029, 0x202f, 0x205e, 0x2070, 0x2071, 0x2074, 0x208e, 0x2090, 0x209c, 0x20a0, 0x20c0, 0x2100,
	0x218b, 0x2190, 0x2319, 0x231c, 0x2328, 0x232b, 0x23e8, 0x23ed, 0x23ef, 0x23f1, 0x23f2, 0x23f4, 0x23ff, 0x2460,
	0x25fc, 0x25ff, 0x2613, 0x2616, 0x262f, 0x2638, 0x2647, 0x2654, 0x267e, 0x2680, 0x2689, 0x2690, 0x2692, 0x2694,
	0x26a0, 0x26a2, 0x26a9, 0x26ac, 0x26bc, 0x26bf, 0x26c3, 0x26c6, 0x26cd, 0x26cf, 0x26d3, 0x26d5, 0x26e9, 0x26eb,
	0x26f1, 0x26f4, 0x26f4, 0x26f6, 0x26f9, 0x26fb, 0x26fc, 0x26fe, 0x2704, 0x2706, 0x2709, 0x270c, 0x2727, 0x2729,
	0x274b, 0x274d, 0x274d, 0x274f, 0x2752, 0x2756, 0x2756, 0x2758, 0x2794, 0x2798, 0x27af, 0x27b1, 0x27be, 0x27c0,
	0x2b1a, 0x2b1d, 0x2b4f, 0x2b51, 0x2b54, 0x2b56, 0x2b73, 0x2b76, 0x2bff,
];

/** One byte a code point below the table's end: 1 where the code point is one cell and stands alone. */
const NARROW = (() => {
	const table = new Uint8Array(0x2c00);
	table.fill(1, 0x20, 0x7f);
	for (let index = 0; index < NARROW_RANGES.length; index += 2) {
		table.fill(1, NARROW_RANGES[index], NARROW_RANGES[index + 1]! + 1);
	}

	return table;
})();

// Colours and styles (SGR), the only escapes Ink's own output puts in text: string-width strips
// them (strip-ansi) and so does this; any other escape is left in, and so goes to string-width.
const SGR = /\u001B\[[0-9;]*m/g;

let loaded: StringWidth | undefined;

/** string-width itself: an ES module required synchronously (Node 22.12 and later), once. */
function stringWidthModule(): StringWidth {
	loaded ??= (createRequire(import.meta.url)('string-width') as {default: StringWidth}).default;
	return loaded;
}

/** Whether every character of `text` is printable ASCII or in NARROW_RANGES: its width is its length. */
export function isNarrowText(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= NARROW.length || NARROW[code] === 0) return false;
	}

	return true;
}

/** Distinct texts whose width string-width gave that are remembered; past it the memory starts over. */
export const CELL_WIDTH_CACHE_ENTRIES = 20_000;
/** Longer texts are measured each time: a pane's long value is measured rarely, and would hold memory. */
const LONGEST_REMEMBERED = 512;
let widths = new Map<string, number>();

/**
 * The cells `text` takes in a terminal, exactly as string-width (same signature, same options)
 * counts them: 0 for an empty or non-string value; escapes are not counted.
 */
export function cellWidth(text: string, options?: Parameters<StringWidth>[1]): number {
	if (typeof text !== 'string' || text.length === 0) return 0;
	if (options !== undefined) return stringWidthModule()(text, options);
	const plain = text.includes('\u001B') ? text.replace(SGR, '') : text;
	if (isNarrowText(plain)) return plain.length;
	if (text.length > LONGEST_REMEMBERED) return stringWidthModule()(text);
	let width = widths.get(text);
	if (width === undefined) {
		width = stringWidthModule()(text);
		if (widths.size >= CELL_WIDTH_CACHE_ENTRIES) widths = new Map();
		widths.set(text, width);
	}

	return width;
}

/** string-width's shape (a default export), for the imports of it the bundle sends here (scripts/build.mjs). */
export default cellWidth;
