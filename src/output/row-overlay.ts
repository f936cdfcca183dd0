/**
 * Table rows drawn straight into the terminal writer's model of the screen, beside Ink rather than through it.
 *
 * Ink redraws every frame whole: each row's text nodes are reconciled, laid out, squashed into styled text,
 * tokenized into a grid of cells and written as a string, which the terminal writer (terminal-writer.ts) parses back
 * into its model to find the cells that changed. For the table, most of the screen, that was most of the live view's
 * idle CPU. With an overlay the table lays out an empty box where its rows go (Ink draws blanks there, cheaply) and
 * hands the overlay its rows and where the box is; the writer draws them, styled (SGR), over each of Ink's frames
 * (drawOverlay: each distinct line parsed once, then its cells copied), and after each commit, so a change of rows
 * alone is drawn too. What reaches the terminal is still only the cells that changed.
 */
import {createScreenModel, feedScreen, type ScreenModel} from './screen-model.js';

/** Where the rows go, in cells from the top left of the screen (0-based). */
export type OverlayRegion = {top: number; left: number; width: number; height: number};

/** A row to draw: `text` styles it (SGR) for a width in cells; `key` names that text (the same key, the same text). */
export type OverlayLine = {key: string; text: (width: number) => string};

export type RowOverlay = {
	/**
	 * The rows of the frame being rendered, and where they go: `region` is read when they are drawn, after Ink laid
	 * the frame out (undefined: nothing to draw). The table stages them while it renders, so that Ink's frame of the
	 * same render, written during React's commit, is drawn over with its own rows.
	 */
	stage: (region: () => OverlayRegion | undefined, lines: readonly OverlayLine[]) => void;
	/** A frame was committed: tells the writer, which draws the rows even if Ink's output did not change. */
	committed: () => void;
	/** Nothing more to draw (the table is gone). Tells the writer. */
	clear: () => void;
	/** What to draw now: the region and each row's text for its width (remembered while the row stays the same). */
	current: () => {region: OverlayRegion | undefined; lines: readonly string[]};
	/** The writer's: called on `committed` and `clear`. */
	onChange: (listener: () => void) => void;
};

/** An overlay with nothing to draw yet. */
export function createRowOverlay(): RowOverlay {
	let region: () => OverlayRegion | undefined = () => undefined;
	let lines: readonly OverlayLine[] = [];
	let texts = new Map<string, string>();
	let listener = () => {};
	return {
		stage(nextRegion, nextLines) {
			region = nextRegion;
			lines = nextLines;
		},
		committed: () => listener(),
		clear() {
			region = () => undefined;
			lines = [];
			listener();
		},
		current() {
			const at = region();
			if (at === undefined) return {region: at, lines: []};
			const next = new Map<string, string>();
			const shown = lines.map(line => {
				const key = `${at.width}\u0000${line.key}`;
				const text = texts.get(key) ?? next.get(key) ?? line.text(at.width);
				next.set(key, text);
				return text;
			});
			texts = next;
			return {region: at, lines: shown};
		},
		onChange(next) {
			listener = next;
		},
	};
}

/** A line's cells, as the model holds them: graphemes ('' after a wide one) and style ids of the model's table. */
type LineCells = {chars: string[]; styles: Int32Array};

/** Lines parsed into cells, by their text: kept from one drawing to the next for the lines still shown. */
export type OverlayCellCache = Map<string, LineCells>;

/**
 * Draws `lines` into `region` of `model`'s grid, each padded with blanks to the region's width, and returns the cache
 * for the next drawing (only the lines drawn now). A line is `transform`ed (the ASCII fallback) and parsed once, in a
 * scratch model sharing `model`'s style table, and copied after that. Nothing is drawn outside the grid: a region
 * wider than the screen (a layout from before a resize) draws nothing, rows below the screen are left out, and a line
 * wider than the region is drawn as blanks (it was styled for a wider layout; the table's next lines follow at once).
 * The model's cursor and style are not touched.
 */
export function drawOverlay(
	model: ScreenModel,
	region: OverlayRegion | undefined,
	lines: readonly string[],
	cache: OverlayCellCache,
	transform: (text: string) => string,
): OverlayCellCache {
	const {grid} = model;
	const next: OverlayCellCache = new Map();
	if (region === undefined || region.width <= 0 || region.left + region.width > grid.columns) return next;
	for (let index = 0; index < region.height && region.top + index < grid.rows; index++) {
		const text = lines[index] ?? '';
		let cells = cache.get(text) ?? next.get(text);
		if (cells === undefined) cells = parseLine(model, text, transform, region.width);
		next.set(text, cells);
		const start = (region.top + index) * grid.columns + region.left;
		const shown = cells.chars.length <= region.width ? cells.chars.length : 0;
		// A wide glyph of Ink's left of the region loses its right half: blank it, as a terminal would.
		if (region.left > 0 && grid.chars[start] === '') {
			grid.chars[start - 1] = ' ';
			grid.styles[start - 1] = 0;
		}

		for (let column = 0; column < region.width; column++) {
			grid.chars[start + column] = column < shown ? cells.chars[column]! : ' ';
			grid.styles[start + column] = column < shown ? cells.styles[column]! : 0;
		}

		// And one right of it, whose left half was just overwritten.
		const after = start + region.width;
		if (region.left + region.width < grid.columns && grid.chars[after] === '') {
			grid.chars[after] = ' ';
			grid.styles[after] = 0;
		}
	}

	return next;
}

/**
 * `text` as cells, parsed in a scratch model one column wider than `width` and two rows high: a line wider than `width`
 * ends past it or on the second row, and comes back with more than `width` cells (never drawn).
 */
function parseLine(model: ScreenModel, text: string, transform: (text: string) => string, width: number): LineCells {
	const scratch = createScreenModel(width + 1, 2, model.table);
	feedScreen(scratch, `${transform(text)}\u001B[m`, () => {});
	const cells = scratch.row > 0 || scratch.pendingWrap ? width + 1 : scratch.column;
	return {chars: scratch.grid.chars.slice(0, cells), styles: scratch.grid.styles.slice(0, cells)};
}
