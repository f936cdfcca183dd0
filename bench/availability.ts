/**
 * What availability's arithmetic costs: `availabilityReport` for a fleet of listeners with a month of
 * status intervals each, and the detail pane's band and words for one listener. Pure, in process, no
 * I/O: the reader's cost (SQLite or Prometheus) is not in these figures. Medians of `rounds` runs.
 *
 *   npx tsc -p tsconfig.bench.json && node build/bench/bench/availability.js [rounds=7]
 */
import {availabilityReport, listenerAvailability} from '../src/history/availability.js';
import {availabilityBand} from '../src/history/band.js';
import type {ListenerIntervals, RecordedStatus} from '../src/history/types.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 4);
const STATUSES: RecordedStatus[] = ['online', 'stale', 'online', 'offline'];
const rounds = Number(process.argv[2] ?? 7);

/** `listeners` listeners, each `perMonth` contiguous intervals evenly over the last 30 days. */
function fleet(listeners: number, perMonth: number): ListenerIntervals[] {
	const step = (30 * DAY) / perMonth;
	return Array.from({length: listeners}, (_, index) => ({
		listener: {id: `env-${index}`, deviceId: null, listenerInstanceId: null, connectionName: `host-${index}`},
		intervals: Array.from({length: perMonth}, (_, k) => ({
			status: STATUSES[(k + index) % STATUSES.length]!,
			from: NOW - 30 * DAY + k * step,
			to: NOW - 30 * DAY + (k + 1) * step,
		})),
		lastSeenAt: NOW,
	}));
}

function median(run: () => void, repeat = 1): number {
	const times: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const start = performance.now();
		for (let each = 0; each < repeat; each++) run();
		times.push((performance.now() - start) / repeat);
	}

	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)]!;
}

console.log('| measure | listeners | intervals a listener (30 d) | window | median |');
console.log('| --- | --- | --- | --- | --- |');
for (const [listeners, perMonth] of [
	[10_000, 10],
	[10_000, 100],
	[1_000, 1_000],
] as const) {
	const data = fleet(listeners, perMonth);
	for (const [label, days] of [
		['24h', 1],
		['30d', 30],
	] as const) {
		const ms = median(() => availabilityReport(data, {since: NOW - days * DAY, until: NOW}));
		console.log(`| availabilityReport | ${listeners} | ${perMonth} | ${label} | ${ms.toFixed(1)} ms |`);
	}
}

for (const perMonth of [100, 10_000]) {
	const [one] = fleet(1, perMonth);
	const ms = median(() => {
		availabilityBand(one!.intervals, NOW);
		for (const days of [1, 7, 30]) listenerAvailability(one!, {since: NOW - days * DAY, until: NOW});
	}, 100);
	console.log(`| band + 24h/7d/30d words, one listener | 1 | ${perMonth} | 24h band | ${ms.toFixed(3)} ms |`);
}
