/**
 * The availability band's arithmetic, pure: a listener's last 24 hours as 48 cells of 30 minutes, each
 * with how much of it was online, stale, offline and unknown. The glyphs and words are the view's
 * (src/view/availability-band.ts); this says only what each cell held.
 */
import {statusTotals, type StatusTotals} from './availability.js';
import type {StatusInterval} from './types.js';

/** A band cell's length: 30 minutes, in ms (issue 19: one cell per 30 minutes over 24 hours). */
export const BAND_CELL_MS = 30 * 60_000;
/** Cells in the band: 48 of 30 minutes is 24 hours. */
export const BAND_CELLS = 48;

/** One cell: its stretch (epoch ms, half-open) and the share of it in each status, summing to 1. */
export type BandCell = {from: number; to: number; shares: StatusTotals};

/**
 * The band's cells at `now` (epoch ms), oldest first. Cells sit on whole multiples of `cellMs` since
 * the epoch (on the half hour in every zone whose offset is a whole half hour), so they do not shift
 * with each redraw; the last one is the current half hour, read up to `now` only (time yet to come is
 * not unknown, it has not happened). Each cell's shares are of its own length; `unknown` is the time no
 * interval covers.
 *
 * @throws RangeError when `now` is not finite or `cells`/`cellMs` are not positive whole numbers.
 */
export function availabilityBand(
	intervals: readonly StatusInterval[],
	now: number,
	cells = BAND_CELLS,
	cellMs = BAND_CELL_MS,
): BandCell[] {
	if (
		!Number.isFinite(now) ||
		!Number.isSafeInteger(cells) ||
		cells < 1 ||
		!Number.isSafeInteger(cellMs) ||
		cellMs < 1
	)
		throw new RangeError(
			`a band needs a finite now and positive whole cells (got ${now}, ${cells} x ${cellMs} ms)`,
		);
	const current = Math.floor(now / cellMs) * cellMs;
	const start = current - (cells - 1) * cellMs;
	// Only the intervals that reach into the band: a flapping listener's month need not be walked 48 times.
	const within = intervals.filter(each => each.to > start && each.from < now);
	const band: BandCell[] = [];
	for (let index = 0; index < cells; index++) {
		const from = start + index * cellMs;
		// `now` on a boundary leaves the current cell empty: give it one ms so it reads as unknown, not NaN.
		const to = index === cells - 1 ? Math.max(now, from + 1) : from + cellMs;
		const totals = statusTotals(within, {since: from, until: to});
		const length = to - from;
		band.push({
			from,
			to,
			shares: {
				online: totals.online / length,
				stale: totals.stale / length,
				offline: totals.offline / length,
				unknown: totals.unknown / length,
			},
		});
	}

	return band;
}
