/**
 * What a terminal too small for the live view shows (under 40x10, ui/fleet-screen.tsx): the reason polls fail
 * first, wrapped over as many lines as it needs and the screen has, since that is what someone resizing a pane to
 * 20x5 needs to read; then what size the view needs. Pure: lines of at most `columns` cells, at most `rows` lines.
 */
import type {PollHealth} from '../fleet/reducer.js';
import {wrapText} from './text.js';

/** A line of the small screen: the failing poll's reason, or what the screen needs. */
export type SmallScreenLine = {text: string; tone: 'error' | 'note'};

export type SmallScreenInput = {
	columns: number;
	rows: number;
	/** The smallest size the live view draws at (ui/fleet-screen.tsx MIN_COLUMNS, MIN_ROWS). */
	minColumns: number;
	minRows: number;
	health: Pick<PollHealth, 'lastError' | 'halted'>;
};

/**
 * The lines, top first: with a failing poll, `✕ ` (stopped until `r`) or `⚠ ` (retrying) and its message, wrapped;
 * under it, when lines are left, the size the view needs. An error longer than the screen ends in "…" one line
 * above the last, which says at what size the rest shows.
 */
export function smallScreenLines({columns, rows, minColumns, minRows, health}: SmallScreenInput): SmallScreenLine[] {
	const width = Math.max(1, columns);
	const height = Math.max(1, rows);
	const needs = `letta-fleet: the terminal is ${columns}x${rows}; it needs at least ${minColumns}x${minRows}. q quits.`;
	const error = health.lastError;
	const note = (lines: string[]) => lines.map((text): SmallScreenLine => ({text, tone: 'note'}));
	const said = (lines: string[]) => lines.map((text): SmallScreenLine => ({text, tone: 'error'}));
	if (!error) return note(wrapText(needs, width, height));
	const reason = `${health.halted ? '✕' : '⚠'} ${error.message}${health.halted ? ' · r retries' : ''}`;
	const whole = wrapText(reason, width);
	if (whole.length <= height) {
		const left = height - whole.length;
		return left === 0 ? said(whole) : [...said(whole), ...note(wrapText(needs, width, left))];
	}

	// The reason first: all but the last line, which says where the rest is.
	if (height === 1) return said(wrapText(reason, width, 1));
	const size = `${minColumns}x${minRows}`;
	const more = [`more at ${size}; q quits`, `more at ${size}`].find(text => text.length <= width) ?? `${size}+`;
	return [...said(wrapText(reason, width, height - 1)), ...note(wrapText(more, width, 1))];
}
