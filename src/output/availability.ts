/**
 * `letta-fleet availability`'s outputs, no Ink: the table (worst first, caveats under it) and the JSON
 * report, whose shape issue 19 fixes: `{since, until, listeners: [{id, deviceId, listenerInstanceId,
 * connectionName, availability, staleShare, observedSeconds, disconnects, longestOutageSeconds,
 * lastSeenAt}]}` with times as ISO strings. Caveats are not in the JSON: the mode writes them to stderr.
 */
import type {AvailabilityReport, ListenerAvailability} from '../history/availability-report.js';
import {sanitizeText} from '../api/sanitize.js';
import {formatShare} from '../view/availability-band.js';
import {formatAge} from '../view/format.js';
import {fit, type Align} from '../view/text.js';
import {safeJson} from './safe-json.js';

/** The JSON report, one object and a newline; times as ISO strings, shares as fractions 0-1. */
export function renderAvailabilityJson(report: AvailabilityReport): string {
	const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
	return (
		safeJson({
			since: iso(report.since),
			until: iso(report.until),
			listeners: report.listeners.map(each => ({
				id: each.id,
				deviceId: each.deviceId,
				listenerInstanceId: each.listenerInstanceId,
				connectionName: each.connectionName,
				availability: each.availability,
				staleShare: each.staleShare,
				observedSeconds: each.observedSeconds,
				disconnects: each.disconnects,
				longestOutageSeconds: each.longestOutageSeconds,
				lastSeenAt: iso(each.lastSeenAt),
			})),
		}) + '\n'
	);
}

type Column = {title: string; align: Align; width: number; text: (each: ListenerAvailability) => string};

/** Names and ids get at most this many columns each; the numbers keep theirs. */
const MAX_NAME_WIDTH = 32;

/**
 * The table for a terminal or a pipe (`width` columns; a pipe gets every column at full width): a
 * line saying the window, a row per listener in the report's order (worst first), then the caveats.
 * `clock` writes a moment (local "YYYY-MM-DD HH:MM" by default).
 */
export function renderAvailabilityTable(
	report: AvailabilityReport,
	width: number,
	clock: (epochMs: number) => string = localMinute,
): string {
	const {listeners} = report;
	const longest = (texts: string[], title: string) =>
		Math.min(MAX_NAME_WIDTH, Math.max(title.length, ...texts.map(text => text.length)));
	const name = (each: ListenerAvailability) => sanitizeText(each.connectionName || '-');
	const id = (each: ListenerAvailability) => sanitizeText(each.id);
	const numbers: Column[] = [
		{title: 'AVAIL', align: 'right', width: 8, text: each => shareCell(each.availability)},
		{title: 'STALE', align: 'right', width: 8, text: each => shareCell(each.staleShare)},
		{title: 'OBSERVED', align: 'right', width: 8, text: each => seconds(each.observedSeconds)},
		{title: 'DISC', align: 'right', width: 5, text: each => String(each.disconnects)},
		{title: 'LONGEST', align: 'right', width: 8, text: each => seconds(each.longestOutageSeconds)},
		{
			title: 'LAST SEEN',
			align: 'left',
			width: 16,
			text: each => (each.lastSeenAt === null ? '-' : clock(each.lastSeenAt)),
		},
	];
	const fixed = numbers.reduce((sum, column) => sum + column.width + 1, 2);
	// What is left is shared by the name and the id; the name is what people read, so it goes first.
	const room = Math.max(16, width - fixed - 1);
	const nameWidth = Math.min(longest(listeners.map(name), 'NAME'), Math.max(8, room - 8));
	const idWidth = Math.max(0, Math.min(longest(listeners.map(id), 'ID'), room - nameWidth - 1));
	const columns: Column[] = [
		{title: 'NAME', align: 'left', width: nameWidth, text: name},
		...(idWidth >= 4 ? [{title: 'ID', align: 'left' as const, width: idWidth, text: id}] : []),
		...numbers,
	];
	const line = (cells: string[]) => `  ${cells.join(' ')}`.trimEnd();
	const observed = listeners.filter(each => each.availability !== null).length;
	const lines = [
		`availability from ${clock(report.since)} to ${clock(report.until)} (${formatAge(report.until - report.since)}): ${listeners.length} listener${listeners.length === 1 ? '' : 's'}, ${observed} observed`,
		'',
		line(columns.map(column => fit(column.title, column.width, column.align))),
		...listeners.map(each => line(columns.map(column => fit(column.text(each), column.width, column.align)))),
	];
	if (listeners.length === 0) lines.push('  (no listener was recorded in this window)');
	if (report.caveats.length > 0) lines.push('', ...report.caveats.map(caveat => `note: ${caveat}`));
	return lines.join('\n') + '\n';
}

function shareCell(share: number | null): string {
	return share === null ? '-' : formatShare(share);
}

function seconds(value: number): string {
	return value <= 0 ? '0' : formatAge(value * 1000);
}

/** "2026-11-29 05:14" in local time. */
function localMinute(epochMs: number): string {
	const date = new Date(epochMs);
	const two = (part: number) => String(part).padStart(2, '0');
	return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
