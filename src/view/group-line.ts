/**
 * A group's header line as styled segments (grouping.ts), as row-line.ts draws a row: the selection
 * pointer, the fold symbol in the column where a row shows its change mark, the group's name, then
 * its counts with each problem in its status's colour, so an outage reads per group. Pure.
 */
import {type GroupLine, NO_VALUE} from './grouping.js';
import type {Segment} from './row-line.js';
import {STATUS_COLORS, type SymbolSet} from './symbols.js';
import {displayWidth, truncate} from './text.js';

/** The segments of a header line, `width` cells wide (cut, or padded so a selected line is inverse to the end). */
export function groupLineSegments(
	line: GroupLine,
	width: number,
	symbols: Pick<SymbolSet, 'selected' | 'groupOpen' | 'groupClosed'>,
	selected: boolean,
): Segment[] {
	const {group} = line;
	const parts: Segment[] = [
		{text: selected ? symbols.selected : ' ', bold: true},
		{text: line.collapsed ? symbols.groupClosed : symbols.groupOpen, bold: true, color: 'cyan'},
		{text: ' '},
		{text: group.name ?? NO_VALUE, bold: true, dim: group.name === null},
		{text: ` · ${group.online}/${group.rows.length} online`},
	];
	for (const status of ['stale', 'offline', 'gone'] as const) {
		if (group[status] > 0) {
			parts.push({text: ' · '}, {text: `${group[status]} ${status}`, bold: true, color: STATUS_COLORS[status]});
		}
	}

	if (line.collapsed) parts.push({text: ' · collapsed', dim: true});
	const segments: Segment[] = [];
	let room = width;
	for (const part of parts) {
		if (room <= 0) break;
		const text = truncate(part.text, room);
		room -= displayWidth(text);
		segments.push({...part, text, inverse: selected});
	}

	if (room > 0) segments.push({text: ' '.repeat(room), inverse: selected});
	return segments;
}
