/**
 * The help overlay's text at a given width, read off the keymap (keymap.ts) and the columns
 * (columns.ts, their `means`): one entry per binding, the keys in a column and what they do
 * wrapped beside them, then a legend of the columns and the marks, so no line is ever wider
 * than the screen and the overlay can scroll line by line instead of spilling over itself.
 */
import {bindingLabel} from './key-text.js';
import {BINDINGS} from './keymap.js';
import {COLUMNS} from './columns.js';
import {FLEET_EVENT_TYPES} from '../fleet/types.js';
import {UNICODE_SYMBOLS, type SymbolSet} from './symbols.js';
import {displayWidth, truncate} from './text.js';
import {VERSIONS_MEANS} from './version-drift.js';

/** One help line: the keys (on an entry's first line only) and a piece of its text. */
export type HelpLine = {keys: string; text: string; dim?: boolean};

/**
 * The marks' legend at the end of help, read off the symbols (symbols.ts) and the event types
 * (fleet/types.ts), so a new mark or event cannot be left out: `marks: + appeared/connected  x removed …`.
 */
export const MARKS_LINE = `marks: ${marksLegend(UNICODE_SYMBOLS)}`;

/**
 * The header's words that are not keys or columns (header-layout.ts, the strip's rule in event-log.tsx): what each
 * says, so every character on screen is explained somewhere.
 */
export const HEADER_LINE =
	'header: context NAME the config context watched (x switches); loading… N so far a first pass still arriving, shown but not yet compared or recorded; PAUSED the picture as of the last poll (p resumes); cols N/M columns shown by choice (f); grouped by X (t); events · filtered (N) the strip tells only of the listeners the table shows, N counting every event';

/** The group lines' legend (view/grouping.ts), after the marks': what the fold symbols and the counts say. */
export const GROUPS_LINE = `groups (t): ${UNICODE_SYMBOLS.groupOpen} open  ${UNICODE_SYMBOLS.groupClosed} collapsed; name · online/all shown online · stale, offline, gone`;

/** Each mark once, with the events it stands for, in the order the diff's events are listed. */
function marksLegend(symbols: SymbolSet): string {
	const bySymbol = new Map<string, string[]>();
	for (const type of FLEET_EVENT_TYPES)
		bySymbol.set(symbols.event[type], [...(bySymbol.get(symbols.event[type]) ?? []), type]);
	return [...bySymbol].map(([symbol, types]) => `${symbol} ${types.join('/')}`).join('  ');
}

/** Words of `text` in lines of at most `width` cells; a word longer than that is cut. */
export function wrapWords(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		const candidate = line ? `${line} ${word}` : word;
		if (displayWidth(candidate) <= width) {
			line = candidate;
			continue;
		}

		if (line) lines.push(line);
		line = displayWidth(word) > width ? truncate(word, width) : word;
	}

	if (line) lines.push(line);
	return lines;
}

/**
 * Every help line at `width` columns (the keys column included, two cells of
 * margin each side). The keys column is as wide as the widest keys up to a third
 * of the width; keys wider than that get a line of their own.
 */
export function helpLines(width: number): HelpLine[] {
	const labels = BINDINGS.map(bindingLabel);
	const keyWidth = helpKeyWidth(width);
	const textWidth = Math.max(10, width - keyWidth - 4);
	const lines: HelpLine[] = [];
	BINDINGS.forEach((binding, index) => {
		const label = labels[index]!;
		const text = wrapWords(binding.does.replaceAll('`', ''), textWidth);
		if (displayWidth(label) > keyWidth) {
			for (const part of wrapWords(label, width - 2)) lines.push({keys: part, text: ''});
			for (const part of text) lines.push({keys: '', text: part});
			return;
		}

		text.forEach((part, line) => lines.push({keys: line === 0 ? label : '', text: part}));
	});
	// The columns' legend: a column's title in the keys column, what its cells mean beside it.
	lines.push({keys: '', text: 'columns (as wide as the terminal allows, dropped from the right):', dim: true});
	for (const column of COLUMNS) {
		wrapWords(column.means, textWidth).forEach((part, line) =>
			lines.push({keys: line === 0 ? column.title : '', text: part}),
		);
	}

	// The header's extras, which a short terminal drops first (header-layout.ts).
	wrapWords(VERSIONS_MEANS, textWidth).forEach((part, line) =>
		lines.push({keys: line === 0 ? 'versions' : '', text: part}),
	);
	for (const part of wrapWords(HEADER_LINE, textWidth)) lines.push({keys: '', text: part, dim: true});
	for (const part of wrapWords(MARKS_LINE, textWidth)) lines.push({keys: '', text: part, dim: true});
	for (const part of wrapWords(GROUPS_LINE, textWidth)) lines.push({keys: '', text: part, dim: true});
	return lines;
}

/** The keys column's width at `width` columns, as helpLines laid it out. */
export function helpKeyWidth(width: number): number {
	return Math.min(Math.max(...BINDINGS.map(binding => displayWidth(bindingLabel(binding)))), Math.floor(width / 3));
}

/** How far help scrolls in a pane of `height` lines (one is its title) at `width` columns. */
export function helpMaxScroll(width: number, height: number): number {
	return Math.max(0, helpLines(width).length - (height - 1));
}
