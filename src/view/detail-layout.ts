/**
 * The detail pane's lines laid out for the terminal's width, before they are counted for scrolling: every key in
 * one column of a bounded width, every value wrapped under its own column with a hanging indent, so nothing is cut
 * and a long key or value never pushes the columns apart. The raw tab keeps the record's own lines (JSON's indent
 * is its shape), each cut at the edge.
 */
import type {DetailLine, DetailTone} from './detail.js';
import {displayWidth, wrapText} from './text.js';
import type {DetailTab} from './view-state.js';

/** Cells left of every line: the pane's margin. */
export const DETAIL_MARGIN = 2;
/** The key column's widest, in cells; a key wider than the column gets lines of its own above its value. */
export const DETAIL_KEY_WIDTH_MAX = 18;
/** At most this share of the width goes to the key column, so a value keeps room at 40 columns. */
const KEY_SHARE = 1 / 3;
/** A value's lines at most (a metadata string may be 64 KiB, RECORD_LIMITS); the last says it goes on, "…". */
export const DETAIL_VALUE_LINES_MAX = 200;

/**
 * A laid-out line: `label` (when set) is the key column's exact cells, margin and gap included, and `text` fits
 * what is left of `width`; an unlabelled line carries its own indent in `text`.
 */
export type DetailRow = DetailLine;

/**
 * `lines` (one tab of detail.ts's sections) as rows of at most `width` cells. `width` is the pane's, in cells;
 * the key column is as wide as the widest key, at most DETAIL_KEY_WIDTH_MAX and a third of the width.
 */
export function layoutDetailLines(lines: readonly DetailLine[], width: number, tab: DetailTab): DetailRow[] {
	if (tab === 'raw') return lines.map(line => ({...line, text: `${' '.repeat(DETAIL_MARGIN)}${line.text}`}));
	const widest = Math.max(0, ...lines.map(line => (line.label === undefined ? 0 : displayWidth(line.label))));
	const keyWidth = Math.max(
		1,
		Math.min(widest, DETAIL_KEY_WIDTH_MAX, Math.floor((width - DETAIL_MARGIN - 1) * KEY_SHARE)),
	);
	const rows: DetailRow[] = [];
	for (const line of lines) {
		if (line.segments) rows.push(line);
		else if (line.label === undefined) rows.push(...unlabelled(line, width));
		else rows.push(...labelled(line, line.label, width, keyWidth));
	}

	return rows;
}

const margin = ' '.repeat(DETAIL_MARGIN);

/** A heading or a blank line starts at the edge; any other line at the margin, its own wrapped lines two further. */
function unlabelled(line: DetailLine, width: number): DetailRow[] {
	if (!indented(line.tone)) {
		return wrapText(line.text, width, DETAIL_VALUE_LINES_MAX).map(text => ({text, tone: line.tone}));
	}

	// Wrapped lines hang two cells in, so a listener's line reads as one: every piece fits the narrower width.
	const hanging = `${margin}  `;
	return wrapText(line.text, width - hanging.length, DETAIL_VALUE_LINES_MAX).map((text, index) => ({
		text: `${index === 0 ? margin : hanging}${text}`,
		tone: line.tone,
	}));
}

function labelled(line: DetailLine, label: string, width: number, keyWidth: number): DetailRow[] {
	const rows: DetailRow[] = [];
	const gap = ' '.repeat(DETAIL_MARGIN + keyWidth + 1);
	const valueWidth = Math.max(1, width - gap.length);
	let key = `${margin}${label.padEnd(keyWidth)} `;
	if (displayWidth(label) > keyWidth) {
		// A key wider than its column: its own lines, then its value under the value column.
		for (const piece of wrapText(label, width - DETAIL_MARGIN, DETAIL_VALUE_LINES_MAX)) {
			rows.push({label: `${margin}${piece}`, text: '', tone: line.tone});
		}

		key = gap;
	}

	for (const [index, text] of wrapText(line.text, valueWidth, DETAIL_VALUE_LINES_MAX).entries()) {
		rows.push({label: index === 0 ? key : gap, text, tone: line.tone});
	}

	return rows;
}

function indented(tone: DetailTone | undefined): boolean {
	return tone !== 'heading' && tone !== 'dim' && tone !== 'label';
}
