/**
 * `--mouse`'s reading of reports, on plain data and fake time: which row a screen line is (also
 * scrolled, and past non-row lines such as a group's header), click, double-click within 400 ms,
 * the wheel, tab labels; and hostile bytes through the real input filter never throw and never
 * select a row that is not in view.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {createInputFilter} from '../../src/view/input-filter.js';
import {
	type ClickMemory,
	DOUBLE_CLICK_MS,
	type MouseCommand,
	type MouseScreen,
	readMouse,
	rowAtLine,
	tabAtColumn,
	type TableBody,
	WHEEL_LINES,
} from '../../src/view/mouse-gesture.js';
import type {MouseReport} from '../../src/view/mouse-report.js';

const ids = Array.from({length: 30}, (_, index) => `env-${index}`);
/** 30 rows, the body from screen row 5, 12 lines in view, scrolled by 4. */
const body: TableBody = {lines: ids, firstRow: 5, offset: 4, height: 12};
const table: MouseScreen = {focus: 'table', body};

const press = (column: number, row: number, code = 0): MouseReport => ({
	encoding: 'sgr',
	code,
	column,
	row,
	release: false,
});
const release = (column: number, row: number): MouseReport => ({...press(column, row), release: true});

/** Reads reports in order, each at its time (ms), from no memory: the commands. */
function readAll(screen: MouseScreen, reports: ReadonlyArray<readonly [MouseReport, number]>): MouseCommand[] {
	let memory: ClickMemory = null;
	const commands: MouseCommand[] = [];
	for (const [report, at] of reports) {
		const read = readMouse(memory, report, at, screen);
		memory = read.memory;
		if (read.command) commands.push(read.command);
	}

	return commands;
}

describe('rowAtLine', () => {
	it('reads the line under a screen row from the scroll offset, and nothing outside the lines in view', () => {
		expect(rowAtLine(body, 5)).toBe('env-4');
		expect(rowAtLine(body, 7)).toBe('env-6');
		expect(rowAtLine(body, 16)).toBe('env-15');
		expect(rowAtLine(body, 4)).toBeNull(); // the table's title line
		expect(rowAtLine(body, 17)).toBeNull(); // below the window: the event log
		expect(rowAtLine({...body, offset: 0}, 5)).toBe('env-0');
	});

	it('is nothing on a line past the last row, and nothing on a line that is no row (a group header)', () => {
		expect(rowAtLine({lines: ['a', 'b'], firstRow: 5, offset: 0, height: 12}, 7)).toBeNull();
		const grouped: TableBody = {lines: [null, 'a', 'b', null, 'c'], firstRow: 5, offset: 0, height: 12};
		expect(rowAtLine(grouped, 5)).toBeNull();
		expect(rowAtLine(grouped, 6)).toBe('a');
		expect(rowAtLine(grouped, 8)).toBeNull();
		expect(rowAtLine(grouped, 9)).toBe('c');
		expect(rowAtLine({...grouped, offset: 3}, 6)).toBe('c');
	});

	it('is nothing for a window that is not whole numbers', () => {
		expect(rowAtLine({...body, offset: Number.NaN}, 5)).toBeNull();
		expect(rowAtLine({...body, offset: -1}, 5)).toBeNull();
		expect(rowAtLine(body, 5.5)).toBeNull();
	});
});

