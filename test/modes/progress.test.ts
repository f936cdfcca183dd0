import {describe, expect, it} from 'vitest';
import type {Io} from '../../src/modes/io.js';
import {showWaiting} from '../../src/modes/progress.js';

function fakeIo(isTTY: boolean) {
	const written: string[] = [];
	const stderr = {isTTY, write: (text: string) => written.push(text)};
	return {io: {stderr} as unknown as Io, written};
}

function fakeClock() {
	let now = 0;
	let tick: (() => void) | undefined;
	return {
		clock: {
			setInterval: ((callback: () => void) => {
				tick = callback;
				return 1;
			}) as unknown as typeof setInterval,
			clearInterval: (() => {
				tick = undefined;
			}) as unknown as typeof clearInterval,
			now: () => now,
		},
		advance(ms: number) {
			for (let step = 0; step < ms; step += 1000) {
				now += 1000;
				tick?.();
			}
		},
	};
}

describe('the waiting line of a slow one-shot fetch', () => {
	it('stays silent for the first second, then counts on one line, naming the timeout and the flag, and erases itself', () => {
		const {io, written} = fakeIo(true);
		const time = fakeClock();
		const stop = showWaiting(io, 'https://api.letta.com', 15_000, time.clock);
		expect(written).toEqual([]);
		time.advance(3000);
		expect(written.at(-1)).toBe(
			'\r\u001B[2Kletta-fleet: waiting for https://api.letta.com: 3s (a request gives up after 15s; --timeout changes it)',
		);
		stop();
		expect(written.at(-1)).toBe('\r\u001B[2K');
		time.advance(3000);
		expect(written.at(-1)).toBe('\r\u001B[2K');
	});

	it('counts the listeners so far once a pass of many pages tells its progress', () => {
		const {io, written} = fakeIo(true);
		const time = fakeClock();
		const waiting = showWaiting(io, 'https://api.letta.com', 15_000, time.clock);
		time.advance(2000);
		waiting.progress(4200, 42);
		time.advance(1000);
		expect(written.at(-1)).toBe(
			'\r\u001B[2Kletta-fleet: waiting for https://api.letta.com: 3s, 4 200 listeners so far, page 42 (a request gives up after 15s; --timeout changes it)',
		);
		waiting();
		expect(written.at(-1)).toBe('\r\u001B[2K');
	});

	it('writes nothing when stderr is not a terminal, nor when the fetch was quick', () => {
		const piped = fakeIo(false);
		const time = fakeClock();
		showWaiting(piped.io, 'x', 15_000, time.clock);
		time.advance(5000);
		expect(piped.written).toEqual([]);

		const quick = fakeIo(true);
		const stop = showWaiting(quick.io, 'x', 15_000, fakeClock().clock);
		stop();
		expect(quick.written).toEqual([]);
	});
});
