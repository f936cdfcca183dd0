/**
 * Opens a history file to answer a question (`history`, `availability`): the file must exist and
 * be letta-fleet's, of a schema this version reads. Reading may wait a little for a recorder's
 * write to end (READ_BUSY_TIMEOUT_MS); it never migrates, trims or sets anything aside.
 */
import {existsSync} from 'node:fs';
import {DatabaseSync} from 'node:sqlite';
import {APPLICATION_ID, pragmaNumber, SCHEMA_VERSION} from './schema.js';

/** How long a reader waits for a recorder's write to end, ms (a reader may wait; a recorder never does). */
export const READ_BUSY_TIMEOUT_MS = 5000;

/** The open file, or why it cannot be read, one line naming the file. */
export type ReadableHistory =
	| {db: DatabaseSync; problem?: undefined; missing?: undefined}
	| {db?: undefined; problem: string; /** No file at all: nothing was ever recorded there. */ missing: boolean};

/** Opens `file` (absolute) for reading; never throws. Close `db` when done. */
export function openForReading(file: string): ReadableHistory {
	if (!existsSync(file)) {
		return {
			problem: `no history yet: ${file} does not exist (the live view and the exporter record there while they run)`,
			missing: true,
		};
	}

	let db: DatabaseSync | undefined;
	try {
		db = new DatabaseSync(file, {timeout: READ_BUSY_TIMEOUT_MS});
		if (pragmaNumber(db, 'application_id') !== APPLICATION_ID) {
			db.close();
			return {problem: `${file} is not a letta-fleet history file`, missing: false};
		}

		const version = pragmaNumber(db, 'user_version');
		if (version > SCHEMA_VERSION) {
			db.close();
			return {
				problem: `${file} was written by a newer letta-fleet (schema ${version}; this one reads ${SCHEMA_VERSION})`,
				missing: false,
			};
		}

		return {db};
	} catch (error) {
		db?.close();
		return {problem: `cannot read ${file}: ${String((error as Error).message).split('\n')[0]}`, missing: false};
	}
}