describe('readMouse', () => {
	it('a click selects the row under it; its release does nothing', () => {
		expect(readAll(table, [[press(10, 7), 0]])).toEqual([{do: 'select', id: 'env-6'}]);
		expect(
			readAll(table, [
				[press(10, 7), 0],
				[release(10, 7), 80],
			]),
		).toEqual([{do: 'select', id: 'env-6'}]);
	});

	it(`two presses on one row within ${DOUBLE_CLICK_MS} ms open it; later, or on another row, they select`, () => {
		const double = readAll(table, [
			[press(10, 7), 1000],
			[release(10, 7), 1050],
			[press(30, 7), 1000 + DOUBLE_CLICK_MS],
		]);
		expect(double).toEqual([
			{do: 'select', id: 'env-6'},
			{do: 'open', id: 'env-6'},
		]);
		const slow = readAll(table, [
			[press(10, 7), 1000],
			[press(10, 7), 1001 + DOUBLE_CLICK_MS],
		]);
		expect(slow).toEqual([
			{do: 'select', id: 'env-6'},
			{do: 'select', id: 'env-6'},
		]);
		const elsewhere = readAll(table, [
			[press(10, 7), 1000],
			[press(10, 8), 1100],
			[press(10, 7), 1200],
		]);
		expect(elsewhere.map(command => command.do)).toEqual(['select', 'select', 'select']);
		// A press off the rows between forgets the first.
		const between = readAll(table, [
			[press(10, 7), 1000],
			[press(10, 2), 1100],
			[press(10, 7), 1200],
		]);
		expect(between.map(command => command.do)).toEqual(['select', 'select']);
	});

	it('a third quick press starts a new click rather than opening again; a clock set back opens nothing', () => {
		const triple = readAll(table, [
			[press(10, 7), 0],
			[press(10, 7), 100],
			[press(10, 7), 200],
		]);
		expect(triple.map(command => command.do)).toEqual(['select', 'open', 'select']);
		const back = readAll(table, [
			[press(10, 7), 1000],
			[press(10, 7), 900],
		]);
		expect(back.map(command => command.do)).toEqual(['select', 'select']);
	});

	it(`the wheel moves ${WHEEL_LINES} lines a notch wherever it is, and in every pane`, () => {
		const wheel = [
			[press(1, 1, 65), 0],
			[press(70, 22, 64), 10],
		] as const;
		const expected = [
			{do: 'scroll', by: WHEEL_LINES},
			{do: 'scroll', by: -WHEEL_LINES},
		];
		expect(readAll(table, wheel)).toEqual(expected);
		expect(readAll({focus: 'help'}, wheel)).toEqual(expected);
		expect(readAll({focus: 'log'}, wheel)).toEqual(expected);
		expect(readAll({focus: 'detail', tabsRow: 5}, wheel)).toEqual(expected);
		expect(readAll({focus: 'none'}, wheel)).toEqual([]);
		// With Ctrl (16) still the wheel; sideways (66, 67) nothing.
		expect(readAll(table, [[press(1, 1, 65 + 16), 0]])).toEqual([{do: 'scroll', by: WHEEL_LINES}]);
		expect(readAll(table, [[press(1, 1, 66), 0]])).toEqual([]);
	});

	it('a click on a detail tab label switches to it; elsewhere in the pane nothing', () => {
		const detail: MouseScreen = {focus: 'detail', tabsRow: 5};
		// " 1 overview  2 metadata  3 events  4 raw ": the labels side by side from column 1.
		expect(readAll(detail, [[press(2, 5), 0]])).toEqual([{do: 'tab', index: 0}]);
		expect(readAll(detail, [[press(15, 5), 0]])).toEqual([{do: 'tab', index: 1}]);
		expect(readAll(detail, [[press(30, 5), 0]])).toEqual([{do: 'tab', index: 2}]);
		expect(readAll(detail, [[press(38, 5), 0]])).toEqual([{do: 'tab', index: 3}]);
		expect(readAll(detail, [[press(45, 5), 0]])).toEqual([]);
		expect(readAll(detail, [[press(15, 6), 0]])).toEqual([]);
		expect(tabAtColumn(0)).toBeNull();
	});

	it('other buttons, motion, X10 and urxvt reports, and clicks in help or the log do nothing', () => {
		expect(readAll(table, [[press(10, 7, 1), 0]])).toEqual([]); // middle
		expect(readAll(table, [[press(10, 7, 2), 0]])).toEqual([]); // right
		expect(readAll(table, [[press(10, 7, 32), 0]])).toEqual([]); // drag
		expect(readAll(table, [[press(10, 7, 128), 0]])).toEqual([]); // button 8
		expect(readAll(table, [[{...press(10, 7), encoding: 'x10'}, 0]])).toEqual([]);
		expect(readAll(table, [[{...press(10, 7), encoding: 'urxvt'}, 0]])).toEqual([]);
		expect(readAll({focus: 'help'}, [[press(10, 7), 0]])).toEqual([]);
		expect(readAll({focus: 'log'}, [[press(10, 7), 0]])).toEqual([]);
	});
});

describe('hostile input', () => {
	const bytes = fc.oneof(
		fc.uint8Array({maxLength: 64}),
		// SGR reports, whole or cut, with any numbers: the shape a hostile or broken terminal varies.
		fc
			.tuple(
				fc.nat({max: 2 ** 31}),
				fc.integer({min: -5, max: 2_000_000}),
				fc.integer({min: -5, max: 2_000_000}),
				fc.constantFrom('M', 'm', ';', ''),
			)
			.map(([code, column, row, final]) => Buffer.from(`\u001B[<${code};${column};${row}${final}`)),
		fc.constantFrom(Buffer.from('\u001B[<0;1;5M'), Buffer.from('\u001B[<0;1;16M'), Buffer.from('\u001B[<65;1;1M')),
	);

	it('random report bytes never throw and never select or open a row outside the lines in view', () => {
		fc.assert(
			fc.property(
				fc.array(bytes, {maxLength: 12}),
				fc.nat({max: 40}),
				fc.nat({max: 20}),
				fc.array(fc.nat({max: 1000}), {maxLength: 12}),
				(chunks, rows, offset, gaps) => {
					const lines = ids.slice(0, rows);
					const screen: MouseScreen = {focus: 'table', body: {lines, firstRow: 5, offset, height: 12}};
					const inView = new Set(lines.slice(offset, offset + 12));
					const filter = createInputFilter();
					let memory: ClickMemory = null;
					let at = 0;
					for (const [index, chunk] of chunks.entries()) {
						at += gaps[index] ?? 0;
						for (const report of filter.push(chunk).reports) {
							const read = readMouse(memory, report, at, screen);
							memory = read.memory;
							const command = read.command;
							if (command?.do === 'select' || command?.do === 'open') {
								expect(inView.has(command.id)).toBe(true);
							}
						}
					}
				},
			),
			{numRuns: 500},
		);
	});
});
