/**
 * From what the terminal shows to what it should show, in few bytes: only the
 * cells that changed are sent, each reached by the shortest cursor move (or by
 * rewriting a few unchanged cells when that is shorter), styled by the
 * shortest SGR transition (src/output/sgr.ts), and a line whose end became
 * blank is erased with EL. Pure: cells in, bytes out.
 */
import {blankGrid, type Grid} from './screen-grid.js';
import {sgrTransition, type StyleTable} from './sgr.js';

/** What the terminal shows and where its cursor and style are; undefined is not known. */
export type TerminalState = {
	/** The cells on screen; undefined (or another size) means the next diff is a full repaint. */
	grid: Grid | undefined;
	row: number | undefined;
	column: number | undefined;
	style: number | undefined;
};

/** A terminal whose screen, cursor and style are not known: the next diff repaints everything. */
export function unknownTerminal(): TerminalState {
	return {grid: undefined, row: undefined, column: undefined, style: undefined};
}

export type ScreenDiff = {
	/** The bytes to write, '' when nothing changed. */
	text: string;
	/** Whether the screen was cleared and drawn whole. */
	repaint: boolean;
	/** Cells whose glyph or style changed. */
	changedCells: number;
	/**
	 * UTF-8 bytes of just the changed glyphs, a blanked line end counted as the EL (3 bytes) that erases it: the
	 * floor no writer can go under, cursor moves and SGR aside.
	 */
	changedBytes: number;
};

// Past this many unchanged cells a cursor move is always shorter than rewriting them.
const MAX_GAP_REWRITE = 8;
const CLEAR = '\u001B[H\u001B[2J';
const ERASE_LINE_END = '\u001B[K';

/**
 * The bytes that turn `terminal`'s screen into `target`, and `terminal`
 * updated to match. The screen is cleared first (`ESC[H ESC[2J`) when
 * `terminal.grid` is unknown or of another size.
 */
export function diffScreen(terminal: TerminalState, target: Grid, table: StyleTable): ScreenDiff {
	let text = '';
	let repaint = false;
	let changedCells = 0;
	let changedBytes = 0;
	if (!terminal.grid || terminal.grid.columns !== target.columns || terminal.grid.rows !== target.rows) {
		text += sgrTransition(undefined, table.styles[0]!) + CLEAR;
		terminal.grid = blankGrid(target.columns, target.rows);
		terminal.row = 0;
		terminal.column = 0;
		terminal.style = 0;
		repaint = true;
	}

	const shown = terminal.grid;
	const {columns} = target;
	const styleOf = (id: number | undefined) => (id === undefined ? undefined : table.styles[id]);

	/** Moves the cursor to (row, column) and sets `style`, by the shortest bytes. */
	const goTo = (row: number, column: number, style: number) => {
		// Already there in that style, as for each cell after the first of a run drawn in one style (a repaint is
		// all such runs): no move, no SGR, and none of the strings that would find that out.
		if (terminal.row === row && terminal.column === column && terminal.style === style) return;
		const moved = cursorMove(terminal.row, terminal.column, row, column);
		let best = moved + sgrTransition(styleOf(terminal.style), table.styles[style]!);
		if (
			terminal.row === row &&
			terminal.column !== undefined &&
			terminal.style !== undefined &&
			column > terminal.column &&
			column - terminal.column <= MAX_GAP_REWRITE
		) {
			// Rewrite the unchanged cells in between instead of moving over them.
			let rewrite = '';
			let current = terminal.style;
			for (let index = row * columns + terminal.column; index < row * columns + column; index++) {
				if (target.chars[index] === '') continue;
				rewrite +=
					sgrTransition(table.styles[current], table.styles[target.styles[index]!]!) + target.chars[index]!;
				current = target.styles[index]!;
			}

			rewrite += sgrTransition(table.styles[current], table.styles[style]!);
			if (byteLength(rewrite) < byteLength(best)) best = rewrite;
		}

		text += best;
		terminal.row = row;
		terminal.column = column;
		terminal.style = style;
	};

	for (let row = 0; row < target.rows; row++) {
		const base = row * columns;
		let column = 0;
		while (column < columns) {
			let index = base + column;
			if (shown.chars[index] === target.chars[index] && shown.styles[index] === target.styles[index]) {
				column++;
				continue;
			}

			// A changed second half of a wide glyph is drawn from its first half.
			if (target.chars[index] === '' && column > 0) {
				column--;
				index--;
			}

			const tail = blankTail(target, row, column);
			if (tail) {
				let changed = 0;
				for (let at = index; at < base + columns; at++)
					if (shown.chars[at] !== ' ' || shown.styles[at] !== 0) changed++;
				// Both ways end in the default style; blanks cost a byte each, EL three.
				if (changed > ERASE_LINE_END.length) {
					goTo(row, column, 0);
					text += ERASE_LINE_END;
					changedCells += changed;
					changedBytes += ERASE_LINE_END.length;
					for (let at = index; at < base + columns; at++) {
						shown.chars[at] = ' ';
						shown.styles[at] = 0;
					}

					break;
				}
			}

			const width = column + 1 < columns && target.chars[index + 1] === '' ? 2 : 1;
			goTo(row, column, target.styles[index]!);
			text += target.chars[index]!;
			changedCells++;
			changedBytes += byteLength(target.chars[index]!);
			for (let at = index; at < index + width; at++) {
				shown.chars[at] = target.chars[at]!;
				shown.styles[at] = target.styles[at]!;
			}

			column += width;
			terminal.column = column;
			if (column >= columns) {
				// Past the last column a terminal waits to wrap; where its cursor is depends on the terminal.
				terminal.row = undefined;
				terminal.column = undefined;
			}
		}
	}

	return {text, repaint, changedCells, changedBytes};
}

