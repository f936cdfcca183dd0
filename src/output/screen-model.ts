/**
 * What a terminal would show after the bytes Ink writes: a small emulator of
 * the sequences Ink draws with (text, CR/LF, cursor moves, CUP, erase in line
 * and display, SGR) that fills a grid (src/output/screen-grid.ts). Everything
 * else (modes such as the alternate screen or a hidden cursor, OSC, BEL) is
 * not drawing: it is handed back in order, to be passed on as it is.
 */
import {cellWidth, isNarrowText} from '../view/cell-width.js';
import {blankGrid, type Grid, resizeGrid} from './screen-grid.js';
import {applySgr, createStyleTable, internStyle, type StyleTable} from './sgr.js';

export type ScreenModel = {
	grid: Grid;
	row: number;
	column: number;
	/** The cursor sits past the last column: the next glyph goes to the start of the next line. */
	pendingWrap: boolean;
	/** The current style's id in `table`. */
	style: number;
	readonly table: StyleTable;
	/** The start of an escape sequence cut off at the end of the last chunk. */
	carry: string;
};

/** A blank screen of `columns` × `rows`, cursor at the top left, default style. */
export function createScreenModel(columns: number, rows: number, table: StyleTable = createStyleTable()): ScreenModel {
	return {grid: blankGrid(columns, rows), row: 0, column: 0, pendingWrap: false, style: 0, table, carry: ''};
}

/** Blanks the screen and homes the cursor, as entering the alternate screen does. */
export function clearScreenModel(model: ScreenModel): void {
	model.grid = blankGrid(model.grid.columns, model.grid.rows);
	model.row = 0;
	model.column = 0;
	model.pendingWrap = false;
	model.style = 0;
}

/** The screen cut or padded to a new size, the cursor kept inside it. */
export function resizeScreenModel(model: ScreenModel, columns: number, rows: number): void {
	model.grid = resizeGrid(model.grid, columns, rows);
	model.row = Math.min(model.row, model.grid.rows - 1);
	model.column = Math.min(model.column, model.grid.columns - 1);
	model.pendingWrap = false;
}

const graphemes = new Intl.Segmenter();
// Characters that may join others into one glyph (marks, joiners, Hangul jamo) or are astral (emoji, flags):
// text with none of them is one glyph a UTF-16 unit, and needs no segmenting.
const JOINING = /[\p{M}\u200C\u200D\u1100-\u11FF\u{10000}-\u{10FFFF}]/u;
// Text between control characters and escapes.
const TEXT = /[^\u0000-\u001F\u007F]+/y;

/**
 * Applies `text` to the screen. Sequences that do not draw are handed to
 * `other` in the order they came, each whole (`ESC [ ? 1049 h`, an OSC, BEL).
 * An escape cut off at the end of `text` waits for the next call.
 */
export function feedScreen(model: ScreenModel, text: string, other: (sequence: string) => void): void {
	const input = model.carry + text;
	model.carry = '';
	let index = 0;
	while (index < input.length) {
		const code = input.charCodeAt(index);
		if (code === 0x1b) {
			const end = escapeEnd(input, index);
			if (end === undefined) {
				model.carry = input.slice(index);
				return;
			}

			const sequence = input.slice(index, end);
			if (sequence[1] === '[' && !applyCsi(model, sequence)) other(sequence);
			else if (sequence[1] !== '[') other(sequence);
			index = end;
		} else if (code < 0x20 || code === 0x7f) {
			applyControl(model, code, other);
			index++;
		} else {
			TEXT.lastIndex = index;
			const match = TEXT.exec(input)!;
			writeText(model, match[0]);
			index += match[0].length;
		}
	}
}

