import {execFileSync} from 'node:child_process';
import {closeSync, constants, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
	FileRefusedError,
	KEY_FILE_MAX_BYTES,
	readKeyFileText,
	readRegularFile,
	SETTINGS_FILE_MAX_BYTES,
} from '../../src/config/bounded-file.js';
import {waitFor} from '../helpers/wait.js';

let folder: string;

beforeEach(() => {
	folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-files-'));
});

afterEach(() => {
	rmSync(folder, {recursive: true, force: true});
});

function fifo(name: string): string {
	const file = path.join(folder, name);
	execFileSync('mkfifo', [file]);
	return file;
}

/** Opens the FIFO's write end once a reader has it open (a non-blocking open fails with ENXIO before that). */
function writerFor(file: string): Promise<number> {
	return waitFor(() => {
		try {
			return openSync(file, constants.O_WRONLY | constants.O_NONBLOCK);
		} catch {
			return undefined;
		}
	}, 'the reader to open the FIFO');
}

describe('readRegularFile', () => {
	it('reads a regular file, and one of exactly the cap', async () => {
		const file = path.join(folder, 'settings.json');
		writeFileSync(file, '{"env": {}}');
		expect(await readRegularFile(file)).toBe('{"env": {}}');
		writeFileSync(file, '');
		expect(await readRegularFile(file)).toBe('');
		writeFileSync(file, 'x'.repeat(SETTINGS_FILE_MAX_BYTES));
		expect(await readRegularFile(file)).toHaveLength(SETTINGS_FILE_MAX_BYTES);
	});

	it('refuses a FIFO at once, with no writer, instead of waiting for one', async () => {
		// Without O_NONBLOCK this open would hold a libuv thread until a writer came: the test would time out.
		await expect(readRegularFile(fifo('settings.json'))).rejects.toThrow(
			/settings\.json: it is a FIFO \(named pipe\), not a regular file$/,
		);
	});

	it('refuses a file over the cap, a folder and a device, and says which; a missing file keeps ENOENT', async () => {
		const big = path.join(folder, 'big.json');
		writeFileSync(big, 'x'.repeat(SETTINGS_FILE_MAX_BYTES + 1));
		await expect(readRegularFile(big)).rejects.toThrow(`${big}: it is larger than 1 MiB`);
		mkdirSync(path.join(folder, 'sub'));
		await expect(readRegularFile(path.join(folder, 'sub'))).rejects.toThrow(
			/sub: it is a folder, not a regular file/,
		);
		await expect(readRegularFile('/dev/zero')).rejects.toThrow(
			'/dev/zero: it is a character device, not a regular file',
		);
		const missing = readRegularFile(path.join(folder, 'nope'));
		await expect(missing).rejects.toBeInstanceOf(FileRefusedError);
		await expect(missing).rejects.toMatchObject({code: 'ENOENT', reason: 'it does not exist (ENOENT)'});
	});
});

describe('readKeyFileText', () => {
	it('reads a regular key file and a FIFO whose writer comes later', async () => {
		const file = path.join(folder, 'key');
		writeFileSync(file, 'sk-let-file\n');
		expect(await readKeyFileText(file)).toBe('sk-let-file\n');
		const pipe = fifo('key-pipe');
		const text = readKeyFileText(pipe);
		const writer = await writerFor(pipe);
		writeSync(writer, 'sk-let-');
		writeSync(writer, 'pipe\n');
		closeSync(writer);
		expect(await text).toBe('sk-let-pipe\n');
	});

	it('stops reading a pipe past the cap, and refuses a regular file past it', async () => {
		const pipe = fifo('endless');
		const text = readKeyFileText(pipe);
		const writer = await writerFor(pipe);
		// More than the cap, in pieces the pipe buffer takes without blocking this (single) thread.
		let written = 0;
		const chunk = Buffer.alloc(4096, 0x61);
		const pump = setInterval(() => {
			try {
				written += writeSync(writer, chunk);
			} catch {
				// EAGAIN: the pipe is full for now; EPIPE: the reader has gone, as it should.
			}
		}, 1);
		try {
			await expect(text).rejects.toThrow(`${pipe}: it is larger than 64 KiB`);
		} finally {
			clearInterval(pump);
			closeSync(writer);
		}

		expect(written).toBeGreaterThan(KEY_FILE_MAX_BYTES);
		const big = path.join(folder, 'big-key');
		writeFileSync(big, 'k'.repeat(KEY_FILE_MAX_BYTES + 1));
		await expect(readKeyFileText(big)).rejects.toThrow(`${big}: it is larger than 64 KiB`);
	});

	it('a pipe whose writer says nothing waits, and an abort ends the wait at once', async () => {
		const pipe = fifo('silent');
		const stop = new AbortController();
		const text = readKeyFileText(pipe, {signal: stop.signal});
		let settled = false;
		void text.catch(() => {}).finally(() => (settled = true));
		// A writer that holds the pipe open and never writes (`op read` waiting on a prompt).
		const writer = await writerFor(pipe);
		try {
			await new Promise(resolve => setTimeout(resolve, 50));
			expect(settled).toBe(false);
			stop.abort();
			await expect(text).rejects.toMatchObject({name: 'AbortError'});
		} finally {
			closeSync(writer);
		}
	});

	it('refuses a device: a key file is a regular file or a pipe', async () => {
		await expect(readKeyFileText('/dev/zero')).rejects.toThrow(
			'/dev/zero: it is a character device, neither a regular file nor a pipe',
		);
	});
});
