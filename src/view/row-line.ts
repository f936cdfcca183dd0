/**
 * One table row as styled segments: what the live view draws. Pure, so a
 * row's look (marks, changed cells, selection) is tested without a terminal.
 */
import {type FleetRow, sameRowFacts} from '../fleet/rows.js';
import {cellText} from './columns.js';
import type {LaidOutColumn} from './layout.js';
import {EVENT_COLORS, STATUS_COLORS, type SymbolSet} from './symbols.js';
import {fit} from './text.js';

export type Segment = {
	text: string;
	color?: string;
	bold?: boolean;
	dim?: boolean;
	inverse?: boolean;
	underline?: boolean;
};

/** `row` drawn in `layout`, its ages read at `serverNow` (epoch ms, the rows' server time: fleet/rows.ts). */
export function rowSegments(
	row: FleetRow,
	layout: LaidOutColumn[],
	symbols: SymbolSet,
	selected: boolean,
	serverNow: number,
): Segment[] {
	const {mark, markStrength} = row;
	const changedFields = mark?.fields ?? [];
	const fresh = markStrength === 'fresh';
	const segments: Segment[] = [
		{text: selected ? symbols.selected : ' ', bold: true, inverse: selected},
		mark
			? {
					text: symbols.event[mark.type],
					color: EVENT_COLORS[mark.type],
					bold: fresh,
					dim: !fresh,
					inverse: selected,
				}
			: {text: ' ', inverse: selected},
	];

	layout.forEach(({column, width}, index) => {
		const gap = index === 0 ? '' : ' ';
		if (gap) {
			segments.push({text: gap, inverse: selected});
		}

		if (column.key === 'status') {
			const text = fit(`${symbols.status[row.status]} ${row.status}`, width);
			segments.push({text, color: STATUS_COLORS[row.status], bold: row.status !== 'online', inverse: selected});
			return;
		}

		const text = fit(cellText(column, row, serverNow), width, column.align);
		if (column.key === 'duplicate' && row.duplicate) {
			// Which of the twins is beating is the point of the column: it must stand out.
			segments.push({text, color: row.status === 'online' ? 'green' : 'yellow', bold: true, inverse: selected});
			return;
		}

		if (column.field && changedFields.includes(column.field)) {
			// The new value of a changed field stands out for as long as the mark lasts.
			segments.push({text, color: 'magenta', bold: fresh, underline: true, inverse: selected});
			return;
		}

		segments.push({
			text,
			dim: row.status === 'gone' || row.status === 'offline',
			bold: column.key === 'name' && fresh,
			inverse: selected,
		});
	});

	return coalesce(segments);
}

/** Neighbouring segments of one style become one: fewer nodes for Ink to lay out in every frame. */
function coalesce(segments: Segment[]): Segment[] {
	const result: Segment[] = [];
	for (const segment of segments) {
		const last = result.at(-1);
		if (last && sameStyle(last, segment)) {
			result[result.length - 1] = {...last, text: last.text + segment.text};
		} else {
			result.push(segment);
		}
	}

	return result;
}

function sameStyle(a: Segment, b: Segment): boolean {
	return (
		a.color === b.color &&
		!a.bold === !b.bold &&
		!a.dim === !b.dim &&
		!a.inverse === !b.inverse &&
		!a.underline === !b.underline
	);
}

/** A string that changes whenever the row's look does: the memo key of a drawn row. */
export function segmentsSignature(segments: Segment[]): string {
	return segments
		.map(
			segment =>
				`${segment.text}\u0000${segment.color ?? ''}${segment.bold ? 'b' : ''}${segment.dim ? 'd' : ''}${segment.inverse ? 'i' : ''}${segment.underline ? 'u' : ''}`,
		)
		.join('\u0001');
}

/** A row as the table draws it: its segments and their signature. */
export type DrawnRow = {segments: Segment[]; signature: string};

/** What a drawn row was made of: every input of rowSegments but the row's position and its clock. */
type RowInputs = {
	row: FleetRow;
	selected: boolean;
	layout: LaidOutColumn[];
	symbols: SymbolSet;
	/** The texts of its age columns, which the clock is read through. */
	times: string;
	drawn: DrawnRow;
};

/**
 * rowSegments and segmentsSignature for the rows of one frame after another, each remembered until the next frame.
 * A row drawn last frame whose record, status, mark, machine, duplicate and local facts are the same objects (or
 * values), with the same selection, layout and symbols, and whose age cells (the columns with a `since`) read the
 * same, keeps what it was drawn as: between two polls, most rows of a screen only aged, and a row
 * whose ages show the same text (an offline row's "7d8h", a stale one's "2m") is not built again. `draw` each row of
 * a frame, then `endFrame`: only the rows of the last frame are kept.
 */
export function createRowMemory(): {
	/** `serverNow`: as rowSegments'. */
	draw: (
		row: FleetRow,
		layout: LaidOutColumn[],
		symbols: SymbolSet,
		selected: boolean,
		serverNow: number,
	) => DrawnRow;
	endFrame: () => void;
} {
	let last = new Map<string, RowInputs>();
	let next = new Map<string, RowInputs>();
	return {
		draw(row, layout, symbols, selected, serverNow) {
			const times = timeTexts(row, layout, serverNow);
			const kept = last.get(row.id) ?? next.get(row.id);
			const drawn =
				kept && sameInputs(kept, row, layout, symbols, selected, times)
					? kept.drawn
					: drawRow(row, layout, symbols, selected, serverNow);
			next.set(row.id, {row, selected, layout, symbols, times, drawn});
			return drawn;
		},
		endFrame() {
			last = next;
			next = new Map();
		},
	};
}

function drawRow(
	row: FleetRow,
	layout: LaidOutColumn[],
	symbols: SymbolSet,
	selected: boolean,
	serverNow: number,
): DrawnRow {
	const segments = rowSegments(row, layout, symbols, selected, serverNow);
	return {segments, signature: segmentsSignature(segments)};
}

function timeTexts(row: FleetRow, layout: LaidOutColumn[], serverNow: number): string {
	let texts = '';
	// By index, not for…of: docs/performance.md, "Loops run once a poll".
	for (let index = 0; index < layout.length; index++) {
		const {column} = layout[index]!;
		if (column.since) texts += `${cellText(column, row, serverNow)}\u0000`;
	}
	return texts;
}

function sameInputs(
	kept: RowInputs,
	row: FleetRow,
	layout: LaidOutColumn[],
	symbols: SymbolSet,
	selected: boolean,
	times: string,
): boolean {
	return (
		kept.selected === selected &&
		kept.layout === layout &&
		kept.symbols === symbols &&
		kept.times === times &&
		sameRowFacts(kept.row, row)
	);
}
