import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {gridText} from '../../src/output/screen-grid.js';
import {createScreenModel, feedScreen} from '../../src/output/screen-model.js';
import {RESIZE_SETTLE_MS, terminalWriter} from '../../src/output/terminal-writer.js';
import {toAscii} from '../../src/view/ascii.js';

const ESC = '\u001B';
const ENTER_ALTERNATE = `${ESC}[?1049h`;
const LEAVE_ALTERNATE = `${ESC}[?1049l`;
const HOME_ERASE_DOWN = `${ESC}[H${ESC}[J`;

/** A terminal stand-in: its size, and every write it received. */
function tty(columns: number, rows: number) {
	const target = Object.assign(new PassThrough(), {columns, rows});
	const writes: string[] = [];
	target.on('data', chunk => writes.push(String(chunk)));
	return {target, writes};
}

const turn = () => new Promise(resolve => setImmediate(resolve));

/** What a terminal of that size shows after all `writes`. */
function shown(writes: string[], columns: number, rows: number): string {
	const model = createScreenModel(columns, rows);
	feedScreen(model, writes.join(''), () => {});
	return gridText(model.grid);
}

afterEach(() => {
	vi.useRealTimers();
});

describe('terminalWriter', () => {
	it('sends every chunk of one turn as one write, in order, and calls back after it', async () => {
		const {target, writes} = tty(20, 3);
		const {stream} = terminalWriter(target, {synchronizedOutput: false});
		let calledBack = false;
		stream.write(ENTER_ALTERNATE);
		stream.write(HOME_ERASE_DOWN + 'frame');
		stream.write(`${ESC}[?25l`, () => (calledBack = true));
		expect(writes).toEqual([]);
		await turn();
		expect(writes).toEqual([`${ENTER_ALTERNATE}${ESC}[m${ESC}[H${ESC}[2Jframe${ESC}[?25l`]);
		expect(calledBack).toBe(true);
		expect(stream.columns).toBe(20);
	});

	it('passes everything through unchanged outside the alternate screen', async () => {
		const {target, writes} = tty(20, 3);
		const {stream} = terminalWriter(target);
		stream.write(`plain ${ESC}[31mred${ESC}[39m\n`);
		await turn();
		expect(writes).toEqual([`plain ${ESC}[31mred${ESC}[39m\n`]);
	});

	it('sends only the changed cells of a whole frame Ink writes again', async () => {
		const {target, writes} = tty(20, 3);
		const {stream, stats} = terminalWriter(target, {synchronizedOutput: false});
		stream.write(ENTER_ALTERNATE + HOME_ERASE_DOWN + `title\n${ESC}[32m● a${ESC}[39m  12s\nfooter`);
		await turn();
		// Ink without incremental rendering: erase the old lines and write them all again.
		stream.write(
			`${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[G` + `title\n${ESC}[32m● a${ESC}[39m  13s\nfooter`,
		);
		await turn();
		// The cursor was left after "footer", just below the changed cell: one line up.
		expect(writes.at(-1)).toBe(`${ESC}[A3`);
		expect(stats).toMatchObject({writes: 2, changedCells: 1, changedBytes: 1});
	});

	it('repaints the whole screen once a resize has settled, at the new size, with only the frame that stands at the end', async () => {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
		const {target, writes} = tty(30, 3);
		const writer = terminalWriter(target, {synchronizedOutput: false});
		writer.stream.write(ENTER_ALTERNATE + HOME_ERASE_DOWN + 'a long title line here\nrow\nfooter');
		await turn();
		const before = writes.length;
		Object.assign(target, {columns: 10});
		target.emit('resize');
		// Ink's first frame after a resize: the old tree, taller than the screen, scrolls the title away.
		writer.stream.write(HOME_ERASE_DOWN + 'a long ti…\nmore\nrow\nfooter');
		await turn();
		writer.stream.write(HOME_ERASE_DOWN + 'a long ti…\nrow\nfooter');
		await turn();
		expect(writes).toHaveLength(before);
		vi.advanceTimersByTime(RESIZE_SETTLE_MS);
		await turn();
		expect(writes).toHaveLength(before + 1);
		expect(writes.at(-1)!.startsWith(`${ESC}[m${ESC}[H${ESC}[2J`)).toBe(true);
		expect(shown(writes.slice(-1), 10, 3)).toBe(['a long ti…', 'row       ', 'footer    '].join('\n'));
		writer.dispose();
	});

	it('sends what waited for a resize to settle when disposed (the terminal given back at exit)', async () => {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
		const {target, writes} = tty(30, 3);
		const writer = terminalWriter(target, {synchronizedOutput: false});
		writer.stream.write(ENTER_ALTERNATE + HOME_ERASE_DOWN + 'frame');
		await turn();
		target.emit('resize');
		writer.stream.write(LEAVE_ALTERNATE);
		await turn();
		expect(writes.join('')).not.toContain(LEAVE_ALTERNATE);
		writer.dispose();
		await turn();
		expect(writes.at(-1)).toContain(LEAVE_ALTERNATE);
	});

	it('repaints on re-entering the alternate screen (resume, Ctrl-L) and resets the style before leaving it', async () => {
		const {target, writes} = tty(20, 2);
		const {stream} = terminalWriter(target, {synchronizedOutput: false});
		stream.write(ENTER_ALTERNATE + HOME_ERASE_DOWN + `${ESC}[1mbold`);
		await turn();
		stream.write(LEAVE_ALTERNATE);
		await turn();
		expect(writes.at(-1)).toBe(`${ESC}[m${LEAVE_ALTERNATE}`);
		stream.write(ENTER_ALTERNATE + `${ESC}[1mbold`);
		await turn();
		expect(writes.at(-1)).toBe(`${ENTER_ALTERNATE}${ESC}[m${ESC}[H${ESC}[2J${ESC}[1mbold`);
	});

	it('sets its modes (mouse tracking) right after entering the alternate screen and unsets them right before leaving it, each time', async () => {
		const {target, writes} = tty(20, 2);
		const modes = {on: `${ESC}[?1000h${ESC}[?1006h`, off: `${ESC}[?1006l${ESC}[?1000l`};
		const {stream} = terminalWriter(target, {synchronizedOutput: false, modes});
		stream.write('before');
		stream.write(ENTER_ALTERNATE + HOME_ERASE_DOWN + 'frame');
		await turn();
		expect(writes.join('')).toMatch(/^before\u001B\[\?1049h\u001B\[\?1000h\u001B\[\?1006h.*frame$/);
		// Suspend (Ctrl-Z), then fg: off with the screen, on again with it.
		stream.write(LEAVE_ALTERNATE);
		await turn();
		expect(writes.at(-1)).toBe(`${modes.off}${LEAVE_ALTERNATE}`);
		stream.write(ENTER_ALTERNATE + 'frame');
		await turn();
		expect(writes.at(-1)!.startsWith(`${ENTER_ALTERNATE}${modes.on}`)).toBe(true);
		stream.write(LEAVE_ALTERNATE);
		await turn();
		expect(writes.at(-1)).toBe(`${modes.off}${LEAVE_ALTERNATE}`);
		// Without modes, none is ever sent.
		const plain = tty(20, 2);
		const writer = terminalWriter(plain.target, {synchronizedOutput: false});
		writer.stream.write(ENTER_ALTERNATE + 'frame' + LEAVE_ALTERNATE);
		await turn();
		expect(plain.writes.join('')).not.toContain('?1000');
	});

	it("drops Ink's synchronized-output markers and puts its own around a repaint only, when asked", async () => {
		const {target, writes} = tty(20, 2);
		const {stream} = terminalWriter(target);
		stream.write(`${ENTER_ALTERNATE}${ESC}[?2026h${HOME_ERASE_DOWN}one 1${ESC}[?2026l`);
		await turn();
		expect(writes.at(-1)).toBe(`${ESC}[?2026h${ENTER_ALTERNATE}${ESC}[m${ESC}[H${ESC}[2Jone 1${ESC}[?2026l`);
		stream.write(`${ESC}[?2026h${HOME_ERASE_DOWN}one 2${ESC}[?2026l`);
		await turn();
		expect(writes.at(-1)).toBe(`${ESC}[D2`);
	});

	it('applies the ASCII fallback to what Ink writes, so the cells hold the stand-ins', async () => {
		const {target, writes} = tty(20, 2);
		const {stream} = terminalWriter(target, {transform: toAscii, synchronizedOutput: false});
		stream.write(ENTER_ALTERNATE + HOME_ERASE_DOWN + '● online │ ok');
		await turn();
		expect(writes.at(-1)).toContain('@ online | ok');
		expect(writes.join('')).not.toMatch(/[●│]/);
	});
});
