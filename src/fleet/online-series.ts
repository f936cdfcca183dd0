/**
 * The fleet's online count, minute by minute, for the header's trend: the lowest count any poll of
 * a minute saw, so a dip between two polls of one minute is not hidden by the second. Pure, bounded.
 */
import type {Connection} from '../api/connection.js';
import {connectionStatus} from './status.js';

/** Minutes the trend keeps: an hour, as the header shows it. */
export const ONLINE_SERIES_MINUTES = 60;

const MINUTE_MS = 60_000;

/** One minute of the trend: `minute` is the epoch ms its minute starts at; `online` the lowest count seen in it. */
export type MinuteSample = {minute: number; online: number};

/** Oldest first, one sample per minute that had a successful poll (a minute without one is a gap), at most an hour. */
export type OnlineSeries = readonly MinuteSample[];

/** Listeners online at the server's time `serverNow` (ms), by the stale threshold `staleAfterMs` (fleet/status.ts). */
export function countOnline(connections: readonly Connection[], serverNow: number, staleAfterMs: number): number {
	let online = 0;
	// By index, not for…of: docs/performance.md, "Loops run once a poll".
	for (let index = 0; index < connections.length; index++) {
		if (connectionStatus(connections[index]!, serverNow, staleAfterMs) === 'online') online++;
	}

	return online;
}

/**
 * The series with a poll at `at` (local epoch ms) that saw `online` listeners online: the minute's
 * sample lowered to it, or a new sample; samples older than an hour before `at` dropped. A clock
 * stepped back starts the series again rather than writing into the past.
 */
export function recordOnline(series: OnlineSeries, at: number, online: number): OnlineSeries {
	const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
	const last = series.at(-1);
	if (last && last.minute === minute) {
		return last.online <= online ? series : [...series.slice(0, -1), {minute, online}];
	}

	if (last && last.minute > minute) return [{minute, online}];
	const oldest = minute - (ONLINE_SERIES_MINUTES - 1) * MINUTE_MS;
	return [...series.filter(sample => sample.minute >= oldest), {minute, online}];
}

/**
 * The last `minutes` minutes up to `now` (ms) as values, oldest first: a sample's count, or null for
 * a minute no poll succeeded in (paused, the API down, or before the monitor started).
 */
export function onlineByMinute(series: OnlineSeries, now: number, minutes: number): Array<number | null> {
	const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
	const byMinute = new Map(series.map(sample => [sample.minute, sample.online]));
	return Array.from(
		{length: minutes},
		(_, index) => byMinute.get(current - (minutes - 1 - index) * MINUTE_MS) ?? null,
	);
}
