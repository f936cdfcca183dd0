/**
 * `letta-fleet history`: what the fleet did, as recorded, for the base URL the live view would
 * watch (the same flags and environment; `--demo` reads the demo's runs), every organization
 * recorded for it unless `--org` names one. A table, or with `--json` one line per event in the
 * `--events` shape. The startup view of the config file (sort, scope, filter) does not apply: only
 * a `--filter` typed here does. Everything read from the file is sanitized before it is printed.
 */
import type {DatabaseSync} from 'node:sqlite';
import {sanitizeDeep, sanitizeText} from '../api/sanitize.js';
import {maskUrl} from '../api/url-mask.js';
import type {Options} from '../config/flags.js';
import {UsageError} from '../config/usage-error.js';
import type {FleetEvent} from '../fleet/types.js';
import {type HistoryScope, readEvents, recordedOrganizations} from '../history/queries.js';
import {parseTimeSpec, resolveTime} from '../config/durations.js';
import {eventToJson} from '../output/events.js';
import {describeEvent} from '../view/event-text.js';
import {parseFilter} from '../view/query.js';
import {type Io, print} from './io.js';
import {openRecordedSource} from './recorded-source.js';

/** The most events one answer prints; past it a line says how to narrow the question. */
export const MAX_HISTORY_EVENTS = 100_000;

/** Runs the command; returns the exit status (0 answered, 1 no history to read, 2 a bad question). */
export async function runHistory(options: Options, io: Io, now = Date.now()): Promise<number> {
	const until = options.until === undefined ? now : Math.min(now, resolveTime(parseTimeSpec(options.until), now));
	// As availability reads it: --since's default length reaches back from the window's end.
	const since = resolveTime(parseTimeSpec(options.since), options.sources['since'] === undefined ? until : now);
	if (since >= until) throw new UsageError('--since must be before --until');
	const source = await openRecordedSource(options, io.env);
	if (source.db === undefined) return fail(io, source.problem);
	const {db, baseUrl, file} = source;
	try {
		const organizations = recordedOrganizations(db, baseUrl);
		if (organizations.length === 0 || (options.org !== '' && !organizations.includes(options.org))) {
			return fail(io, nothingRecorded(db, baseUrl, options.org || undefined, file));
		}

		const scope: HistoryScope = {baseUrl, since, until, ...(options.org === '' ? {} : {org: options.org})};
		const {events, skipped} = readEvents(db, scope, {
			...(options.types ? {types: options.types} : {}),
			limit: MAX_HISTORY_EVENTS,
			match: matcher(options),
		});
		if (skipped > 0)
			io.stderr.write(`letta-fleet: ${skipped} recorded events could not be read and were skipped\n`);
		if (events.length >= MAX_HISTORY_EVENTS) {
			io.stderr.write(
				`letta-fleet: showing the first ${MAX_HISTORY_EVENTS} events; narrow the question with --since, --until, --type or --filter\n`,
			);
		}

		const clean = events.map(({event, organizationId}) => ({
			event: sanitizeDeep(event) as FleetEvent,
			organizationId: sanitizeText(organizationId),
		}));
		if (options.json) return await print(io, clean.map(({event}) => `${eventToJson(event)}\n`).join(''));
		return await print(io, historyTable(clean, organizations.length > 1 && options.org === '', now));
	} catch (error) {
		if (error instanceof UsageError) throw error;
		return fail(io, `cannot read ${file}: ${(error as Error).message.split('\n')[0]}`);
	} finally {
		db.close();
	}
}

function fail(io: Io, line: string): number {
	io.stderr.write(`letta-fleet: ${sanitizeText(line)}\n`);
	return 1;
}

/** The line for a base URL (or organization) with nothing recorded: what the file does hold. */
function nothingRecorded(db: DatabaseSync, baseUrl: string, org: string | undefined, file: string): string {
	const recorded = db
		.prepare('SELECT DISTINCT base_url FROM sources ORDER BY base_url LIMIT 10')
		.all()
		.map(row => (typeof row['base_url'] === 'string' ? maskUrl(row['base_url']) : '?'));
	const what = org === undefined ? maskUrl(baseUrl) : `organization ${org} at ${maskUrl(baseUrl)}`;
	return `nothing recorded for ${what} in ${file}${recorded.length > 0 ? ` (it holds ${recorded.join(', ')}; pick one with --base-url, --context or --demo)` : ''}`;
}

/** The `--filter` typed on the command line (never the config file's startup filter) over an event's fields. */
function matcher(options: Options): ((event: FleetEvent) => boolean) | undefined {
	const pattern = options.sources['filter'] === 'flag' ? parseFilter(options.filter) : null;
	if (!pattern) return undefined;
	return event => {
		const haystack = [
			event.connectionName,
			event.id,
			event.deviceId,
			event.listenerInstanceId ?? '',
			event.type,
			describeEvent(event),
		].join('\n');
		return pattern.test(haystack) !== pattern.inverted;
	};
}

/** The table: when (a date where not today), type, name, record id, what happened; the organization when several. */
function historyTable(
	events: Array<{event: FleetEvent; organizationId: string}>,
	withOrg: boolean,
	now: number,
): string {
	if (events.length === 0) return 'no events recorded in this window\n';
	const today = localDay(now);
	const rows = events.map(({event, organizationId}) => [
		formatWhen(event.at, today),
		event.type,
		event.connectionName,
		event.id,
		...(withOrg ? [organizationId] : []),
		describeEvent(event),
	]);
	const header = ['WHEN', 'TYPE', 'NAME', 'ID', ...(withOrg ? ['ORG'] : []), 'WHAT'];
	const widths = header.map((title, column) =>
		Math.min(40, Math.max(title.length, ...rows.map(row => row[column]!.length))),
	);
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => (column === cells.length - 1 ? cell : fit(cell, widths[column]!)))
			.join('  ')
			.trimEnd();
	return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function fit(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function localDay(epochMs: number): string {
	const date = new Date(epochMs);
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `14:03:21` today, `2026-12-01 14:03:21` another day (local time). */
function formatWhen(epochMs: number, today: string): string {
	const date = new Date(epochMs);
	const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
	const day = localDay(epochMs);
	return day === today ? time : `${day} ${time}`;
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}
