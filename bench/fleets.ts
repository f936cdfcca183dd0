/**
 * The fleets the suites measure: their sizes, a seeded simulated fleet as the reducer holds it, and a
 * next snapshot with about 1% of it changed.
 */
import {parsePage} from '../src/api/parse.js';
import {createSimulation} from '../src/demo/simulation.js';
import {keyRecords} from '../src/fleet/row-keys.js';
import {fleetReducer, type FleetState, initialFleetState} from '../src/fleet/reducer.js';
import type {Snapshot} from '../src/fleet/types.js';

/** Listeners in the fleets most figures are taken at. */
export const SIZES = [100, 1000, 10_000, 50_000];

/** Raw records as one complete pass, fetched at `fetchedAt` (epoch ms). */
export function snapshotFromRaw(raw: unknown[], fetchedAt: number): Snapshot {
	const {connections} = parsePage({connections: raw, hasNextPage: false});
	return {...keyRecords(connections), fetchedAt, clockOffsetMs: 0, latencyMs: 0, pages: 1};
}

/** A second snapshot with about 1% of the fleet changed: disconnects, reconnects, mode and branch changes. */
export function churned(raw: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
	return raw.map((record, index) => {
		if (index % 100 !== 7)
			return {
				...record,
				lastHeartbeat: typeof record['lastHeartbeat'] === 'number' ? record['lastHeartbeat'] + 2000 : null,
			};
		switch (index % 4) {
			case 0:
				return {...record, connectionId: null, podId: null, connectedAt: null, lastHeartbeat: null};
			case 1:
				return {...record, connectionId: `conn-new-${index}`};
			case 2:
				return {...record, currentMode: 'unrestricted'};
			default:
				return {...record, metadata: {...(record['metadata'] as object), gitBranch: 'feat/bench'}};
		}
	});
}

/** A frozen fleet of `size` records (seed 3) after one poll at `now` (epoch ms). */
export function stateFor(size: number, now: number): FleetState {
	const simulation = createSimulation({seed: 3, size, now: () => now, churnPerMinute: 0});
	return fleetReducer(initialFleetState(), {
		type: 'poll-succeeded',
		snapshot: snapshotFromRaw(simulation.list(), now),
	});
}
