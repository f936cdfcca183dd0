/**
 * Ink's stdin through the input filter, on fake time: a cut report waits for its rest, a lone Esc
 * passes after the hold, and time the process spent stopped (Ctrl-Z, then fg) never counts as
 * waiting, so a sequence cut before the stop is still whole after it.
 */
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {FilteredStdin, HOLD_MS, PASTE_IDLE_MS} from '../../src/ui/filtered-stdin.js';
import type {MouseReport} from '../../src/view/mouse-report.js';
import {fakeClock} from '../helpers/fake-clock.js';

/** A terminal's input: a real stream, with the raw-mode calls a tty.ReadStream has, recorded. */
function terminalInput() {
	const stream = new PassThrough();
	const calls: string[] = [];
	return Object.assign(stream, {
		calls,
		setRawMode(mode: boolean) {
			calls.push(`raw ${mode}`);
			return stream;
		},
		ref: () => calls.push('ref'),
		unref: () => calls.push('unref'),
	});
}

const open: FilteredStdin[] = [];
afterEach(() => {
	for (const stdin of open.splice(0)) stdin.destroy();
});

/** Reads as Ink does: utf8, `read()` on each 'readable'. */
function inkReading(options: {clock: ReturnType<typeof fakeClock>['clock']}) {
	const source = terminalInput();
	const reports: MouseReport[] = [];
	// When each report was read, on the filter's clock (a double-click is timed on it).
	const times: number[] = [];
	const stdin = new FilteredStdin(source, {
		clock: options.clock,
		onReport(report, at) {
			reports.push(report);
			times.push(at);
		},
	});
	open.push(stdin);
	stdin.setEncoding('utf8');
	let read = '';
	stdin.on('readable', () => {
		let chunk: string | null;
		while ((chunk = stdin.read() as string | null) !== null) read += chunk;
	});
	return {source, stdin, reports, times, read: () => read};
}

/** Lets stream events run (they go through process.nextTick and setImmediate). */
const streams = () => new Promise(resolve => setImmediate(resolve));

describe('FilteredStdin', () => {
	it('is a terminal to Ink: raw mode and ref/unref reach the real terminal', () => {
		const source = terminalInput();
		const stdin = new FilteredStdin(source);
		open.push(stdin);
		expect(stdin.isTTY).toBe(true);
		stdin.setRawMode(true).unref();
		stdin.ref();
		expect(source.calls).toEqual(['raw true', 'unref', 'ref']);
	});

	it('a report cut between two reads is taken out whole; the key after it passes', async () => {
		const time = fakeClock();
		const t = inkReading(time);
		t.source.write('j\u001B[<0;1');
		await streams();
		await time.advance(HOLD_MS - 10);
		t.source.write('0;5Mq');
		await streams();
		await time.advance(HOLD_MS * 4);
		expect(t.read()).toBe('jq');
		expect(t.reports).toEqual([{encoding: 'sgr', code: 0, column: 10, row: 5, release: false}]);
	});

	it("hands each report on with when it was read on the filter's clock, a cut one when its rest arrived", async () => {
		const time = fakeClock();
		const t = inkReading(time);
		const start = time.clock.now();
		t.source.write('\u001B[<0;10;5M\u001B[<0;10;5m');
		await streams();
		await time.advance(300);
		t.source.write('\u001B[<0;10');
		await streams();
		await time.advance(20);
		t.source.write(';5M');
		await streams();
		expect(t.reports.map(report => report.release)).toEqual([false, true, false]);
		expect(t.times).toEqual([start, start, start + 320]);
	});

	it('a lone Esc passes once the hold is over; a report start whose rest never comes is dropped, not typed', async () => {
		const time = fakeClock();
		const t = inkReading(time);
		t.source.write('\u001B');
		await streams();
		await time.advance(HOLD_MS - 1);
		expect(t.read()).toBe('');
		await time.advance(1);
		await streams();
		expect(t.read()).toBe('\u001B');

		t.source.write('\u001B[M q');
		await streams();
		await time.advance(HOLD_MS * 4);
		await streams();
		t.source.write('k');
		await streams();
		expect(t.read()).toBe('\u001Bk');
	});

	it('time spent stopped is not waiting: a report cut before Ctrl-Z is whole after fg, and an Esc cut from its sequence still makes the key', async () => {
		const time = fakeClock();
		const t = inkReading(time);
		t.source.write('\u001B[<0;1');
		await streams();
		await time.advance(10);
		// Stopped for ten seconds: no timer ran meanwhile; on fg the overdue one runs late, before input is read.
		time.jump(10_000);
		await time.advance(0);
		await streams();
		expect(t.read()).toBe('');
		t.source.write('0;5Mj');
		await streams();
		expect(t.read()).toBe('j');
		expect(t.reports).toHaveLength(1);

		t.source.write('\u001B');
		await streams();
		time.jump(60_000);
		await time.advance(0);
		t.source.write('[A');
		await streams();
		expect(t.read()).toBe('j\u001B[A');
		// And a hold that runs its course on running time still ends.
		t.source.write('\u001B');
		await streams();
		await time.advance(HOLD_MS);
		await streams();
		expect(t.read()).toBe('j\u001B[A\u001B');
	});

	it('a loop busy when the hold ends (its timer late) reads what arrived meanwhile before giving anything up', async () => {
		const time = fakeClock();
		const t = inkReading(time);
		t.source.write('\u001B[<0;1');
		await streams();
		// Busy for 100 ms over the hold's end: the timer runs late, and the rest is already there, unread.
		time.jump(HOLD_MS + 100);
		await time.advance(0);
		t.source.write('0;5Mj');
		await streams();
		expect(t.read()).toBe('j');
		expect(t.reports).toEqual([{encoding: 'sgr', code: 0, column: 10, row: 5, release: false}]);
	});

	it('a paste start with no end (which leaves Ink deaf to every key) is ended after PASTE_IDLE_MS of running time, not before', async () => {
		const time = fakeClock();
		const t = inkReading(time);
		t.source.write('\u001B[200~stray');
		await streams();
		await time.advance(PASTE_IDLE_MS - 100);
		// A stop in the middle is not idle time.
		time.jump(60_000);
		await time.advance(0);
		await streams();
		expect(t.read()).toBe('\u001B[200~stray');
		await time.advance(PASTE_IDLE_MS);
		await streams();
		expect(t.read()).toBe('\u001B[200~stray\u001B[201~');
		t.source.write('\u001B[M qqq');
		await streams();
		expect(t.read()).toBe('\u001B[200~stray\u001B[201~q');
	});

	it('close stops reading the terminal: what is typed afterwards is not read', async () => {
		const time = fakeClock();
		const t = inkReading(time);
		t.source.write('a');
		await streams();
		t.stdin.close();
		t.source.write('b');
		await streams();
		expect(t.read()).toBe('a');
		expect(t.source.isPaused()).toBe(true);
	});
});
