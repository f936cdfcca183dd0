/**
 * The poll loop's memory, alone in a fresh process (bench/suite-memory.ts spawns this file with --expose-gc): sets
 * the live view's heap flags as it does (in the running process: given on Node's command line instead,
 * --semi-space-growth-factor=1 leaves the young generation at its largest, about 270 MB resident here), runs
 * `memorySamples` and prints them as JSON on stdout.
 */
import v8 from 'node:v8';
import {parsePage} from '../src/api/parse.js';
import {createSimulation} from '../src/demo/simulation.js';
import {keyRecords} from '../src/fleet/row-keys.js';
import {fleetReducer, initialFleetState} from '../src/fleet/reducer.js';
import type {Snapshot} from '../src/fleet/types.js';
import {LONG_RUN_V8_FLAGS} from '../src/process/v8-flags.js';
import {quick} from './measure.js';

/**
 * [poll, RSS MB, heap used MB] every fifth of the run. Each poll goes the way a
 * real one does, short of the socket: 100 pages of JSON text, each parsed, then
 * diff and reduce. The simulated fleet and the page text (the server's side, about
 * 20 MB) live in this process too, so the figure errs high.
 */
export function memorySamples(): Array<[number, number, number]> {
	let now = Date.now();
	const simulation = createSimulation({seed: 4, size: 10_000, now: () => now, churnPerMinute: 600});
	let state = initialFleetState();
	const samples: Array<[number, number, number]> = [];
	const polls = quick ? 200 : 1000;
	for (let poll = 1; poll <= polls; poll++) {
		now += 2000;
		const records = simulation.list();
		const connections = [];
		for (let start = 0; start < records.length; start += 100) {
			const body = JSON.stringify({
				connections: records.slice(start, start + 100),
				hasNextPage: start + 100 < records.length,
			});
			connections.push(...parsePage(JSON.parse(body), state.snapshot?.byId).connections);
		}

		const snapshot: Snapshot = {
			...keyRecords(connections),
			fetchedAt: now,
			clockOffsetMs: 0,
			latencyMs: 0,
			pages: 100,
		};
		state = fleetReducer(state, {type: 'poll-succeeded', snapshot});
		state = fleetReducer(state, {type: 'tick', now});
		if (poll === 1 || poll % (polls / 5) === 0) {
			globalThis.gc?.();
			const memory = process.memoryUsage();
			samples.push([poll, memory.rss / 1024 / 1024, memory.heapUsed / 1024 / 1024]);
		}
	}

	return samples;
}

for (const flag of LONG_RUN_V8_FLAGS) v8.setFlagsFromString(flag);
process.stdout.write(JSON.stringify(memorySamples()));
