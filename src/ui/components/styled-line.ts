/**
 * A line of segments as one string styled with SGR, as Ink's <Text> would style each segment (the same chalk calls in
 * the same order: dim, colour, bold, underline, inverse; node_modules/ink/build/components/Text.js), for rows drawn
 * beside Ink (src/output/row-overlay.ts). chalk's colour level is Ink's: no colour where Ink would draw none.
 */
import chalk, {type ForegroundColorName, foregroundColorNames} from 'chalk';
import {cellWidth} from '../../view/cell-width.js';
import type {Segment} from '../../view/row-line.js';
import {truncate} from '../../view/text.js';

function colored(text: string, color: string | undefined): string {
	if (color === undefined || color === '') return text;
	if ((foregroundColorNames as readonly string[]).includes(color)) return chalk[color as ForegroundColorName](text);
	if (color.startsWith('#')) return chalk.hex(color)(text);
	return text;
}

function styled(segment: Segment, text: string): string {
	let result = segment.dim ? chalk.dim(text) : text;
	result = colored(result, segment.color);
	if (segment.bold) result = chalk.bold(result);
	if (segment.underline) result = chalk.underline(result);
	if (segment.inverse) result = chalk.inverse(result);
	return result;
}

/**
 * `segments` styled and joined, cut to at most `width` cells: the segment that crosses the edge ends in "…" (as Ink's
 * wrap="truncate" ends a line) and those after it are left out.
 */
export function styledLine(segments: readonly Segment[], width: number): string {
	let line = '';
	let left = width;
	for (const segment of segments) {
		if (left <= 0) break;
		const cells = cellWidth(segment.text);
		if (cells <= left) {
			line += styled(segment, segment.text);
			left -= cells;
		} else {
			line += styled(segment, truncate(segment.text, left));
			left = 0;
		}
	}

	return line;
}
