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

let widths = new Map<string, number>();

/**
 * Cells `text` takes in a terminal, as string-width 8 counts them (ANSI escape codes take none, East Asian wide
 * and emoji two). Printable ASCII is a cell a character and is not remembered; any other text of up to
 * LONGEST_REMEMBERED characters is, unless `options` are given (string-width's own, passed on).
 */
export function cellWidth(text: string, options?: Parameters<typeof stringWidth>[1]): number {
	if (/^[\u0020-\u007E]*$/.test(text)) {
		return text.length;
	}

	if (options !== undefined || text.length > LONGEST_REMEMBERED) {
		return stringWidth(text, options);
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
