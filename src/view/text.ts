/** Fitting text into terminal columns, where CJK and emoji take two cells. */
import {cellWidth, isNarrowText} from './cell-width.js';

export type Align = 'left' | 'right';

// One segmenter for every cut: making one costs more than most cuts.
const graphemes = new Intl.Segmenter();

/** Terminal cells `text` takes (string-width's count, view/cell-width.ts). */
export function displayWidth(text: string): number {
	return cellWidth(text);
}

/** Cuts `text` to at most `width` cells, ending in "…" when cut. */
export function truncate(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (text.length <= width && isNarrowText(text)) {
		return text;
	}

	if (cellWidth(text) <= width) {
		return text;
	}

	// The table cuts the same long names and branches every frame: a cut is remembered (short texts only, bounded).
	const key = text.length <= MAX_REMEMBERED_TEXT ? `${width}\u0000${text}` : undefined;
	const known = key === undefined ? undefined : cuts.get(key);
	if (known !== undefined) return known;
	const cut = cutByGraphemes(text, width);
	if (key !== undefined) {
		if (cuts.size >= MAX_REMEMBERED_CUTS) cuts.clear();
		cuts.set(key, cut);
	}

	return cut;
}

/** Texts longer than this (UTF-16 units) are cut afresh each time: a kept key holds its whole text. */
const MAX_REMEMBERED_TEXT = 256;
/** Cuts remembered before the memory starts afresh: a few screens' worth of cells. */
const MAX_REMEMBERED_CUTS = 4096;
const cuts = new Map<string, string>();

function cutByGraphemes(text: string, width: number): string {
	let result = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		const cells = cellWidth(segment);
		if (used + cells > width - 1) {
			break;
		}

		result += segment;
		used += cells;
	}

	return result + '…';
}

/** Exactly `width` cells: truncated, then padded. */
export function fit(text: string, width: number, align: Align = 'left'): string {
	const cut = truncate(text, width);
	const padding = ' '.repeat(Math.max(0, width - displayWidth(cut)));
	return align === 'left' ? cut + padding : padding + cut;
}

/**
 * `text` in lines of at most `width` cells (at least 1), broken at spaces where it can and inside a word only when
 * the word alone is wider: nothing is cut. Never more than `maxLines` lines; past them the last line ends in "…",
 * so a 64 KiB value cannot make a pane of thousands of lines.
 */
export function wrapText(text: string, width: number, maxLines = Number.POSITIVE_INFINITY): string[] {
	const cells = Math.max(1, width);
	const lines: string[] = [];
	let line = '';
	let used = 0;
	const push = () => {
		lines.push(line.trimEnd());
		line = '';
		used = 0;
	};

	for (const word of text.split(/(?<= )/)) {
		const wordWidth = displayWidth(word.trimEnd());
		if (used > 0 && used + wordWidth > cells) push();
		if (wordWidth <= cells) {
			line += word;
			used += displayWidth(word);
		} else {
			for (const {segment} of graphemes.segment(word)) {
				const segmentWidth = cellWidth(segment);
				if (used + segmentWidth > cells && segment !== ' ') push();
				line += segment;
				used += segmentWidth;
			}
		}

		if (lines.length > maxLines) break;
	}

	if (line.trimEnd() !== '' || lines.length === 0) push();
	if (lines.length > maxLines) {
		const kept = lines.slice(0, maxLines);
		kept[maxLines - 1] = truncate(`${kept[maxLines - 1]!}…`, cells);
		return kept;
	}

	return lines;
}
