/** The band's cells on fixed times: what each 30 minutes of the last 24 hours held. */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {availabilityBand, BAND_CELL_MS, BAND_CELLS} from '../../src/history/band.js';
import type {RecordedStatus, StatusInterval} from '../../src/history/types.js';
import {T0} from '../helpers/fixtures.js';

const MIN = 60_000;

describe('availabilityBand', () => {
	it('has 48 cells of 30 minutes on the half hour, the last one read up to now', () => {
		const now = T0 + 10 * MIN;
		const band = availabilityBand([{status: 'online', from: T0 - 2 * 86_400_000, to: now}], now);
		expect(band).toHaveLength(BAND_CELLS);
		expect(band[0]!.from).toBe(T0 - 47 * BAND_CELL_MS);
		expect(band.at(-1)).toMatchObject({from: T0, to: now});
		for (const cell of band) expect(cell.shares).toEqual({online: 1, stale: 0, offline: 0, unknown: 0});
	});

	it('says how much of a cell each status held, and leaves unobserved time unknown', () => {
		const now = T0 + 30 * MIN;
		const intervals: StatusInterval[] = [
			{status: 'online', from: T0 - 30 * MIN, to: T0 - 2 * MIN},
			{status: 'offline', from: T0 - 2 * MIN, to: T0},
			{status: 'stale', from: T0, to: T0 + 15 * MIN},
		];
		const band = availabilityBand(intervals, now);
		const [blip, half, current] = band.slice(-3);
		expect(band.at(-4)!.shares.unknown).toBe(1);
		expect(blip!.shares.online).toBeCloseTo(28 / 30);
		expect(blip!.shares.offline).toBeCloseTo(2 / 30);
		expect(half!.shares).toEqual({online: 0, stale: 0.5, offline: 0, unknown: 0.5});
		// now is on a boundary: the current cell has barely begun and nothing observed it.
		expect(current!.shares.unknown).toBe(1);
	});

	it('keeps every cell shares summing to 1', () => {
		const statuses: RecordedStatus[] = ['online', 'stale', 'offline'];
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(
						fc.constantFrom(...statuses),
						fc.integer({min: 0, max: 3000}),
						fc.integer({min: 1, max: 300}),
					),
					{
						maxLength: 30,
					},
				),
				fc.integer({min: 0, max: 86_400_000}),
				(parts, offset) => {
					const intervals = parts
						.map(([status, start, length]) => ({
							status,
							from: T0 + start * MIN,
							to: T0 + (start + length) * MIN,
						}))
						.sort((a, b) => a.from - b.from);
					for (const cell of availabilityBand(intervals, T0 + offset + 86_400_000)) {
						const {online, stale, offline, unknown} = cell.shares;
						expect(online + stale + offline + unknown).toBeCloseTo(1, 9);
						for (const share of [online, stale, offline, unknown]) expect(share).toBeGreaterThanOrEqual(0);
					}
				},
			),
		);
	});
});
