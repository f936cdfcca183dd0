/**
 * Where `history` and `availability` read: the history file the live view would record to (the
 * same flags and environment), and the base URL it would watch (`--demo` reads the demo's runs).
 */
import type {DatabaseSync} from 'node:sqlite';
import {historyPath} from '../config/history-path.js';
import type {Options} from '../config/flags.js';
import {resolveCredentials} from '../credentials/credential-sources.js';
import {readIntervals} from '../history/queries.js';
import {openForReading} from '../history/read-file.js';
import {DEMO_SOURCE, sourceBaseUrl} from '../history/source-key.js';
import type {HistoryReader} from './availability.js';

/** The open file, its path and the normalized base URL to read; or why there is none, one line. */
export type RecordedSource =
	| {db: DatabaseSync; file: string; baseUrl: string; problem?: undefined; missing?: undefined}
	| {db?: undefined; problem: string; missing: boolean};

/**
 * Opens the history file for reading and names the source. `missing` is true when there is simply
 * no file yet (nothing was ever recorded). Close `db` when done.
 */
export async function openRecordedSource(options: Options, env: NodeJS.ProcessEnv): Promise<RecordedSource> {
	const where = historyPath({...options, command: 'watch'}, env);
	if (where.file === undefined) return {problem: where.why, missing: true};
	const baseUrl = options.demo ? DEMO_SOURCE : sourceBaseUrl((await resolveCredentials(options, {env})).baseUrl);
	const opened = openForReading(where.file);
	if (opened.db === undefined) return {problem: opened.problem, missing: opened.missing};
	return {db: opened.db, file: where.file, baseUrl};
}

/** availability's reader of the embedded history (modes/availability.ts's HistoryReader). */
export function recordedIntervals(options: Options, env: NodeJS.ProcessEnv): HistoryReader {
	return async query => {
		const source = await openRecordedSource(options, env);
		if (source.db === undefined) {
			if (source.missing) return null;
			throw new Error(source.problem);
		}

		try {
			return readIntervals(source.db, {
				baseUrl: source.baseUrl,
				since: query.since,
				until: query.until,
				...(query.org === '' ? {} : {org: query.org}),
			});
		} finally {
			source.db.close();
		}
	};
}
