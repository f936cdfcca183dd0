/** The band as drawn and said: a blip lowers a green bar, a gap reads as unknown, the words say it all. */
import {describe, expect, it} from 'vitest';
import type {ListenerAvailability} from '../../src/history/availability-report.js';
import {availabilityBand, type BandCell} from '../../src/history/band.js';
import {toAscii} from '../../src/view/ascii.js';
import {
	availabilityPane,
	availabilityWords,
	bandGlyphs,
	bandStretches,
	formatShare,
	UNKNOWN_CELL,
} from '../../src/view/availability-band.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';
import {T0} from '../helpers/fixtures.js';

const MIN = 60_000;

function cell(online: number, stale: number, offline: number, from = T0): BandCell {
	return {from, to: from + 30 * MIN, shares: {online, stale, offline, unknown: 1 - online - stale - offline}};
}

const utcClock = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('bandGlyphs', () => {
	it('draws a two-minute blip as a green bar one notch down, never a red cell', () => {
		const [full, blip] = bandGlyphs([cell(1, 0, 0), cell(28 / 30, 0, 2 / 30)], UNICODE_SYMBOLS);
		expect(full).toEqual({glyph: '█', tone: 'online'});
		expect(blip).toEqual({glyph: '▇', tone: 'online'});
	});

	it('draws a mostly offline cell low and red, a mostly stale one yellow', () => {
		expect(bandGlyphs([cell(0, 0, 1)], UNICODE_SYMBOLS)[0]).toEqual({glyph: '▁', tone: 'offline'});
		expect(bandGlyphs([cell(0.2, 0.8, 0)], UNICODE_SYMBOLS)[0]).toEqual({glyph: '▂', tone: 'stale'});
		expect(bandGlyphs([cell(0.5, 0, 0.5)], UNICODE_SYMBOLS)[0]!.tone).toBe('offline');
	});

	it('draws unobserved time as unknown, not as an outage', () => {
		expect(bandGlyphs([cell(0, 0, 0)], UNICODE_SYMBOLS)[0]).toEqual({glyph: UNKNOWN_CELL, tone: 'unknown'});
		// Watched for 5 minutes, online all of them: a full bar, dimmed as mostly unknown.
		expect(bandGlyphs([cell(5 / 30, 0, 0)], UNICODE_SYMBOLS)[0]).toEqual({glyph: '█', tone: 'unknown'});
	});

	it('has a one-column ASCII stand-in for every glyph, and the ASCII ones still tell the states apart', () => {
		const cells = [cell(1, 0, 0), cell(0, 0, 1), cell(0, 0, 0), cell(0.5, 0, 0.5)];
		const line = bandGlyphs(cells, UNICODE_SYMBOLS)
			.map(each => each.glyph)
			.join('');
		const ascii = toAscii(line);
		expect(ascii).toMatch(/^[\x20-\x7e]{4}$/);
		expect(new Set(ascii).size).toBe(4);
	});
});

describe('availability words', () => {
	it('writes shares with one decimal, rounded down, so a blip never reads 100 %', () => {
		expect(formatShare(1)).toBe('100.0 %');
		expect(formatShare(0.99999)).toBe('99.9 %');
		expect(formatShare(0)).toBe('0.0 %');
		expect(formatShare(null)).toBe('no data');
	});

	it('says the three windows and the disconnects of the day', () => {
		const of = (availability: number | null, disconnects = 0): ListenerAvailability => ({
			id: 'a',
			deviceId: null,
			listenerInstanceId: null,
			connectionName: 'a',
			availability,
			staleShare: 0,
			observedSeconds: 1,
			disconnects,
			longestOutageSeconds: 0,
			lastSeenAt: null,
		});
		expect(availabilityWords(of(0.9925, 3), of(0.9812), of(null))).toBe(
			'24h 99.2 % · 7d 98.1 % · 30d no data · 3 disconnects in 24h',
		);
		expect(availabilityWords(of(1, 1), of(1), of(1))).toContain('1 disconnect in 24h');
	});

	it('tells the down stretches newest first, joined across adjacent cells, and the time nobody watched', () => {
		const now = T0 + 15 * MIN;
		const band = availabilityBand(
			[
				{status: 'online', from: T0 - 20 * 3_600_000, to: T0 - 62 * MIN},
				{status: 'offline', from: T0 - 62 * MIN, to: T0 - 52 * MIN},
				{status: 'online', from: T0 - 52 * MIN, to: T0 + 5 * MIN},
				{status: 'stale', from: T0 + 5 * MIN, to: T0 + 10 * MIN},
				{status: 'online', from: T0 + 10 * MIN, to: now},
			],
			now,
		);
		expect(bandStretches(band, utcClock)).toEqual([
			'12:00-12:15 stale 5m',
			'10:30-11:30 offline 10m',
			'not watched 3h30m of 23h45m',
		]);
	});

	it('tells at most three stretches and counts the rest', () => {
		const cells = [0, 2, 4, 6, 8].map(index => cell(0.9, 0, 0.1, T0 + index * 30 * MIN));
		const lines = bandStretches(cells, utcClock);
		expect(lines).toHaveLength(4);
		expect(lines[0]).toBe('16:00-16:30 offline 3m');
		expect(lines[3]).toBe('and 2 more earlier');
	});

	it('says nothing when every observed moment was online and all of it observed', () => {
		expect(bandStretches([cell(1, 0, 0)], utcClock)).toEqual([]);
	});
});

describe('availabilityPane', () => {
	it('gives the detail pane its band, its line of shares and its stretches for one listener', () => {
		const now = T0 + 15 * MIN;
		const day = 86_400_000;
		const pane = availabilityPane(
			{
				listener: {id: 'env-1', deviceId: null, listenerInstanceId: null, connectionName: 'ana-laptop'},
				intervals: [
					{status: 'online', from: now - 30 * day, to: T0 - 2 * MIN},
					{status: 'offline', from: T0 - 2 * MIN, to: T0},
					{status: 'online', from: T0, to: now},
				],
				lastSeenAt: now,
			},
			now,
			UNICODE_SYMBOLS,
			utcClock,
		);
		expect(pane.band).toHaveLength(48);
		expect(pane.band.at(-2)).toEqual({glyph: '▇', tone: 'online'});
		expect(pane.words).toBe('24h 99.8 % · 7d 99.9 % · 30d 99.9 % · 1 disconnect in 24h');
		expect(pane.stretches).toEqual(['11:30-12:00 offline 2m']);
	});
});
