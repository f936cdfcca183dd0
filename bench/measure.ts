/** Small timing helpers: medians of repeated runs, on the monotonic clock; and whether the run is a quick one. */
import {performance} from 'node:perf_hooks';

/** `--quick`: the long runs (memory, the field) shorter, and docs/benchmarks.md left as it is. */
export const quick = process.argv.includes('--quick');

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function timeRuns(runs: number, run: () => unknown): Promise<number> {
	const times: number[] = [];
	for (let index = 0; index < runs; index++) {
		const start = performance.now();
		await run();
		times.push(performance.now() - start);
	}

	return median(times);
}

export function round(value: number, digits = 1): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
