/**
 * What a node:sqlite error means for the recorder, from SQLite's primary result code (the low
 * byte of `errcode`, https://www.sqlite.org/rescode.html): try again next poll, set the file aside,
 * or stop recording.
 */
import {ForeignFileError} from './schema.js';

/** SQLite's primary result codes the recorder tells apart. */
const CODES = {busy: 5, locked: 6, readonly: 8, ioerr: 10, corrupt: 11, full: 13, cantopen: 14, notadb: 26} as const;

/** busy: another writer holds the file (try again next poll); damaged: set it aside; off: stop recording. */
export type SqliteTrouble = 'busy' | 'damaged' | 'off';

/** The primary result code of a node:sqlite error, or undefined for anything else. */
export function sqliteCode(error: unknown): number | undefined {
	const code = (error as {errcode?: unknown} | null)?.errcode;
	return typeof code === 'number' ? code & 0xff : undefined;
}

/** How the recorder treats `error`. */
export function classifySqliteError(error: unknown): SqliteTrouble {
	if (error instanceof ForeignFileError) return 'damaged';
	const code = sqliteCode(error);
	if (code === CODES.busy || code === CODES.locked) return 'busy';
	if (code === CODES.corrupt || code === CODES.notadb) return 'damaged';
	return 'off';
}

/** The error in a few words for a one-line notice: "the disk is full", SQLite's own words otherwise. */
export function describeSqliteError(error: unknown): string {
	const code = sqliteCode(error);
	if (code === CODES.full) return 'the disk is full';
	if (code === CODES.readonly) return 'the file is read-only';
	if (code === CODES.busy || code === CODES.locked) return 'another program holds the file locked';
	if (code === CODES.cantopen) return 'the file cannot be opened';
	const errno = (error as NodeJS.ErrnoException).code;
	if (errno && errno !== 'ERR_SQLITE_ERROR') return errno;
	const message = (error as {errstr?: string; message?: string}).errstr ?? (error as Error).message;
	return String(message).split('\n')[0]!.slice(0, 160);
}