/** Where the escape sequence starting at `start` ends (exclusive), or undefined if `input` ends first. */
function escapeEnd(input: string, start: number): number | undefined {
	const kind = input[start + 1];
	if (kind === undefined) return undefined;
	if (kind === '[') {
		for (let index = start + 2; index < input.length; index++) {
			const code = input.charCodeAt(index);
			if (code >= 0x40 && code <= 0x7e) return index + 1;
		}

		return undefined;
	}

	if (kind === ']' || kind === 'P' || kind === '_' || kind === '^' || kind === 'X') {
		// A string ended by BEL or ST (ESC \).
		for (let index = start + 2; index < input.length; index++) {
			if (input[index] === '\u0007') return index + 1;
			if (input[index] === '\u001B' && index + 1 < input.length) {
				if (input[index + 1] === '\\') return index + 2;
			} else if (input[index] === '\u001B') {
				return undefined;
			}
		}

		return undefined;
	}

	// ESC and one character (ESC 7, ESC c…), after any intermediates.
	let index = start + 1;
	while (index < input.length && input.charCodeAt(index) >= 0x20 && input.charCodeAt(index) <= 0x2f) index++;
	return index < input.length ? index + 1 : undefined;
}

function applyControl(model: ScreenModel, code: number, other: (sequence: string) => void): void {
	const {grid} = model;
	if (code === 0x0d) {
		model.column = 0;
		model.pendingWrap = false;
	} else if (code === 0x0a) {
		// The tty turns LF into CR LF (ONLCR, which raw mode keeps).
		model.column = 0;
		model.pendingWrap = false;
		lineFeed(model);
	} else if (code === 0x08) {
		model.column = Math.max(0, model.column - (model.pendingWrap ? 0 : 1));
		model.pendingWrap = false;
	} else if (code === 0x09) {
		model.column = Math.min(grid.columns - 1, (Math.floor(model.column / 8) + 1) * 8);
	} else if (code === 0x07) {
		other('\u0007');
	}
}

function lineFeed(model: ScreenModel): void {
	const {grid} = model;
	if (model.row < grid.rows - 1) {
		model.row++;
		return;
	}

	// At the bottom a line feed scrolls the screen up.
	grid.chars.copyWithin(0, grid.columns);
	grid.styles.copyWithin(0, grid.columns);
	eraseCells(grid, (grid.rows - 1) * grid.columns, grid.rows * grid.columns);
}

function eraseCells(grid: Grid, from: number, to: number): void {
	for (let index = from; index < to; index++) {
		grid.chars[index] = ' ';
		grid.styles[index] = 0;
	}

	// A wide glyph whose other half was erased is blank too.
	if (from > 0 && grid.chars[from] !== '' && from % grid.columns !== 0 && isLeadOfWide(grid, from - 1)) {
		grid.chars[from - 1] = ' ';
		grid.styles[from - 1] = 0;
	}

	if (to < grid.chars.length && grid.chars[to] === '' && to % grid.columns !== 0) {
		grid.chars[to] = ' ';
		grid.styles[to] = 0;
	}
}

function isLeadOfWide(grid: Grid, index: number): boolean {
	return grid.chars[index + 1] === '' && grid.chars[index] !== '';
}

function writeText(model: ScreenModel, text: string): void {
	// Characters that are one cell and stand alone (ASCII, the symbols the view draws), the bulk of a frame.
	if (isNarrowText(text)) {
		// By index (each is one UTF-16 unit here), not for…of: docs/performance.md, "Loops run once a poll".
		for (let index = 0; index < text.length; index++) putGlyph(model, text[index]!, 1);
		return;
	}

	const simple = !JOINING.test(text);
	for (const segment of simple ? text : segmentsOf(text)) {
		const width = cellWidth(segment);

		if (width === 0) {
			// A combining mark joins the glyph before it.
			const index = model.row * model.grid.columns + Math.max(0, model.column - (model.pendingWrap ? 0 : 1));
			if (model.grid.chars[index] !== '') model.grid.chars[index] += segment;
			continue;
		}

		putGlyph(model, segment, Math.min(width, 2));
	}
}

function* segmentsOf(text: string): Generator<string> {
	for (const {segment} of graphemes.segment(text)) yield segment;
}

