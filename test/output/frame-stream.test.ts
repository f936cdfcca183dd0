import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {frameStream} from '../../src/output/frame-stream.js';
import {toAscii} from '../../src/view/ascii.js';

describe('frameStream', () => {
	it('sends every chunk of one turn as one write, in order, and calls back after it', async () => {
		const target = Object.assign(new PassThrough(), {columns: 80});
		const writes: string[] = [];
		target.on('data', chunk => writes.push(String(chunk)));
		const stream = frameStream(target);
		let calledBack = false;
		stream.write('\u001B[?2026h');
		stream.write('frame');
		stream.write('\u001B[?2026l', () => (calledBack = true));
		expect(writes).toEqual([]);
		await new Promise(resolve => setImmediate(resolve));
		expect(writes).toEqual(['\u001B[?2026hframe\u001B[?2026l']);
		expect(calledBack).toBe(true);
		expect(stream.columns).toBe(80);
	});

	it('applies a transform to what it writes', async () => {
		const target = new PassThrough();
		const stream = frameStream(target, toAscii);
		stream.write('● online │ ok');
		await new Promise(resolve => setImmediate(resolve));
		expect(String(target.read())).toBe('* online | ok');
	});
});
