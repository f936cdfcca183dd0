/**
 * `letta-fleet availability`: each listener's online share of a window, from the embedded history or
 * from a Prometheus that scrapes the exporter (`--prometheus URL`), as a table or `--json`. The window
 * is `--since` (default 24h ago) to `--until` (default now), read against `now` once, at the start.
 */
import {parseTimeSpec, resolveTime} from '../config/durations.js';
import type {Options} from '../config/flags.js';
import {availabilityReport, type TimeWindow} from '../history/availability.js';
import type {AvailabilityReport} from '../history/availability-report.js';
import type {ListenerIntervals} from '../history/types.js';
import {renderAvailabilityJson, renderAvailabilityTable} from '../output/availability.js';
import {signalExitStatus} from '../process/exit-status.js';
import {type Io, print} from './io.js';

/**
 * Reads the recorded intervals of every listener of the watched base URL (`org` '' for every
 * organization recorded for it, else that one) that overlap the window; null when nothing was ever
 * recorded (no history file). The embedded history supplies it; throws an Error whose message is one
 * line for a person when the file cannot be read.
 */
export type HistoryReader = (query: TimeWindow & {org: string}) => Promise<ListenerIntervals[] | null>;

/** Answers from a Prometheus: the report for the window, or an Error whose message is one line for a person. */
export type PrometheusReader = (
	prometheusUrl: string,
	window: TimeWindow,
	limits: {timeoutMs: number; maxBodyMib: number; signal?: AbortSignal},
) => Promise<AvailabilityReport>;

export type AvailabilityDeps = {
	/** The clock, epoch ms. */
	now: () => number;
	/** The embedded history; undefined where there is none to read (it is wired in by the history recorder). */
	readHistory?: HistoryReader;
	readPrometheus?: PrometheusReader;
};

/** The line shown when there is nothing recorded to answer from. */
export const NO_HISTORY =
	'no history recorded yet: the live view and the exporter record what they see; --prometheus URL reads a Prometheus that scrapes the exporter instead';

/**
 * Runs the command; returns the exit code: 0, 1 when the source cannot answer, 2 for a window that is
 * empty, a stop signal's status (130 for Ctrl-C) at once when one comes first.
 */
export async function runAvailability(options: Options, io: Io, deps: AvailabilityDeps): Promise<number> {
	const now = deps.now();
	// Time yet to come has not happened: a window reaching past now ends now.
	const until = Math.min(now, options.until === undefined ? now : resolveTime(parseTimeSpec(options.until), now));
	// --since's default length reaches back from the window's end, so `--until 2026-11-28` alone is that day's 24 h.
	const since = resolveTime(parseTimeSpec(options.since), options.sources['since'] === undefined ? until : now);
	if (since >= until) {
		io.stderr.write(
			`letta-fleet: --since (${new Date(since).toISOString()}) must be before --until (${new Date(until).toISOString()}, or now)\nTry letta-fleet --help.\n`,
		);
		return 2;
	}

	const window = {since, until};
	// Ctrl-C while Prometheus or the file is slow: stop now, and abort the request that would keep the process alive.
	const stop = new AbortController();
	const stopped = io.stopSignal.then(signal => {
		stop.abort();
		return signalExitStatus(signal);
	});
	const answered = answer(options, io, deps, window, stop.signal);
	const outcome = await Promise.race([answered, stopped]);
	if (typeof outcome === 'number') return outcome;
	const report = outcome;
	if (options.json) {
		for (const caveat of report.caveats) io.stderr.write(`letta-fleet: note: ${caveat}\n`);
		return print(io, renderAvailabilityJson(report));
	}

	const {prefersAscii, toAscii} = await import('../view/ascii.js');
	const table = renderAvailabilityTable(report, io.columns ?? 240);
	return print(io, prefersAscii(options.ascii, io.env) ? toAscii(table) : table);
}

/** The report, or the exit code after one line on stderr saying why there is none. */
async function answer(
	options: Options,
	io: Io,
	deps: AvailabilityDeps,
	window: TimeWindow,
	signal: AbortSignal,
): Promise<AvailabilityReport | number> {
	try {
		if (options.prometheus !== undefined) {
			if (options.org) {
				io.stderr.write(
					"letta-fleet: --org does not apply with --prometheus: the exporter's metrics carry no organization (run one exporter per organization, each its own job)\n",
				);
				return 2;
			}

			const read = deps.readPrometheus ?? (await import('../exporter/availability-source.js')).readPrometheus;
			return await read(options.prometheus, window, {
				timeoutMs: options.timeoutMs,
				maxBodyMib: options.maxBodyMib,
				signal,
			});
		} else {
			const intervals = deps.readHistory ? await deps.readHistory({...window, org: options.org}) : null;
			if (intervals === null) {
				io.stderr.write(`letta-fleet: ${NO_HISTORY}\n`);
				return 1;
			}

			return availabilityReport(intervals, window);
		}
	} catch (error) {
		if (signal.aborted) return 1;
		io.stderr.write(`letta-fleet: ${error instanceof Error ? error.message : String(error)}\n`);
		return 1;
	}
}
