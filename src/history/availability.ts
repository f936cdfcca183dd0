/**
 * Availability arithmetic, pure: status intervals and a window in, shares and counts out. Time no
 * interval covers is unknown (the monitor was not running, or did not see the listener): it is
 * neither up nor down, so every share is of the observed time only. Time comes in as parameters
 * (epoch ms); nothing here reads a clock.
 */
import type {AvailabilityReport, ListenerAvailability} from './availability-report.js';
import type {ListenerIntervals, RecordedStatus, StatusInterval} from './types.js';

/** A window of time, epoch ms, half-open: `[since, until)`. */
export type TimeWindow = {since: number; until: number};

/** Milliseconds of each status within a window; `unknown` is the rest of the window. */
export type StatusTotals = Record<RecordedStatus | 'unknown', number>;

const RECORDED: ReadonlySet<string> = new Set<RecordedStatus>(['online', 'stale', 'offline']);

/**
 * The intervals fit to read: sorted oldest first, each a known status with finite `from < to`, and
 * none overlapping (a later one starts where the one before ended). The shared type promises this;
 * a file or a Prometheus is outside input, so one bad interval is dropped rather than counted twice
 * or poisoning the sums with NaN.
 */
export function cleanIntervals(intervals: readonly StatusInterval[]): StatusInterval[] {
	const sorted = intervals
		.filter(
			each =>
				RECORDED.has(each.status) &&
				Number.isFinite(each.from) &&
				Number.isFinite(each.to) &&
				each.to > each.from,
		)
		.sort((a, b) => a.from - b.from || a.to - b.to);
	const clean: StatusInterval[] = [];
	let end = -Infinity;
	for (const each of sorted) {
		const from = Math.max(each.from, end);
		if (each.to <= from) continue;
		clean.push(from === each.from ? each : {...each, from});
		end = each.to;
	}

	return clean;
}

/** Milliseconds of each status within `window` (intervals clipped to it); `unknown` is what none covers. */
export function statusTotals(intervals: readonly StatusInterval[], window: TimeWindow): StatusTotals {
	return totalsOfClean(cleanIntervals(intervals), window);
}

/** statusTotals of intervals already cleaned (cleanIntervals): a report cleans each listener's once. */
function totalsOfClean(intervals: readonly StatusInterval[], window: TimeWindow): StatusTotals {
	const totals: StatusTotals = {online: 0, stale: 0, offline: 0, unknown: 0};
	for (const each of intervals) {
		const ms = Math.min(each.to, window.until) - Math.max(each.from, window.since);
		if (ms > 0) totals[each.status] += ms;
	}

	totals.unknown = Math.max(0, window.until - window.since - totals.online - totals.stale - totals.offline);
	return totals;
}

/**
 * One listener's availability over `window`.
 *
 * - `availability` and `staleShare`: online and stale milliseconds over observed milliseconds (the offline
 *   share is the rest); both null when nothing of the window was observed.
 * - `disconnects`: the observed moves from online or stale to offline that happen within the window: an
 *   offline interval starting at `t` in `[since, until)` exactly where an online or stale one ended. A
 *   listener online before an unknown gap and offline after it is **not** counted: nobody saw it drop, nor
 *   how often (a recorder that restarts records what it then sees, and its event log says the rest). Since
 *   the window is half-open, splitting it in two splits the count exactly.
 * - `longestOutageSeconds`: the longest run of adjacent offline intervals, clipped to the window. Unknown
 *   time ends a run: an outage interrupted by unknown time counts as **two**, each its observed length,
 *   so an outage is never longer than what was seen of it.
 * - `lastSeenAt`: the interval set's `lastSeenAt` when it is no later than `until`; otherwise (a window in
 *   the past) the end of the last online interval that starts before `until`, capped at `until`, or null.
 *
 * @throws RangeError when the window is not finite with `since < until`.
 */
export function listenerAvailability(entry: ListenerIntervals, window: TimeWindow): ListenerAvailability {
	checkWindow(window);
	const intervals = cleanIntervals(entry.intervals);
	const totals = totalsOfClean(intervals, window);
	const observed = totals.online + totals.stale + totals.offline;
	let disconnects = 0;
	let longest = 0;
	let run = 0;
	let previous: StatusInterval | undefined;
	for (const each of intervals) {
		const adjacent = previous !== undefined && previous.to === each.from;
		if (
			each.status === 'offline' &&
			adjacent &&
			previous!.status !== 'offline' &&
			each.from >= window.since &&
			each.from < window.until
		)
			disconnects++;
		const clipped = Math.max(0, Math.min(each.to, window.until) - Math.max(each.from, window.since));
		if (each.status === 'offline') {
			run = adjacent && previous!.status === 'offline' ? run + clipped : clipped;
			longest = Math.max(longest, run);
		} else {
			run = 0;
		}

		previous = each;
	}

	const {listener} = entry;
	return {
		id: listener.id,
		deviceId: listener.deviceId,
		listenerInstanceId: listener.listenerInstanceId,
		connectionName: listener.connectionName,
		availability: observed > 0 ? totals.online / observed : null,
		staleShare: observed > 0 ? totals.stale / observed : null,
		observedSeconds: observed / 1000,
		disconnects,
		longestOutageSeconds: longest / 1000,
		lastSeenAt: lastSeen(entry.lastSeenAt, intervals, window.until),
	};
}

/**
 * The report for every listener over `window`, worst first: lowest availability, then the most
 * disconnects, then never-observed listeners (availability null) last; ties by name, then id.
 *
 * @throws RangeError when the window is not finite with `since < until`.
 */
export function availabilityReport(
	entries: readonly ListenerIntervals[],
	window: TimeWindow,
	caveats: readonly string[] = [],
): AvailabilityReport {
	checkWindow(window);
	const listeners = entries.map(entry => listenerAvailability(entry, window)).sort(worstFirst);
	return {since: window.since, until: window.until, listeners, caveats: [...caveats]};
}

/** Worst first: lower availability, more disconnects, longer outage; null (never observed) last; then name, id. */
export function worstFirst(a: ListenerAvailability, b: ListenerAvailability): number {
	// Never observed sorts after every share; two of them tie here and fall through to the counts and names.
	const rank = (value: number | null) => value ?? 2;
	return (
		rank(a.availability) - rank(b.availability) ||
		b.disconnects - a.disconnects ||
		b.longestOutageSeconds - a.longestOutageSeconds ||
		a.connectionName.localeCompare(b.connectionName) ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

function lastSeen(given: number | null, intervals: readonly StatusInterval[], until: number): number | null {
	if (given !== null && Number.isFinite(given) && given <= until) return given;
	for (let index = intervals.length - 1; index >= 0; index--) {
		const each = intervals[index]!;
		if (each.status === 'online' && each.from < until) return Math.min(each.to, until);
	}

	return null;
}

function checkWindow(window: TimeWindow): void {
	if (!Number.isFinite(window.since) || !Number.isFinite(window.until) || window.since >= window.until)
		throw new RangeError(`an availability window needs since < until (got ${window.since} to ${window.until})`);
}
