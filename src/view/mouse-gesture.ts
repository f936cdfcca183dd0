/**
 * What a mouse report means to the live view with `--mouse`: a click selects the table row under
 * it, a second press on the same row within DOUBLE_CLICK_MS opens its details, the wheel moves by
 * WHEEL_LINES, a click on a detail tab's label switches to it; anything else does nothing. Pure:
 * the report, the time it was read and what the screen shows in; a command for the keymap
 * (apply-keys.ts) out, which checks it against the rows as they are.
 *
 * Only SGR (1006) reports act: that is the encoding the view asks for (mouse-report.ts's
 * MOUSE_TRACKING), and the only one whose values are unambiguous at any size. Reports in other
 * encodings (a terminal or tmux that sends them unasked) are dropped, as without `--mouse`.
 */
import type {MouseReport} from './mouse-report.js';
import {DETAIL_TABS, detailTabLabel} from './view-state.js';

/**
 * Two presses on one row at most this far apart (ms of running time, the input filter's clock) are
 * a double-click. The common desktop default (Windows' and GTK's are 500 and 400).
 */
export const DOUBLE_CLICK_MS = 400;

/** Lines a wheel notch moves the selection or scrolls a pane: the step most terminals and browsers use. */
export const WHEEL_LINES = 3;

/**
 * The table's body as drawn: every line of it in order (a row's id, or null for a line that is
 * no row, such as a group's header), the screen row its first line in view is on (1 at the top,
 * as reports count), the index of that line (the scroll offset) and how many lines are in view.
 */
export type TableBody = {
	lines: readonly (string | null)[];
	firstRow: number;
	offset: number;
	height: number;
};

/** What the screen shows where a report may land, as of the last frame drawn. */
export type MouseScreen =
	| {focus: 'table'; body: TableBody}
	/** The detail pane: its tab labels on `tabsRow` (1 at the top), from the first column. */
	| {focus: 'detail'; tabsRow: number}
	| {focus: 'log'}
	| {focus: 'help'}
	/** Nothing a click can act on (the screen too small for the view). */
	| {focus: 'none'};

/** What a report asks of the view; the keymap checks a row is still shown before acting on its id. */
export type MouseCommand =
	| {do: 'select'; id: string}
	| {do: 'open'; id: string}
	/** Wheel: lines to move (down positive) in what has the focus. */
	| {do: 'scroll'; by: number}
	| {do: 'tab'; index: number};

/** The last press on a row, for a double-click: its id and when (ms on the filter's clock). Null: none. */
export type ClickMemory = {id: string; at: number} | null;

export type MouseRead = {memory: ClickMemory; command: MouseCommand | null};

/** Shift, Meta and Ctrl in a report's button code: a click with them is still a click. */
const MODIFIERS = 4 | 8 | 16;
const LEFT = 0;
const WHEEL_UP = 64;
const WHEEL_DOWN = 65;

/**
 * The row id on screen row `row` (1 at the top) of `body`, or null when the row is outside the
 * lines in view, past the last line, or on a line that is no row. Never an id that is not in
 * `body.lines` at a position in view.
 */
export function rowAtLine(body: TableBody, row: number): string | null {
	const {lines, firstRow, offset, height} = body;
	if (![row, firstRow, offset, height].every(Number.isSafeInteger)) return null;
	const inView = row - firstRow;
	if (inView < 0 || inView >= height || offset < 0) return null;
	return lines[offset + inView] ?? null;
}

/** The index in DETAIL_TABS of the tab label at `column` (1 at the left), or null past the last. */
export function tabAtColumn(column: number): number | null {
	let right = 0;
	for (let index = 0; index < DETAIL_TABS.length; index++) {
		right += detailTabLabel(index).length;
		if (column >= 1 && column <= right) return index;
	}

	return null;
}

/**
 * Reads one report, read at `at` (ms on the filter's clock), against what the screen shows:
 * returns the click memory to keep and the command, if any. A release, motion, other buttons and
 * reports in encodings other than SGR do nothing.
 */
export function readMouse(memory: ClickMemory, report: MouseReport, at: number, screen: MouseScreen): MouseRead {
	const none: MouseRead = {memory, command: null};
	if (report.encoding !== 'sgr' || report.release) return none;
	const button = report.code & ~MODIFIERS;
	if (button === WHEEL_UP || button === WHEEL_DOWN) {
		if (screen.focus === 'none') return none;
		return {memory: null, command: {do: 'scroll', by: button === WHEEL_UP ? -WHEEL_LINES : WHEEL_LINES}};
	}

	if (button !== LEFT) return none;
	if (screen.focus === 'detail') {
		const index = report.row === screen.tabsRow ? tabAtColumn(report.column) : null;
		return {memory: null, command: index === null ? null : {do: 'tab', index}};
	}

	if (screen.focus !== 'table') return {memory: null, command: null};
	const id = rowAtLine(screen.body, report.row);
	if (id === null) return {memory: null, command: null};
	const elapsed = memory === null ? Number.POSITIVE_INFINITY : at - memory.at;
	if (memory?.id === id && elapsed >= 0 && elapsed <= DOUBLE_CLICK_MS) {
		// A third press starts a new click rather than opening again.
		return {memory: null, command: {do: 'open', id}};
	}

	return {memory: {id, at}, command: {do: 'select', id}};
}
