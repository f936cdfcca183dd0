/**
 * Reading a file someone else may have put in our way: settings, config and key
 * files. Every such read goes through here, so none of them can hang the
 * process or fill its memory.
 *
 * Why O_NONBLOCK: opening a FIFO for reading blocks until a writer comes, and
 * that open runs on one of libuv's four pool threads, where no timeout or
 * signal can reach it (Node cannot cancel a blocked open(2)). With O_NONBLOCK
 * the open returns at once, and fstat on the descriptor (not stat on the path,
 * which a writer could swap in between) says what it really is.
 */
import {constants, close, fstat, open, read, type Stats} from 'node:fs';
import {Socket} from 'node:net';
import {promisify} from 'node:util';

const openFile = promisify(open);
const fstatFd = promisify(fstat);
const closeFd = promisify(close);
const readFd = promisify(read);

/** The most a settings or config file may hold (bytes). Letta Code's settings file is a few KiB. */
export const SETTINGS_FILE_MAX_BYTES = 1024 * 1024;

/** The most an --api-key-file may hold (bytes), file or pipe. A key or token is well under 8 KiB. */
export const KEY_FILE_MAX_BYTES = 64 * 1024;

/**
 * A file that was found but refused: not a regular file (a FIFO, a device, a
 * folder), larger than its cap, or unreadable. `reason` is in words a person can
 * act on ("it is a FIFO, not a regular file"); `code` is the errno code when the
 * system refused it (ENOENT for a missing file), else undefined.
 */
export class FileRefusedError extends Error {
	readonly file: string;
	readonly reason: string;
	readonly code: string | undefined;

	constructor(file: string, reason: string, code?: string) {
		super(`${file}: ${reason}`);
		this.name = 'FileRefusedError';
		this.file = file;
		this.reason = reason;
		this.code = code;
	}
}

/** What kind of thing a descriptor is, in words, for a message. */
function describeKind(stats: Stats): string {
	if (stats.isDirectory()) return 'a folder';
	if (stats.isFIFO()) return 'a FIFO (named pipe)';
	if (stats.isCharacterDevice()) return 'a character device';
	if (stats.isBlockDevice()) return 'a block device';
	if (stats.isSocket()) return 'a socket';
	return 'not a regular file';
}

/** An errno code in words; the code itself stays in brackets for a search. */
export function describeErrno(code: string | undefined): string {
	const words: Record<string, string> = {
		ENOENT: 'it does not exist',
		EACCES: 'permission denied',
		EPERM: 'permission denied',
		EISDIR: 'it is a folder',
		ENOTDIR: 'a part of its path is not a folder',
		ELOOP: 'too many symbolic links',
		ENAMETOOLONG: 'the path is too long',
		EMFILE: 'too many files open',
		ENFILE: 'too many files open',
		EIO: 'an input/output error',
		ENXIO: 'no such device',
	};
	return code ? `${words[code] ?? 'it cannot be read'} (${code})` : 'it cannot be read';
}

