/**
 * Availability from a Prometheus that scrapes `letta-fleet exporter`, pure: the PromQL this asks
 * (built from the exporter's family names, src/exporter/families.ts, so a rename cannot leave it
 * behind) and how the answers become the same report the embedded history gives. The HTTP side is
 * availability-source.ts.
 *
 * The numbers come from samples (`letta_environment_status`, a state set, one sample a scrape):
 * - availability and staleShare: `avg_over_time` of the online and stale series, which is the share of
 *   the scrapes that saw the listener in that status: time nobody scraped is not in it, as with the
 *   embedded history;
 * - observedSeconds: the scrapes that saw it times the scrape interval (estimated from the exporter's own
 *   `letta_fleet_api_up` samples);
 * - disconnects: `increase()` of the exporter's own counter, `letta_environment_disconnects_total`, which
 *   its polls (every `--interval`, 2 s by default) count from the diff's `disconnected` events, so a drop
 *   shorter than Prometheus's scrape interval is still counted. Chosen over the samples alone, which
 *   miss such a drop; the counter costs one series a listener. From an exporter without it (older), the
 *   offline series' moves from 0 to 1, from `changes()` and its last value (the moves alternate, so the
 *   last value says which way the first went), with that caveat said;
 * - longestOutageSeconds: the longest run of offline points of a `query_range` at `step` seconds, to
 *   the nearest step;
 * - lastSeenAt: the newest heartbeat the exporter reported in the window.
 * The exporter's `id` label is its row key: the record's id, `<id>#2` for a repeated one.
 */
import {sanitizeText} from '../api/sanitize.js';
import {FAMILIES} from './families.js';
import type {AvailabilityReport, ListenerAvailability} from '../history/availability-report.js';
import {worstFirst, type TimeWindow} from '../history/availability.js';

/** One instant-vector sample as /api/v1/query gives it. */
export type VectorSample = {metric: Record<string, string>; value: [number, string]};
/** One range series as /api/v1/query_range gives it. */
export type MatrixSeries = {metric: Record<string, string>; values: Array<[number, string]>};

/** At most this many points a series in the outage query: bounds the answer, sets the step. */
export const MAX_OUTAGE_POINTS = 500;
/** At most this many listeners read from one answer; more is refused as not the exporter's. */
export const MAX_SERIES = 200_000;

const BY = 'id, device_id, connection_name';
const STATUS = FAMILIES.status.name;

/** The instant queries, each evaluated at the window's end over the whole window. */
export function availabilityQueries(window: TimeWindow): Record<InstantKey, string> {
	const range = `[${rangeSeconds(window)}s]`;
	const status = (value: string) => `${STATUS}{status="${value}"}${range}`;
	return {
		online: `avg by (${BY}) (avg_over_time(${status('online')}))`,
		stale: `avg by (${BY}) (avg_over_time(${status('stale')}))`,
		scrapes: `max by (${BY}) (count_over_time(${status('online')}))`,
		counter: `max by (${BY}) (increase(${FAMILIES.disconnects.name}${range}))`,
		changes: `max by (${BY}) (changes(${status('offline')}))`,
		lastOffline: `max by (${BY}) (last_over_time(${status('offline')}))`,
		lastSeen: `max by (${BY}) (max_over_time(${FAMILIES.lastHeartbeat.name}${range}))`,
		info: `max by (${BY}, listener_instance_id) (last_over_time(${FAMILIES.info.name}${range}))`,
	};
}

export type InstantKey = 'online' | 'stale' | 'scrapes' | 'counter' | 'changes' | 'lastOffline' | 'lastSeen' | 'info';

/** The range query for outages: only the points where the listener was offline. */
export function outageQuery(): string {
	return `max by (${BY}) (${STATUS}{status="offline"}) == 1`;
}

/** The raw samples of the exporter's own gauge over the last `seconds` before the window's end: its scrape times. */
export function scrapeProbeQuery(seconds: number): string {
	return `${FAMILIES.apiUp.name}[${Math.max(1, Math.round(seconds))}s]`;
}

/** The window's length in whole seconds, at least 1 (PromQL ranges are whole). */
export function rangeSeconds(window: TimeWindow): number {
	return Math.max(1, Math.round((window.until - window.since) / 1000));
}

/** The outage query's step, seconds: the scrape interval, or coarser so a series has at most MAX_OUTAGE_POINTS. */
export function outageStep(window: TimeWindow, intervalSeconds: number): number {
	return Math.max(1, Math.ceil(intervalSeconds), Math.ceil(rangeSeconds(window) / MAX_OUTAGE_POINTS));
}

/** The scrape interval, seconds: the median spacing of sample times (Unix seconds); null for fewer than two. */
export function medianSpacing(times: readonly number[]): number | null {
	const sorted = times.filter(Number.isFinite).sort((a, b) => a - b);
	const gaps = sorted
		.slice(1)
		.map((time, index) => time - sorted[index]!)
		.filter(gap => gap > 0);
	if (gaps.length === 0) return null;
	gaps.sort((a, b) => a - b);
	return gaps[Math.floor(gaps.length / 2)]!;
}

type Names = {id: string; deviceId: string | null; connectionName: string; listenerInstanceId: string | null};

/**
 * The report from the answers. `vectors` are the instant queries' results by key, `outages` the range
 * query's, `intervalSeconds` the estimated scrape interval and `step` the outage query's step.
 * A listener is every series of the `scrapes` query; a malformed sample is skipped, never guessed.
 */