function putGlyph(model: ScreenModel, glyph: string, width: number): void {
	const {grid} = model;
	if (model.pendingWrap || model.column + width > grid.columns) {
		model.column = 0;
		model.pendingWrap = false;
		lineFeed(model);
	}

	const index = model.row * grid.columns + model.column;
	// Overwriting half of a wide glyph blanks its other half.
	if (grid.chars[index] === '' && model.column > 0) {
		grid.chars[index - 1] = ' ';
		grid.styles[index - 1] = 0;
	}

	const after = index + width;
	if (model.column + width < grid.columns && grid.chars[after] === '') {
		grid.chars[after] = ' ';
		grid.styles[after] = 0;
	}

	grid.chars[index] = glyph;
	grid.styles[index] = model.style;
	if (width === 2) {
		grid.chars[index + 1] = '';
		grid.styles[index + 1] = model.style;
	}

	model.column += width;
	if (model.column >= grid.columns) {
		model.column = grid.columns - 1;
		model.pendingWrap = true;
	}
}

// Per style table: the style id that a style id and an SGR body lead to.
const sgrResults = new WeakMap<StyleTable, Map<string, number>>();

/** Applies a CSI sequence that draws or moves; false for one that does not (a mode, a query), to be passed on. */
function applyCsi(model: ScreenModel, sequence: string): boolean {
	const final = sequence.charAt(sequence.length - 1);
	const body = sequence.slice(2, -1);
	if (final === 'm') {
		// A frame repeats the same few style changes: each is worked out once.
		const key = `${model.style}|${body}`;
		let results = sgrResults.get(model.table);
		let next = results?.get(key);
		if (next === undefined) {
			if (/[^0-9;:]/.test(body)) return false;
			next = internStyle(model.table, applySgr(model.table.styles[model.style]!, body));
			results ??= new Map<string, number>();
			results.set(key, next);
			sgrResults.set(model.table, results);
		}

		model.style = next;
		return true;
	}

	if (/[^0-9;:]/.test(body)) return false;
	const {grid} = model;
	const numbers = body.split(';').map(value => Number(value) || 0);
	const count = Math.max(1, numbers[0] ?? 0);
	const moveTo = (row: number, column: number) => {
		model.row = Math.max(0, Math.min(grid.rows - 1, row));
		model.column = Math.max(0, Math.min(grid.columns - 1, column));
		model.pendingWrap = false;
	};

	switch (final) {
		case 'A': {
			moveTo(model.row - count, model.column);
			return true;
		}

		case 'B': {
			moveTo(model.row + count, model.column);
			return true;
		}

		case 'C': {
			moveTo(model.row, model.column + count);
			return true;
		}

		case 'D': {
			moveTo(model.row, model.column - count);
			return true;
		}

		case 'E': {
			moveTo(model.row + count, 0);
			return true;
		}

		case 'F': {
			moveTo(model.row - count, 0);
			return true;
		}

		case 'G': {
			moveTo(model.row, count - 1);
			return true;
		}

		case 'd': {
			moveTo(count - 1, model.column);
			return true;
		}

		case 'H':
		case 'f': {
			moveTo(Math.max(1, numbers[0] ?? 1) - 1, Math.max(1, numbers[1] ?? 1) - 1);
			return true;
		}

		case 'J': {
			const here = model.row * grid.columns + model.column;
			const mode = numbers[0] ?? 0;
			if (mode === 0) eraseCells(grid, here, grid.chars.length);
			else if (mode === 1) eraseCells(grid, 0, here + 1);
			else eraseCells(grid, 0, grid.chars.length);
			return true;
		}

		case 'K': {
			const start = model.row * grid.columns;
			const here = start + model.column;
			const mode = numbers[0] ?? 0;
			if (mode === 0) eraseCells(grid, here, start + grid.columns);
			else if (mode === 1) eraseCells(grid, start, here + 1);
			else eraseCells(grid, start, start + grid.columns);
			return true;
		}

		default: {
			return false;
		}
	}
}
