import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {
	createRowOverlay,
	drawOverlay,
	type OverlayCellCache,
	type OverlayRegion,
	type RowOverlay,
} from '../../src/output/row-overlay.js';
import {gridText} from '../../src/output/screen-grid.js';
import {createScreenModel, feedScreen} from '../../src/output/screen-model.js';
import {terminalWriter} from '../../src/output/terminal-writer.js';
import {toAscii} from '../../src/view/ascii.js';

const ESC = '\u001B';
const same = (text: string) => text;
const lines = (text: string) => text.split('\n').map(line => line.trimEnd());

describe('drawOverlay', () => {
	it("draws each line into its region, padded with blanks, over what Ink drew, and leaves Ink's cursor alone", () => {
		const model = createScreenModel(12, 4);
		feedScreen(model, `head\r\nxxxxxxxxxxxx\r\nxxxxxxxxxxxx\r\nfoot${ESC}[31m`, () => {});
		const before = {row: model.row, column: model.column, style: model.style};
		drawOverlay(
			model,
			{top: 1, left: 0, width: 12, height: 2},
			[`${ESC}[32mok${ESC}[39m row`, 'two'],
			new Map(),
			same,
		);
		expect(lines(gridText(model.grid))).toEqual(['head', 'ok row', 'two', 'foot']);
		expect({row: model.row, column: model.column, style: model.style}).toEqual(before);
		// The style came through: the first cell is green, the blank after the text is not.
		expect(model.table.styles[model.grid.styles[12]!]).not.toEqual(model.table.styles[0]);
		expect(model.grid.styles[12 + 8]).toBe(0);
	});

	it('blanks a region row with no line, and a line wider than the region, rather than wrapping it', () => {
		const model = createScreenModel(10, 3);
		feedScreen(model, 'aaaaaaaaaa\r\nbbbbbbbbbb\r\ncccccccccc', () => {});
		drawOverlay(model, {top: 0, left: 0, width: 10, height: 3}, ['fits', 'far too wide for ten'], new Map(), same);
		expect(lines(gridText(model.grid))).toEqual(['fits', '', '']);
	});

	it('draws nothing for a region wider than the screen (a layout from before a resize), and nothing below it', () => {
		const model = createScreenModel(8, 2);
		feedScreen(model, 'ink one\r\nink two', () => {});
		drawOverlay(model, {top: 0, left: 0, width: 12, height: 2}, ['row', 'row'], new Map(), same);
		expect(lines(gridText(model.grid))).toEqual(['ink one', 'ink two']);
		drawOverlay(model, {top: 1, left: 0, width: 8, height: 5}, ['row', 'row', 'row'], new Map(), same);
		expect(lines(gridText(model.grid))).toEqual(['ink one', 'row']);
	});

	it('parses a line once while it is shown, and forgets lines no longer shown', () => {
		const model = createScreenModel(10, 2);
		const region = {top: 0, left: 0, width: 10, height: 2};
		const first: OverlayCellCache = drawOverlay(model, region, ['one', 'two'], new Map(), same);
		const second = drawOverlay(model, region, ['one', 'three'], first, same);
		expect(second.get('one')).toBe(first.get('one'));
		expect([...second.keys()]).toEqual(['one', 'three']);
	});

	it('applies the ASCII fallback and keeps wide glyphs whole', () => {
		const model = createScreenModel(10, 1);
		drawOverlay(model, {top: 0, left: 0, width: 10, height: 1}, ['● 日本'], new Map(), toAscii);
		expect(lines(gridText(model.grid))).toEqual([toAscii('● 日本')]);
		expect(model.grid.chars[0]).not.toBe('●');
		expect(model.grid.chars.slice(2, 6)).toEqual(['日', '', '本', '']);
	});
});

/** What the table does each render and commit: stages its rows (plain text here) and reports the commit. */
function show(overlay: RowOverlay, region: OverlayRegion, texts: string[]) {
	overlay.stage(
		() => region,
		texts.map(text => ({key: text, text: () => text})),
	);
	overlay.committed();
}

describe('the terminal writer with a row overlay', () => {
	function setup(columns: number, rows: number) {
		const target = Object.assign(new PassThrough(), {columns, rows});
		const writes: string[] = [];
		target.on('data', chunk => writes.push(String(chunk)));
		const overlay = createRowOverlay();
		const writer = terminalWriter(target, {synchronizedOutput: false, overlay});
		const screen = () => {
			const model = createScreenModel(columns, rows);
			feedScreen(model, writes.join(''), () => {});
			return lines(gridText(model.grid));
		};

		return {writer, overlay, screen};
	}

	const turn = () => new Promise(resolve => setImmediate(resolve));

	it("draws the rows over each of Ink's frames, and on their own when only they change", async () => {
		const {writer, overlay, screen} = setup(16, 4);
		writer.stream.write(`${ESC}[?1049h${ESC}[H${ESC}[Jtitle\r\n\r\n\r\nfooter`);
		show(overlay, {top: 1, left: 0, width: 16, height: 2}, ['row one', 'row two']);
		await turn();
		expect(screen()).toEqual(['title', 'row one', 'row two', 'footer']);

		// Ink draws its next frame (blanks where the rows go): the rows stay.
		writer.stream.write(`${ESC}[H${ESC}[Jtitle 2\r\n\r\n\r\nfooter`);
		await turn();
		expect(screen()).toEqual(['title 2', 'row one', 'row two', 'footer']);

		// Only a row changed: Ink writes nothing, the commit is reported and the writer sends the row.
		show(overlay, {top: 1, left: 0, width: 16, height: 2}, ['row one', 'row 2 changed']);
		await turn();
		expect(screen()).toEqual(['title 2', 'row one', 'row 2 changed', 'footer']);

		// The table is gone (help took its place): Ink's frame shows alone.
		overlay.clear();
		writer.stream.write(`${ESC}[H${ESC}[Jhelp\r\n text\r\n\r\nfooter`);
		await turn();
		expect(screen()).toEqual(['help', ' text', '', 'footer']);
		writer.dispose();
	});

	it('draws nothing outside the alternate screen', async () => {
		const {writer, overlay, screen} = setup(16, 3);
		writer.stream.write('plain output\r\n');
		show(overlay, {top: 0, left: 0, width: 16, height: 1}, ['a row']);
		await turn();
		expect(screen()).toEqual(['plain output', '', '']);
		writer.dispose();
	});
});

describe('createRowOverlay', () => {
	it('styles a row once for a width while it stays the same, and again for a new width', () => {
		const overlay = createRowOverlay();
		const widths: number[] = [];
		const line = {key: 'row', text: (width: number) => (widths.push(width), `row at ${width}`)};
		let region = {top: 0, left: 0, width: 20, height: 1};
		overlay.stage(() => region, [line]);
		expect(overlay.current().lines).toEqual(['row at 20']);
		expect(overlay.current().lines).toEqual(['row at 20']);
		region = {...region, width: 30};
		expect(overlay.current().lines).toEqual(['row at 30']);
		expect(widths).toEqual([20, 30]);
		overlay.clear();
		expect(overlay.current()).toEqual({region: undefined, lines: []});
	});
});
