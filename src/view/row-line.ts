/**
 * One table row as styled segments: what the live view draws. Pure, so a
 * row's look (marks, changed cells, selection) is tested without a terminal.
 */
import type {FleetRow} from '../fleet/rows.js';
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

export function rowSegments(row: FleetRow, layout: LaidOutColumn[], symbols: SymbolSet, selected: boolean): Segment[] {
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

		const text = fit(column.text(row), width, column.align);
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
