/**
 * A terminal screen as cells: one grapheme and one style id (src/output/sgr.ts)
 * per cell, row by row. A wide glyph (CJK, emoji) fills its cell and the next,
 * which holds '' (a continuation). A blank cell is ' ' in the default style 0.
 */
export type Grid = {
	readonly columns: number;
	readonly rows: number;
	/** columns × rows graphemes, row-major: index = row × columns + column. */
	readonly chars: string[];
	/** The style id of each cell, same indexing. */
	readonly styles: Int32Array;
};

/** A blank screen of `columns` × `rows` cells (each at least 1). */
export function blankGrid(columns: number, rows: number): Grid {
	const width = Math.max(1, columns);
	const height = Math.max(1, rows);
	return {
		columns: width,
		rows: height,
		// fill, not Array.from with a callback: the overlay makes a small grid for each new row text (row-overlay.ts).
		chars: new Array<string>(width * height).fill(' '),
		styles: new Int32Array(width * height),
	};
}

/** A copy of `grid`. */
export function copyGrid(grid: Grid): Grid {
	return {columns: grid.columns, rows: grid.rows, chars: [...grid.chars], styles: grid.styles.slice()};
}

/**
 * `grid` cut or padded with blanks to `columns` × `rows`, keeping its top-left corner; a wide glyph cut in half becomes
 * a blank.
 */
export function resizeGrid(grid: Grid, columns: number, rows: number): Grid {
	const next = blankGrid(columns, rows);
	for (let row = 0; row < Math.min(grid.rows, next.rows); row++) {
		for (let column = 0; column < Math.min(grid.columns, next.columns); column++) {
			next.chars[row * next.columns + column] = grid.chars[row * grid.columns + column]!;
			next.styles[row * next.columns + column] = grid.styles[row * grid.columns + column]!;
		}

		const last = row * next.columns + next.columns - 1;
		if (next.columns < grid.columns && grid.chars[row * grid.columns + next.columns] === '') {
			next.chars[last] = ' ';
			next.styles[last] = 0;
		}
	}

	return next;
}

/** The screen as plain text, a line a row, trailing blanks kept (for tests). */
export function gridText(grid: Grid): string {
	const lines: string[] = [];
	for (let row = 0; row < grid.rows; row++)
		lines.push(grid.chars.slice(row * grid.columns, (row + 1) * grid.columns).join(''));
	return lines.join('\n');
}
