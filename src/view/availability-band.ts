/**
 * The detail pane's availability band and its words, without Ink. A cell is drawn by how much of it
 * was online: its height is the online share of the time observed in it, its tone the status that held
 * most of it, so a two-minute blip lowers a green bar a notch and never paints the cell red. Hovering
 * is not an option in a terminal, so the words say what the cells show: the shares for 24 h, 7 d and
 * 30 d, the disconnects, and when it was down.
 */
import {listenerAvailability} from '../history/availability.js';
import type {ListenerAvailability} from '../history/availability-report.js';
import {availabilityBand, type BandCell} from '../history/band.js';
import type {ListenerIntervals} from '../history/types.js';
import {formatAge} from './format.js';
import type {SymbolSet} from './symbols.js';

/** What held most of a cell; `unknown` when nobody watched most of it. */
export type BandTone = 'online' | 'stale' | 'offline' | 'unknown';

/** One cell as drawn: a one-column glyph and the tone it is coloured by. */
export type BandGlyph = {glyph: string; tone: BandTone};

/**
 * A cell nothing observed. The middle dot, not a blank or the lowest bar: a gap in the band must not
 * read as an outage; ascii.ts draws it as '.'.
 */
export const UNKNOWN_CELL = '·';

/**
 * Colours of the tones. Offline is red here while the table draws it gray: an offline laptop is normal
 * in the table, but in a band of availability an offline stretch is the thing to see.
 */
export const BAND_COLORS: Record<BandTone, string> = {
	online: 'green',
	stale: 'yellow',
	offline: 'red',
	unknown: 'gray',
};

/** Ties go to the worse status, so a half-offline cell is not called online. */
const TONE_ORDER: readonly BandTone[] = ['offline', 'stale', 'online', 'unknown'];

/**
 * Each cell's glyph and tone. The height is `symbols.spark` by the online share of the observed time,
 * rounded down, so only a cell online all the time it was watched gets the full bar; a cell with
 * nothing observed is UNKNOWN_CELL.
 */
export function bandGlyphs(cells: readonly BandCell[], symbols: Pick<SymbolSet, 'spark'>): BandGlyph[] {
	const bars = symbols.spark;
	return cells.map(({shares}) => {
		const observed = shares.online + shares.stale + shares.offline;
		const tone = TONE_ORDER.reduce((best, each) => (shares[each] > shares[best] ? each : best));
		if (observed <= 0) return {glyph: UNKNOWN_CELL, tone: 'unknown'};
		const level = Math.min(bars.length - 1, Math.floor((shares.online / observed) * (bars.length - 1)));
		return {glyph: bars[level]!, tone};
	});
}

/**
 * A share as a percentage with one decimal, rounded down, so a listener down for a second never reads
 * "100.0 %"; null (nothing observed) is "no data".
 */
export function formatShare(share: number | null): string {
	if (share === null || !Number.isFinite(share)) return 'no data';
	return `${(Math.floor(Math.min(1, Math.max(0, share)) * 1000) / 10).toFixed(1)} %`;
}

/**
 * "24h 99.2 % · 7d 98.1 % · 30d 97.9 % · 3 disconnects in 24h": the pane's line under the band. Each
 * argument is that window's availability (src/history/availability.ts listenerAvailability).
 */
export function availabilityWords(
	day: ListenerAvailability,
	week: ListenerAvailability,
	month: ListenerAvailability,
): string {
	const count = day.disconnects;
	return [
		`24h ${formatShare(day.availability)}`,
		`7d ${formatShare(week.availability)}`,
		`30d ${formatShare(month.availability)}`,
		`${count} disconnect${count === 1 ? '' : 's'} in 24h`,
	].join(' · ');
}

/** At most this many stretches are told in words; the rest are counted. */
export const MAX_BAND_STRETCHES = 3;

/**
 * The band's trouble in words, newest first, since no one can hover over a cell: each run of adjacent
 * cells with offline or stale time, as "09:30-10:30 offline 12m, stale 3m"; at most MAX_BAND_STRETCHES,
 * then "and 2 more earlier"; then how much of the band nobody watched. Empty when every observed
 * moment was online and all of it was observed. `clock` writes a cell boundary (local "HH:MM" by default).
 */
export function bandStretches(cells: readonly BandCell[], clock: (epochMs: number) => string = localClock): string[] {
	type Run = {from: number; to: number; offline: number; stale: number};
	const runs: Run[] = [];
	let run: Run | undefined;
	let unknown = 0;
	for (const cell of cells) {
		const length = cell.to - cell.from;
		unknown += cell.shares.unknown * length;
		const offline = cell.shares.offline * length;
		const stale = cell.shares.stale * length;
		if (offline <= 0 && stale <= 0) {
			run = undefined;
			continue;
		}

		if (run && run.to === cell.from) {
			run.to = cell.to;
			run.offline += offline;
			run.stale += stale;
		} else {
			run = {from: cell.from, to: cell.to, offline, stale};
			runs.push(run);
		}
	}

	const lines = runs
		.reverse()
		.slice(0, MAX_BAND_STRETCHES)
		.map(each => {
			const parts = [
				each.offline > 0 ? `offline ${duration(each.offline)}` : '',
				each.stale > 0 ? `stale ${duration(each.stale)}` : '',
			].filter(Boolean);
			return `${clock(each.from)}-${clock(each.to)} ${parts.join(', ')}`;
		});
	if (runs.length > MAX_BAND_STRETCHES) lines.push(`and ${runs.length - MAX_BAND_STRETCHES} more earlier`);
	if (unknown > 0 && cells.length > 0) {
		const span = cells.at(-1)!.to - cells[0]!.from;
		lines.push(`not watched ${duration(unknown)} of ${duration(span)}`);
	}

	return lines;
}

/** A length in ms as formatAge writes it ("40s", "12m", "3h12m"), "<1s" rather than "now" for a sliver. */
function duration(ms: number): string {
	return ms < 1000 ? '<1s' : formatAge(ms);
}

function localClock(epochMs: number): string {
	const date = new Date(epochMs);
	return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Everything the detail pane draws for one listener: the band's cells, the line of shares, the stretches. */
export type AvailabilityPane = {band: BandGlyph[]; words: string; stretches: string[]};

const DAY_MS = 86_400_000;

/**
 * The detail pane's availability part for one listener at `now` (epoch ms): its band of the last 24
 * hours, "24h … · 7d … · 30d … · N disconnects in 24h", and the down stretches in words. `entry` should
 * hold at least the last 30 days of the listener's intervals (less reads as unknown time). About 0.1 ms
 * for a listener with 100 intervals a month (docs/benchmarks.md).
 */
export function availabilityPane(
	entry: ListenerIntervals,
	now: number,
	symbols: Pick<SymbolSet, 'spark'>,
	clock?: (epochMs: number) => string,
): AvailabilityPane {
	const cells = availabilityBand(entry.intervals, now);
	const over = (days: number) => listenerAvailability(entry, {since: now - days * DAY_MS, until: now});
	return {
		band: bandGlyphs(cells, symbols),
		words: availabilityWords(over(1), over(7), over(30)),
		stretches: bandStretches(cells, clock),
	};
}
