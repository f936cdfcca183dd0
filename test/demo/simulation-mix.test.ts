/**
 * The demo fleet's shape over time, as the table judges it (fleet/rows.ts): duplicates a few percent at every size,
 * and a steady mix of online, stale and offline listeners over two hours of fake time, not a drift to all online.
 */
import {describe, expect, it} from 'vitest';
import {createSimulation} from '../../src/demo/simulation.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {snapshotOf} from '../helpers/fixtures.js';
import {simClock} from '../helpers/simulation.js';

type Shares = {rows: number; duplicates: number; online: number; stale: number; offline: number};

/** Shares (0-1) of the rows the table would show for `records` at `now`. */
function shares(records: ReturnType<ReturnType<typeof createSimulation>['list']>, now: number): Shares {
	const snapshot = snapshotOf(records, now);
	const rows = selectRows(fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot}), now);
	const share = (count: number) => count / rows.length;
	return {
		rows: rows.length,
		duplicates: share(rows.filter(row => row.duplicate !== null).length),
		online: share(rows.filter(row => row.status === 'online').length),
		stale: share(rows.filter(row => row.status === 'stale').length),
		offline: share(rows.filter(row => row.status === 'offline').length),
	};
}

/** The fleet read every `everyMinutes` for two hours of fake time, from its seeding on. */
function twoHours(size: number, seed: number, everyMinutes: number): Shares[] {
	const clock = simClock();
	const sim = createSimulation({seed, size, now: clock.now});
	const samples = [shares(sim.list(), clock.now())];
	for (let minute = everyMinutes; minute <= 120; minute += everyMinutes) {
		clock.tick(everyMinutes * 60_000);
		samples.push(shares(sim.list(), clock.now()));
	}

	return samples;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('the demo fleet over two hours', () => {
	for (const size of [3000, 20_000]) {
		it(`keeps duplicates a few percent, and its mix, at ${size} listeners`, () => {
			for (const sample of twoHours(size, 3, 20)) {
				expect(sample.duplicates, JSON.stringify(sample)).toBeGreaterThan(0.01);
				expect(sample.duplicates, JSON.stringify(sample)).toBeLessThan(0.09);
				expect(sample.online, JSON.stringify(sample)).toBeGreaterThan(0.55);
				expect(sample.online, JSON.stringify(sample)).toBeLessThan(0.75);
				expect(sample.offline, JSON.stringify(sample)).toBeGreaterThan(0.25);
			}
		});
	}

	it('keeps 40 listeners in a steady mix: some stale, some offline, never all online', () => {
		for (const seed of [1, 2, 3, 42]) {
			const samples = twoHours(40, seed, 1);
			const label = `seed ${seed}`;
			for (const sample of samples) {
				expect(sample.online, `${label} ${JSON.stringify(sample)}`).toBeLessThan(0.92);
				expect(sample.offline, `${label} ${JSON.stringify(sample)}`).toBeGreaterThan(0.08);
				// At most a handful of rows: the guaranteed examples and what a busy minute adds for a while.
				expect(sample.duplicates * sample.rows, `${label} ${JSON.stringify(sample)}`).toBeLessThanOrEqual(10);
			}

			const later = samples.slice(30);
			expect(mean(later.map(sample => sample.online)), label).toBeGreaterThan(0.5);
			expect(mean(later.map(sample => sample.online)), label).toBeLessThan(0.8);
			expect(mean(later.map(sample => sample.stale)), label).toBeGreaterThan(0.02);
			expect(mean(later.map(sample => sample.duplicates)), label).toBeLessThan(0.08);
		}
	});
});
