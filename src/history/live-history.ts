/**
 * What the live view reads back from the history file while it records to it: one listener's
 * intervals and older events for the detail pane, the events before this run for the event log, and
 * the fleet's online count a minute for the header's trend. A second, read-only connection to the
 * file: in WAL mode it reads while the recorder writes, and it never waits (busy_timeout 0), so a
 * read never holds a key or a frame; a read that fails answers nothing rather than throwing.
 */
import type {DatabaseSync} from 'node:sqlite';
import type {FleetEvent} from '../fleet/types.js';
import type {MinuteSample} from '../fleet/online-series.js';
import {readFleetAt} from './fleet-at.js';
import {type HistoryScope, readEvents, readIntervals} from './queries.js';
import type {FleetAt} from './rebuild.js';
import {openForReading} from './read-file.js';
import type {ListenerIntervals} from './types.js';

/** The live view's reads of its own history file; each answers nothing (null or []) when the read fails. */
export type LiveHistory = {
	/** One listener's (its record id's) intervals within `[since, until)` epoch ms; null when never recorded. */
	listener(recordId: string, since: number, until: number): ListenerIntervals | null;
	/** At most `limit` events recorded before `before` (epoch ms), oldest first, their `id` the record id. */
	eventsBefore(before: number, limit: number): FleetEvent[];
	/** The same, of one listener (its record id): what the detail pane shows of it beyond what the view holds. */
	listenerEventsBefore(recordId: string, before: number, limit: number): FleetEvent[];
	/** The online count of each recorded minute from `since` (epoch ms), every organization summed, oldest first. */
	onlineCounts(since: number): MinuteSample[];
	/** The fleet as recorded at `at` (epoch ms), rebuilt (rebuild.ts); null when the read fails. */
	fleetAt(at: number): FleetAt | null;
	close(): void;
};

/** Opens `file` for the live view's reads of `baseUrl` (source-key.ts's form); undefined when it cannot be read. */
export function openLiveHistory(file: string, baseUrl: string): LiveHistory | undefined {
	const opened = openForReading(file);
	if (opened.db === undefined) return undefined;
	const db: DatabaseSync = opened.db;
	try {
		db.exec('PRAGMA busy_timeout = 0');
	} catch {
		db.close();
		return undefined;
	}

	const attempt = <T>(read: () => T, none: T): T => {
		try {
			return read();
		} catch {
			return none;
		}
	};

	const newestEvents = (scope: HistoryScope, limit: number): FleetEvent[] =>
		attempt(() => readEvents(db, scope, {limit, keep: 'newest'}).events.map(recorded => recorded.event), []);

	return {
		listener: (recordId, since, until) =>
			attempt(() => readIntervals(db, {baseUrl, recordId, since, until})[0] ?? null, null),
		eventsBefore: (before, limit) => newestEvents({baseUrl, since: 0, until: before}, limit),
		listenerEventsBefore: (recordId, before, limit) =>
			newestEvents({baseUrl, recordId, since: 0, until: before}, limit),
		onlineCounts: since =>
			attempt(
				() =>
					db
						.prepare(
							`SELECT c.minute, sum(c.online) AS online FROM counts c JOIN sources s ON s.id = c.source_id
							WHERE s.base_url = ? AND c.minute >= ? GROUP BY c.minute ORDER BY c.minute`,
						)
						.all(baseUrl, since)
						.map(row => ({minute: Number(row['minute']), online: Number(row['online'])}))
						.filter(sample => Number.isFinite(sample.minute) && Number.isFinite(sample.online)),
				[],
			),
		fleetAt: at => attempt(() => readFleetAt(db, baseUrl, at), null),
		close: () => attempt(() => db.close(), undefined),
	};
}
