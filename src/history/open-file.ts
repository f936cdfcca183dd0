/**
 * Opens the history file for recording, and handles what can be wrong with it: a damaged or
 * foreign file is set aside (renamed `<file>.damaged-<ISO time>`, its -wal and -shm beside it,
 * never deleted) and a new one started, with a one-line notice; a folder that cannot be made or
 * written, a full disk, a file locked past start-up, or a file from a newer letta-fleet turns
 * recording off, with a notice, while monitoring goes on.
 */
import {existsSync, mkdirSync, renameSync} from 'node:fs';
import path from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {NewerSchemaError, prepareSchema} from './schema.js';
import {classifySqliteError, describeSqliteError} from './sqlite-errors.js';

/** How long opening may wait for another recorder's write lock (start-up only; polls never wait). */
const OPEN_BUSY_TIMEOUT_MS = 2000;

/** An open file (with a notice when a damaged one was set aside first), or why recording is off. */
export type OpenedHistory =
	{db: DatabaseSync; notice?: string; off?: undefined} | {db?: undefined; notice?: undefined; off: string};

/**
 * Opens (creating when needed) the history file at `file` (absolute) with the current schema.
 * `now` (epoch ms) stamps the name of a file set aside. Never throws.
 */
export function openHistoryFile(file: string, now: number): OpenedHistory {
	try {
		mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
	} catch (error) {
		return {off: `history off: cannot create ${path.dirname(file)} (${describeFolderError(error)})`};
	}

	const first = tryOpen(file);
	if ('db' in first) return {db: first.db};
	if (first.error instanceof NewerSchemaError) return {off: `history off: ${file}: ${first.error.message}`};
	if (classifySqliteError(first.error) !== 'damaged') {
		return {off: `history off: cannot use ${file} (${describeSqliteError(first.error)})`};
	}

	let aside: string;
	try {
		aside = setAside(file, now);
	} catch (error) {
		return {off: `history off: ${file} is damaged and cannot be set aside (${describeSqliteError(error)})`};
	}

	const second = tryOpen(file);
	if ('error' in second) return {off: `history off: cannot use ${file} (${describeSqliteError(second.error)})`};
	return {
		db: second.db,
		notice: `history: ${file} was unreadable (${describeDamage(first.error)}); kept as ${path.basename(aside)}, started a new one`,
	};
}

function tryOpen(file: string): {db: DatabaseSync} | {error: unknown} {
	let db: DatabaseSync | undefined;
	try {
		db = new DatabaseSync(file);
		prepareSchema(db, OPEN_BUSY_TIMEOUT_MS);
		// A busy file means skip this poll and try the next: the main thread never waits on a lock.
		db.exec('PRAGMA busy_timeout = 0');
		return {db};
	} catch (error) {
		try {
			db?.close();
		} catch {
			// Already closed or never opened: nothing to release.
		}

		return {error};
	}
}

/** Renames the file and its -wal and -shm to `<file>.damaged-<ISO basic time>[-wal|-shm]`; returns the new name. */
function setAside(file: string, now: number): string {
	const stamp = new Date(now).toISOString().replaceAll(/[-:]/g, '').replace(/\.\d+/, '');
	const aside = `${file}.damaged-${stamp}`;
	renameSync(file, aside);
	for (const suffix of ['-wal', '-shm']) {
		if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
	}

	return aside;
}

function describeDamage(error: unknown): string {
	return error instanceof Error && error.constructor.name === 'ForeignFileError'
		? error.message
		: describeSqliteError(error);
}

/** Why a folder cannot be made, in words a user can act on; the errno code for anything rarer. */
function describeFolderError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	switch (code) {
		case 'EEXIST':
		case 'ENOTDIR': {
			return 'a file is in the way';
		}

		case 'EACCES':
		case 'EPERM': {
			return 'permission denied';
		}

		case 'EROFS': {
			return 'read-only file system';
		}

		case 'ENOSPC': {
			return 'the disk is full';
		}

		default: {
			return code ?? 'error';
		}
	}
}