export function reportFromSamples(
	window: TimeWindow,
	vectors: Record<InstantKey, readonly VectorSample[]>,
	outages: readonly MatrixSeries[],
	intervalSeconds: number,
	step: number,
): AvailabilityReport {
	const values = (key: InstantKey) => {
		const map = new Map<string, number>();
		for (const sample of vectors[key].slice(0, MAX_SERIES)) {
			const value = Number(sample.value?.[1]);
			if (Number.isFinite(value)) map.set(keyOf(sample.metric), value);
		}

		return map;
	};

	const online = values('online');
	const stale = values('stale');
	const counter = values('counter');
	const changes = values('changes');
	const lastOffline = values('lastOffline');
	const lastSeen = values('lastSeen');
	const instances = new Map<string, string>();
	for (const sample of vectors.info.slice(0, MAX_SERIES)) {
		const instance = sample.metric?.['listener_instance_id'];
		if (instance) instances.set(keyOf(sample.metric), sanitizeText(instance));
	}

	const longest = longestRuns(outages, step);
	const listeners: ListenerAvailability[] = [];
	for (const sample of vectors.scrapes.slice(0, MAX_SERIES)) {
		const scrapes = Number(sample.value?.[1]);
		const names = namesOf(sample.metric);
		if (!names || !Number.isFinite(scrapes) || scrapes < 0) continue;
		const key = keyOf(sample.metric);
		const observed = scrapes > 0;
		const share = (map: Map<string, number>) => (observed ? clamp(map.get(key) ?? 0) : null);
		const seen = lastSeen.get(key);
		const observedSeconds = Math.min(scrapes * intervalSeconds, rangeSeconds(window));
		listeners.push({
			...names,
			listenerInstanceId: instances.get(key) ?? null,
			availability: share(online),
			staleShare: share(stale),
			observedSeconds,
			// increase() extrapolates to the window's edges: 0.98 of a disconnect is one.
			disconnects: counter.has(key)
				? Math.max(0, Math.round(counter.get(key)!))
				: offlineRises(changes.get(key) ?? 0, lastOffline.get(key) ?? 0),
			// A run of points at a coarse step can count more than was scraped: never longer than what was observed.
			longestOutageSeconds: Math.min(longest.get(key) ?? 0, observedSeconds),
			lastSeenAt: seen !== undefined && seen > 0 ? Math.min(seen * 1000, window.until) : null,
		});
	}

	listeners.sort(worstFirst);
	return {
		since: window.since,
		until: window.until,
		listeners,
		caveats: [
			...(listeners.length === 0
				? [
						"Prometheus has the exporter's samples but no listener's in this window: an exporter run with --no-per-environment keeps none",
					]
				: []),
			counter.size > 0
				? `from Prometheus samples about every ${formatSeconds(intervalSeconds)}: an outage shorter than that is missed in the shares and the longest outage; disconnects are the exporter's own count (${FAMILIES.disconnects.name}), from its polls`
				: `from Prometheus samples about every ${formatSeconds(intervalSeconds)}: a disconnect or outage shorter than that is missed, and a drop across a gap in the scrapes counts as a disconnect (an exporter from before ${FAMILIES.disconnects.name})`,
			`the longest outage is measured to the nearest ${formatSeconds(step)}`,
		],
	};
}

/**
 * Moves from 0 to 1 of a 0/1 series with `changes` changes whose last value is `last`: the moves
 * alternate, so an odd count started the other way from where it ended.
 */
export function offlineRises(changes: number, last: number): number {
	const count = Math.max(0, Math.round(changes));
	const endsOffline = last >= 0.5;
	// Ending offline: the last move was a rise, so the rises are the larger half.
	return endsOffline ? Math.ceil(count / 2) : Math.floor(count / 2);
}

/** Each listener's longest run of consecutive offline points (spaced `step` s apart), in seconds. */
function longestRuns(series: readonly MatrixSeries[], step: number): Map<string, number> {
	const longest = new Map<string, number>();
	for (const each of series.slice(0, MAX_SERIES)) {
		if (!Array.isArray(each.values)) continue;
		let best = 0;
		let run = 0;
		let previous = -Infinity;
		for (const point of each.values) {
			const time = Number(point?.[0]);
			if (!Number.isFinite(time)) continue;
			run = time - previous <= step * 1.5 ? run + step : step;
			best = Math.max(best, run);
			previous = time;
		}

		longest.set(keyOf(each.metric), best);
	}

	return longest;
}

function namesOf(metric: Record<string, string> | undefined): Omit<Names, 'listenerInstanceId'> | undefined {
	const id = metric?.['id'];
	if (typeof id !== 'string' || id === '') return undefined;
	const deviceId = metric?.['device_id'];
	return {
		id: sanitizeText(id),
		deviceId: deviceId ? sanitizeText(deviceId) : null,
		connectionName: sanitizeText(metric?.['connection_name'] ?? ''),
	};
}

function keyOf(metric: Record<string, string> | undefined): string {
	return JSON.stringify([metric?.['id'] ?? '', metric?.['device_id'] ?? '', metric?.['connection_name'] ?? '']);
}

function clamp(share: number): number {
	return Math.min(1, Math.max(0, share));
}

function formatSeconds(seconds: number): string {
	return seconds < 120 ? `${Math.round(seconds)}s` : `${Math.round(seconds / 60)}m`;
}
