import {describe, expect, it} from 'vitest';
import {cursorMove, diffScreen, type TerminalState, unknownTerminal} from '../../src/output/screen-diff.js';
import {copyGrid, type Grid, gridText} from '../../src/output/screen-grid.js';
import {createScreenModel, feedScreen} from '../../src/output/screen-model.js';
import {createStyleTable, type StyleTable} from '../../src/output/sgr.js';

const ESC = '\u001B';

/** A screen drawn from terminal text (cursor home first), in a shared style table. */
function screen(table: StyleTable, columns: number, rows: number, text: string): Grid {
	const model = createScreenModel(columns, rows, table);
	feedScreen(model, text, () => {});
	return model.grid;
}

/** A terminal that shows `grid`, cursor at the bottom right, style unknown as after another program. */
function showing(grid: Grid, style?: number): TerminalState {
	return {grid: copyGrid(grid), row: undefined, column: undefined, style};
}

const SGR_PAIR = new RegExp(`${ESC}\\[[\\d;]*m${ESC}\\[[\\d;]*m`);

describe('diffScreen: cells in, bytes out', () => {
	it('a full repaint when the terminal is unknown: reset, clear, then only the cells that are not blank', () => {
		const table = createStyleTable();
		const target = screen(table, 10, 3, `title\r\n\r\n  ${ESC}[31mred${ESC}[39m`);
		const terminal = unknownTerminal();
		const diff = diffScreen(terminal, target, table);
		expect(diff.repaint).toBe(true);
		expect(diff.text).toBe(`${ESC}[m${ESC}[H${ESC}[2Jtitle${ESC}[3;3H${ESC}[31mred`);
		expect(gridText(terminal.grid!)).toBe(gridText(target));
	});

	it('one changed cell: one move and the glyph', () => {
		const table = createStyleTable();
		const before = screen(table, 20, 4, 'row 0\r\nrow 1\r\nheartbeat 9s');
		const after = screen(table, 20, 4, 'row 0\r\nrow 1\r\nheartbeat 8s');
		const diff = diffScreen(showing(before, 0), after, table);
		expect(diff.text).toBe(`${ESC}[3;11H8`);
		expect(diff).toMatchObject({repaint: false, changedCells: 1, changedBytes: 1});
	});

	it('a changed style alone: the move, the shortest SGR, the same glyph', () => {
		const table = createStyleTable();
		const before = screen(table, 10, 2, 'ab');
		const after = screen(table, 10, 2, `a${ESC}[1mb${ESC}[22m`);
		const terminal = showing(before, 0);
		expect(diffScreen(terminal, after, table).text).toBe(`${ESC}[1;2H${ESC}[1mb`);
		// And back: a reset, shorter here than dropping bold alone (22).
		expect(diffScreen(terminal, before, table).text).toBe(`${ESC}[D${ESC}[mb`);
		const dim = screen(table, 10, 2, `${ESC}[2;31mab`);
		const dimBold = screen(table, 10, 2, `${ESC}[2;31ma${ESC}[1mb`);
		const shown = showing(dim, dim.styles[0]);
		// Only what differs: bold on, then bold off while dim and red stay (22 drops both, so dim is set again).
		expect(diffScreen(shown, dimBold, table).text).toBe(`${ESC}[1;2H${ESC}[1mb`);
		expect(diffScreen(shown, dim, table).text).toBe(`${ESC}[D${ESC}[22;2mb`);
	});

	it('a line that shrinks is erased to its end (EL), in the default style', () => {
		const table = createStyleTable();
		const before = screen(table, 20, 2, 'hello world\r\nnext');
		const after = screen(table, 20, 2, 'hello\r\nnext');
		const diff = diffScreen(showing(before, 0), after, table);
		expect(diff.text).toBe(`${ESC}[1;7H${ESC}[K`);
		// Five cells ("world") went blank, but three bytes erase them: the floor counts what erasing costs.
		expect(diff).toMatchObject({changedCells: 5, changedBytes: 3});
		// With a style still set, it is reset before the erase (EL paints with the current background).
		expect(diffScreen(showing(before, undefined), after, table).text).toBe(`${ESC}[1;7H${ESC}[m${ESC}[K`);
	});

	it('rewrites a short run of unchanged cells instead of moving over it, and never sends two SGR codes back to back', () => {
		const table = createStyleTable();
		const before = screen(table, 20, 1, `${ESC}[32m12s${ESC}[39m 3s`);
		const after = screen(table, 20, 1, `${ESC}[32m13s${ESC}[39m 4s`);
		const terminal = showing(before, 0);
		const text = diffScreen(terminal, after, table).text;
		// '3', then "s " rewritten (shorter than ESC[2C), then '4'.
		expect(text).toBe(`${ESC}[1;2H${ESC}[32m3s${ESC}[m 4`);
		expect(text).not.toMatch(SGR_PAIR);
	});

	it('moves by the shortest sequence', () => {
		expect(cursorMove(undefined, undefined, 0, 0)).toBe(`${ESC}[H`);
		expect(cursorMove(undefined, undefined, 4, 0)).toBe(`${ESC}[5H`);
		expect(cursorMove(2, 3, 2, 10)).toBe(`${ESC}[7C`);
		expect(cursorMove(2, 30, 3, 0)).toBe('\r\n');
		expect(cursorMove(2, 30, 2, 0)).toBe('\r');
		expect(cursorMove(2, 7, 9, 7)).toBe(`${ESC}[7B`);
		expect(cursorMove(20, 70, 2, 5)).toBe(`${ESC}[3;6H`);
	});

	it('draws a wide glyph from its first cell, and a narrow one over it blanks the other half', () => {
		const table = createStyleTable();
		const before = screen(table, 10, 1, 'a名b');
		const after = screen(table, 10, 1, 'axyb');
		const terminal = showing(before, 0);
		const text = diffScreen(terminal, after, table).text;
		expect(text).toBe(`${ESC}[1;2Hxy`);
		expect(diffScreen(terminal, before, table).text).toBe(`${ESC}[2G名`);
	});

	it('any frames, any order: the bytes turn what the terminal showed into the target, cell for cell and style for style', () => {
		const table = createStyleTable();
		let seed = 7;
		const random = (n: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return seed % n;
		};

		const styles = ['', `${ESC}[1m`, `${ESC}[31m`, `${ESC}[2;33m`, `${ESC}[7m`, `${ESC}[38;5;208m`, `${ESC}[4;44m`];
		// Rows kept from the last frame more often than not, so most diffs are small, as a steady view's are.
		let lines: string[] = Array.from({length: 6}, () => '');
		const frame = () => {
			lines = lines.map(line => (random(10) < 6 ? line : randomLine()));
			return screen(table, 24, 6, lines.join('\r\n') + `${ESC}[0m`);
		};

		const randomLine = () => {
			let text = '';
			let width = 0;
			const length = random(25);
			while (width < length) {
				text += `${ESC}[0m${styles[random(styles.length)]!}`;
				const glyph = ['a', 'b', ' ', '·', '名', 'x'][random(6)]!;
				const cells = glyph === '名' ? 2 : 1;
				if (width + cells > 24) break;
				text += glyph;
				width += cells;
			}

			return text;
		};

		const terminal = unknownTerminal();
		// One emulated terminal throughout: its cursor and style carry from one write to the next.
		const model = createScreenModel(24, 6, table);
		feedScreen(model, 'stale text', () => {});
		for (let step = 0; step < 300; step++) {
			const target = frame();
			const diff = diffScreen(terminal, target, table);
			feedScreen(model, diff.text, () => {});
			expect(gridText(model.grid)).toBe(gridText(target));
			expect([...model.grid.styles]).toEqual([...target.styles]);
			expect(diff.text).not.toMatch(SGR_PAIR);
		}
	});
});
