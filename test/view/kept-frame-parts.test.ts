/**
 * What a frame keeps from the last one (a cut text, the header's trend and version drift) must never go stale: each is
 * held, call after call, to the plain computation it stands for.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Connection} from '../../src/api/connection.js';
import {versionCounts} from '../../src/fleet/versions.js';
import {type MinuteSample, ONLINE_SERIES_MINUTES} from '../../src/fleet/online-series.js';
import {cellWidth} from '../../src/view/cell-width.js';
import {trendForms} from '../../src/view/header-layout.js';
import {MIN_TREND_MINUTES, onlineTrendText} from '../../src/view/header-text.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';
import {truncate} from '../../src/view/text.js';
import {driftForms, versionDriftForms} from '../../src/view/version-drift.js';
import {snapshotOf, rawConnection, T0} from '../helpers/fixtures.js';

const graphemes = new Intl.Segmenter();

/** truncate as it was before cuts were remembered. */
function plainTruncate(text: string, width: number): string {
	if (width <= 0) return '';
	if (cellWidth(text) <= width) return text;
	let result = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		const cells = cellWidth(segment);
		if (used + cells > width - 1) break;
		result += segment;
		used += cells;
	}

	return result + '…';
}

describe('a remembered cut', () => {
	it('is the cut of that text at that width, whatever was cut before', () => {
		const text = fc.oneof(
			fc.string({unit: fc.constantFrom('a', 'b', 'é', '界', '👍🏽', ' ', '-'), maxLength: 30}),
			fc.string({maxLength: 30}),
			fc.string({unit: 'grapheme', maxLength: 300}),
		);
		fc.assert(
			fc.property(
				fc.array(text, {minLength: 1, maxLength: 6}),
				fc.array(fc.tuple(fc.nat(5), fc.integer({min: -1, max: 40})), {minLength: 1, maxLength: 40}),
				(texts, calls) => {
					for (const [pick, width] of calls) {
						const chosen = texts[pick % texts.length]!;
						expect(truncate(chosen, width)).toBe(plainTruncate(chosen, width));
					}
				},
			),
			{numRuns: 300},
		);
	});
});

const OTHER_BARS = ['.', ':', '|', '#'];

describe("the header's online trend", () => {
	/** trendForms as it was: onlineTrendText for each window's width. */
	const plainForms = (series: readonly MinuteSample[], now: number, bars: readonly string[]) => {
		const forms = [];
		for (let minutes = ONLINE_SERIES_MINUTES; minutes >= MIN_TREND_MINUTES; minutes -= 5) {
			const text = onlineTrendText(series, now, `  online, last ${minutes}m `.length + minutes, bars);
			if (text) forms.push([{text, tone: 'trend'}]);
		}

		return forms;
	};

	it('is what counting every window afresh draws, as time moves and the series grows', () => {
		const minute = 60_000;
		const start = Math.floor(T0 / minute) * minute;
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.integer({min: -70, max: 5}), {maxLength: 30}),
				fc.array(fc.nat(20), {maxLength: 30}),
				fc.array(fc.tuple(fc.integer({min: 0, max: 200_000}), fc.boolean(), fc.boolean()), {
					minLength: 1,
					maxLength: 20,
				}),
				(minutes, counts, moves) => {
					const sorted = [...minutes].sort((a, b) => a - b);
					let series: readonly MinuteSample[] = sorted.map((at, index) => ({
						minute: start + at * minute,
						online: counts[index] ?? 3,
					}));
					let now = start;
					for (const [step, grow, ascii] of moves) {
						now += step;
						// A poll's series is a new array; a tick keeps the last one.
						if (grow) series = [...series, {minute: Math.floor(now / minute) * minute, online: step % 9}];
						// Another set of bars is another trend, even within the minute.
						const bars = ascii ? OTHER_BARS : UNICODE_SYMBOLS.spark;
						expect(trendForms(series, now, bars)).toEqual(plainForms(series, now, bars));
					}
				},
			),
			{numRuns: 200},
		);
	});
});

describe("the header's version drift", () => {
	const base = snapshotOf([rawConnection()]).connections[0]!;
	it('is the count of the list it is given, poll after poll', () => {
		const version = fc.constantFrom('0.32.1', '0.32.0', '0.30.2', 'dev', null);
		fc.assert(
			fc.property(
				fc.array(fc.array(version, {maxLength: 8}), {minLength: 1, maxLength: 12}),
				fc.array(fc.boolean(), {maxLength: 12}),
				(lists, repeats) => {
					let last: Connection[] = [];
					lists.forEach((versions, index) => {
						// Sometimes a poll that changed nothing: the same versions in a new array.
						const list: Connection[] =
							repeats[index] && index > 0
								? last.map(connection => ({...connection}))
								: versions.map(lettaCodeVersion => ({...base, lettaCodeVersion}));
						const plain = driftForms(versionCounts(list.map(connection => connection.lettaCodeVersion)));
						expect(versionDriftForms(list)).toEqual(plain);
						last = list;
					});
				},
			),
			{numRuns: 300},
		);
	});
});
