/** Fitting text into terminal columns, where CJK and emoji take two cells. */
import stringWidth from 'string-width';

export type Align = 'left' | 'right';

// One segmenter for every cut: making one costs more than most cuts.
const graphemes = new Intl.Segmenter();

export function displayWidth(text: string): number {
	return stringWidth(text);
}

/** Cuts `text` to at most `width` cells, ending in "…" when cut. */
export function truncate(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (text.length <= width && isNarrow(text)) {
		return text;
	}

	if (stringWidth(text) <= width) {
		return text;
	}

	let result = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		const cells = stringWidth(segment);
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

// Printable ASCII is one cell a character: the common case skips grapheme work.
function isNarrow(text: string): boolean {
	return /^[\u0020-\u007E]*$/.test(text);
}