/** Whether every cell of `row` from `column` on is a blank in the default style. */
function blankTail(grid: Grid, row: number, column: number): boolean {
	const end = (row + 1) * grid.columns;
	for (let index = row * grid.columns + column; index < end; index++) {
		if (grid.chars[index] !== ' ' || grid.styles[index] !== 0) return false;
	}

	return true;
}

/** The shortest sequence that moves the cursor from (fromRow, fromColumn), if known, to (row, column); 0-based. */
export function cursorMove(
	fromRow: number | undefined,
	fromColumn: number | undefined,
	row: number,
	column: number,
): string {
	const absolute =
		row === 0 && column === 0
			? '\u001B[H'
			: column === 0
				? `\u001B[${row + 1}H`
				: `\u001B[${row + 1};${column + 1}H`;
	if (fromRow === undefined || fromColumn === undefined) return absolute;
	const candidates = [absolute];
	if (fromRow === row) {
		candidates.push(horizontal(fromColumn, column));
	} else {
		const vertical =
			row > fromRow
				? `\u001B[${row - fromRow === 1 ? '' : row - fromRow}B`
				: `\u001B[${fromRow - row === 1 ? '' : fromRow - row}A`;
		candidates.push(vertical + horizontal(fromColumn, column));
		if (row === fromRow + 1) candidates.push('\r\n' + horizontal(0, column));
	}

	return candidates.reduce((best, candidate) => (candidate.length < best.length ? candidate : best));
}

function horizontal(from: number, to: number): string {
	if (from === to) return '';
	const candidates = [`\u001B[${to + 1}G`];
	if (to > from) candidates.push(`\u001B[${to - from === 1 ? '' : to - from}C`);
	else candidates.push(`\u001B[${from - to === 1 ? '' : from - to}D`);
	if (to === 0) candidates.push('\r');
	else candidates.push(`\r\u001B[${to === 1 ? '' : to}C`);
	return candidates.reduce((best, candidate) => (candidate.length < best.length ? candidate : best));
}

function byteLength(text: string): number {
	return /^[\u0000-\u007F]*$/.test(text) ? text.length : Buffer.byteLength(text);
}
