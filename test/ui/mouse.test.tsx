/**
 * `--mouse` against the frame the live view really draws (ink-testing-library, a demo server), at
 * 80x24, 60x20 and 120x40: a click on any line of the table, scrolled or not, selects the row drawn
 * on that line; a click on the table's title or the event log selects nothing; two presses within
 * the double-click time open the row; the wheel moves the selection. Reports are handed to the
 * view as the input filter hands them, with their time on its clock.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {createMouseFeed} from '../../src/ui/hooks/use-mouse.js';
import {DOUBLE_CLICK_MS} from '../../src/view/mouse-gesture.js';
import type {MouseReport} from '../../src/view/mouse-report.js';
import {demoAppHarness, KEYS, type RenderedApp} from '../helpers/app.js';

const harness = demoAppHarness({seed: 4, size: 60, churnPerMinute: 0});
afterEach(() => harness.stop());

const press = (row: number, code = 0): MouseReport => ({encoding: 'sgr', code, column: 20, row, release: false});
/** The frame's line indices (0 at the top, so screen row index + 1) that hold table rows. */
const rowLines = (ui: RenderedApp) =>
	ui
		.lines()
		.map((line, index) => (/^[› ].[●◐○✕] /.test(line) ? index : -1))
		.filter(index => index >= 0);
const selectedIndex = (ui: RenderedApp) => ui.lines().findIndex(line => line.startsWith('› '));

for (const [columns, rows] of [
	[80, 24],
	[60, 20],
	[120, 40],
] as const) {
	describe(`mouse at ${columns}x${rows}`, () => {
		it('a click selects the row drawn on its line, also scrolled; the title and the log select nothing; a double-click opens; the wheel moves', async () => {
			const mouse = createMouseFeed();
			const {app: ui} = await harness.start({}, {size: {columns, rows}, mouse});
			let at = 0;
			const click = (row: number) => {
				at += 1000;
				mouse.emit(press(row), at);
			};

			// Scrolled past the first window: the table's offset is no longer 0.
			const top = rowLines(ui)[0]!;
			const firstRow = ui.lines()[top];
			await ui.press(KEYS.pageDown, () => selectedIndex(ui) > top, 'PgDn');
			await ui.press(KEYS.pageDown, () => ui.lines()[top] !== firstRow, 'PgDn to scroll the table');
			const lines = rowLines(ui);
			expect(lines.length).toBeGreaterThan(5);
			for (const line of [lines[0]!, lines.at(-1)!, lines[2]!]) {
				const drawn = ui.lines()[line]!.slice(2);
				click(line + 1);
				await ui.waitForText(() => selectedIndex(ui) === line, `a click on line ${line}`);
				// The row drawn there, not another one that moved into its line.
				expect(ui.lines()[line]!.slice(2)).toBe(drawn);
			}

			// The table's title line, and the event log's first line: nothing, so j goes on from the third row.
			click(lines[0]!);
			click(lines.at(-1)! + 3);
			await ui.press('j', () => selectedIndex(ui) !== lines[2], 'j after the clicks');
			expect(selectedIndex(ui)).toBe(lines[3]);

			// Two presses on one row within the double-click time open it.
			const target = lines[1]!;
			mouse.emit(press(target + 1), at + 10_000);
			mouse.emit(press(target + 1), at + 10_000 + DOUBLE_CLICK_MS);
			await ui.waitForText(text => text.includes('Esc back'), 'the detail pane');
			await ui.press(KEYS.escape, text => !text.includes('Esc back'), 'the table again');
			expect(selectedIndex(ui)).toBe(target);

			// The wheel: down a notch moves 3 rows.
			mouse.emit(press(1, 65), at + 20_000);
			await ui.waitForText(() => selectedIndex(ui) === target + 3, 'the wheel to move 3 rows');
		});
	});
}
