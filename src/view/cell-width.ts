/**
 * How many terminal cells a string takes: string-width's answer, remembered. Every frame measures the same
 * texts again (each column title, each row's cells, each character Ink places in its grid), and string-width
 * segments graphemes and tests emoji regular expressions for each: a fifth of the live view's idle CPU went there.
 * The bundle sends Ink's own calls here too (scripts/ink-patches.mjs).
 */
import stringWidth from 'string-width';

/** Distinct texts remembered; past it the memory starts over (a frame's texts are a few thousand). */
export const CELL_WIDTH_CACHE_ENTRIES = 20_000;
/** Longer texts are measured each time: a pane's long value is measured rarely, and would hold memory. */
const LONGEST_REMEMBERED = 512;

/**
 * Characters string-width counts as one cell each and that never join a neighbour into one grapheme: printable
 * ASCII, Latin-1 and Latin extensions but the soft hyphen (zero cells), general punctuation but the zero-width and
 * direction marks, arrows and mathematical operators, box drawing, blocks and geometric shapes (up to U+25FC: the
 * next two are wide). The table's and header's text is nearly all of these (`●`, `·`, `×`, `▇`, `─`), so most widths
 * are a length, not a grapheme walk. test/view/text.test.ts checks every one of them against string-width.
 */
export const NARROW_ONLY =
	/^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u2319\u2500-\u25FC]*$/;

let widths = new Map<string, number>();

/**
 * Cells `text` takes in a terminal, as string-width 8 counts them (ANSI escape codes take none, East Asian wide
 * and emoji two). With `options` (string-width's own) string-width is asked. Text of NARROW_ONLY characters is a cell
 * a character and is not remembered; any other text of up to LONGEST_REMEMBERED characters is.
 */
export function cellWidth(text: string, options?: Parameters<typeof stringWidth>[1]): number {
	// Options change the count (ambiguous characters wide, escapes counted): string-width answers those.
	if (options !== undefined) {
		return stringWidth(text, options);
	}

	if (NARROW_ONLY.test(text)) {
		return text.length;
	}

	if (text.length > LONGEST_REMEMBERED) {
		return stringWidth(text);
	}

	let width = widths.get(text);
	if (width === undefined) {
		width = stringWidth(text);
		if (widths.size >= CELL_WIDTH_CACHE_ENTRIES) {
			widths = new Map();
		}

		widths.set(text, width);
	}

	return width;
}

/** string-width's shape (a default export), for the imports of it the bundle sends here (scripts/ink-patches.mjs). */
export default cellWidth;