/** Opens without blocking; a failure becomes a FileRefusedError. */
async function openNonBlocking(file: string): Promise<number> {
	try {
		return await openFile(file, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		throw new FileRefusedError(file, describeErrno(code), code);
	}
}

function tooBig(file: string, maxBytes: number): FileRefusedError {
	return new FileRefusedError(file, `it is larger than ${formatBytes(maxBytes)}`);
}

function formatBytes(bytes: number): string {
	return bytes % (1024 * 1024) === 0
		? `${bytes / (1024 * 1024)} MiB`
		: bytes % 1024 === 0
			? `${bytes / 1024} KiB`
			: `${bytes} bytes`;
}

/**
 * Reads the regular file open on `fd` (fstat gave `size` bytes), at most `maxBytes`; one byte more refuses it.
 * The buffer starts at the file's size, not the cap: the login is re-read every 15 s for hours.
 */
async function readRegular(fd: number, file: string, size: number, maxBytes: number): Promise<string> {
	let buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
	let length = 0;
	for (;;) {
		if (length === buffer.length) {
			// It grew since fstat (a writer mid-write): room up to the cap, and one byte to see it pass.
			if (buffer.length > maxBytes) break;
			const larger = Buffer.alloc(maxBytes + 1);
			buffer.copy(larger, 0, 0, length);
			buffer = larger;
		}

		let bytesRead: number;
		try {
			({bytesRead} = await readFd(fd, buffer, length, buffer.length - length, null));
		} catch (error) {
			const {code} = error as NodeJS.ErrnoException;
			throw new FileRefusedError(file, describeErrno(code), code);
		}

		if (bytesRead === 0) break;
		length += bytesRead;
	}

	if (length > maxBytes) throw tooBig(file, maxBytes);
	return buffer.toString('utf8', 0, length);
}

/**
 * The text (UTF-8) of `file`, which must be a regular file of at most
 * `maxBytes` (default SETTINGS_FILE_MAX_BYTES). Never blocks on a FIFO or a
 * device: those are refused without being read.
 *
 * @throws FileRefusedError missing (code ENOENT), unreadable, not a regular file, or too large.
 */
export async function readRegularFile(file: string, maxBytes = SETTINGS_FILE_MAX_BYTES): Promise<string> {
	const fd = await openNonBlocking(file);
	try {
		const stats = await fstatFd(fd);
		if (!stats.isFile()) throw new FileRefusedError(file, `it is ${describeKind(stats)}, not a regular file`);
		if (stats.size > maxBytes) throw tooBig(file, maxBytes);
		return await readRegular(fd, file, stats.size, maxBytes);
	} finally {
		await closeFd(fd).catch(() => {});
	}
}

/**
 * The text of a key file: a regular file, or a pipe (`--api-key-file <(op read ...)`,
 * or a FIFO), at most `maxBytes` (default KEY_FILE_MAX_BYTES) either way.
 * A pipe is read on the event loop, not on a pool thread, so it waits for its
 * writer as long as it takes yet `signal` ends the wait at once.
 *
 * @throws FileRefusedError missing, unreadable, neither a regular file nor a pipe, or too large.
 * @throws the signal's reason (an AbortError by default) when aborted first.
 */
export async function readKeyFileText(
	file: string,
	options: {maxBytes?: number; signal?: AbortSignal} = {},
): Promise<string> {
	const maxBytes = options.maxBytes ?? KEY_FILE_MAX_BYTES;
	options.signal?.throwIfAborted();
	const fd = await openNonBlocking(file);
	let stats: Stats;
	try {
		stats = await fstatFd(fd);
		if (stats.isFile()) {
			if (stats.size > maxBytes) throw tooBig(file, maxBytes);
			return await readRegular(fd, file, stats.size, maxBytes);
		}
	} catch (error) {
		await closeFd(fd).catch(() => {});
		throw error;
	}

	if (!stats.isFIFO()) {
		await closeFd(fd).catch(() => {});
		throw new FileRefusedError(file, `it is ${describeKind(stats)}, neither a regular file nor a pipe`);
	}

	return readPipe(fd, file, maxBytes, options.signal);
}

/** Reads a pipe to its end on the event loop; the socket owns `fd` from here and closes it. */
function readPipe(fd: number, file: string, maxBytes: number, signal: AbortSignal | undefined): Promise<string> {
	return new Promise((resolve, reject) => {
		const pipe = new Socket({fd, readable: true, writable: false});
		const chunks: Buffer[] = [];
		let length = 0;
		const finish = (error: Error | undefined) => {
			signal?.removeEventListener('abort', onAbort);
			pipe.destroy();
			if (error) reject(error);
			else resolve(Buffer.concat(chunks).toString('utf8'));
		};

		const onAbort = () => finish(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
		signal?.addEventListener('abort', onAbort, {once: true});
		pipe.on('data', (chunk: Buffer) => {
			length += chunk.length;
			// Stop reading at the cap: a writer that never stops would otherwise fill the memory.
			if (length > maxBytes) finish(tooBig(file, maxBytes));
			else chunks.push(chunk);
		});
		pipe.once('end', () => finish(undefined));
		pipe.once('error', (error: NodeJS.ErrnoException) =>
			finish(new FileRefusedError(file, describeErrno(error.code), error.code)),
		);
	});
}
