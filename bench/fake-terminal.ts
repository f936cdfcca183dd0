/**
 * A terminal for Ink without a terminal: stdout counts the bytes and times of
 * every write, stdin takes keys. Enough for Ink's interactive mode (isTTY,
 * columns, rows, raw mode).
 */
import {EventEmitter} from 'node:events';
import {performance} from 'node:perf_hooks';
import {Writable} from 'node:stream';

export class FakeStdout extends Writable {
	isTTY = true;
	columns: number;
	rows: number;
	bytes = 0;
	writes = 0;
	lastWriteAt = 0;
	private waiters: Array<() => void> = [];

	constructor(columns: number, rows: number) {
		super();
		this.columns = columns;
		this.rows = rows;
	}

	override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
		this.bytes += Buffer.byteLength(chunk);
		this.writes++;
		this.lastWriteAt = performance.now();
		const waiters = this.waiters;
		this.waiters = [];
		for (const resolve of waiters) resolve();
		callback();
	}

	/** Resolves at the next write. */
	nextWrite(): Promise<void> {
		return new Promise(resolve => this.waiters.push(resolve));
	}

	getColorDepth(): number {
		return 8;
	}

	hasColors(): boolean {
		return true;
	}
}

export class FakeStdin extends EventEmitter {
	isTTY = true;
	private data: string | null = null;

	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}

	read(): string | null {
		const {data} = this;
		this.data = null;
		return data;
	}

	write(data: string): void {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	}
}
