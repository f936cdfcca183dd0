import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseTimeSpec} from '../../src/history/time-spec.js';
import {T0} from '../helpers/fixtures.js';

const UNIT_MS = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000} as const;

describe('parseTimeSpec', () => {
	it('reads spans back from now, a bare number as seconds', () => {
		expect(parseTimeSpec('90m', T0)).toBe(T0 - 90 * 60_000);
		expect(parseTimeSpec('24h', T0)).toBe(T0 - 86_400_000);
		expect(parseTimeSpec('7d', T0)).toBe(T0 - 7 * 86_400_000);
		expect(parseTimeSpec('3600', T0)).toBe(T0 - 3_600_000);
		expect(parseTimeSpec(' 2H ', T0)).toBe(T0 - 7_200_000);
	});

	it('reads ISO dates and times; a date alone is local midnight', () => {
		expect(parseTimeSpec('2026-12-04T09:30:00Z', T0)).toBe(Date.UTC(2026, 11, 4, 9, 30));
		expect(parseTimeSpec('2026-12-04T09:30+02:00', T0)).toBe(Date.UTC(2026, 11, 4, 7, 30));
		expect(parseTimeSpec('2026-12-04', T0)).toBe(new Date(2026, 11, 4).getTime());
		expect(parseTimeSpec('2026-12-04 09:30', T0)).toBe(new Date(2026, 11, 4, 9, 30).getTime());
	});

	it('refuses what is not a time, in words that say what is', () => {
		expect(() => parseTimeSpec('yesterday', T0)).toThrow(/"yesterday" is not a time: use 90m, 24h, 7d/);
		expect(() => parseTimeSpec('-5m', T0)).toThrow(RangeError);
		expect(() => parseTimeSpec('2026-02-31', T0)).toThrow('"2026-02-31" is not a real date');
		expect(() => parseTimeSpec('99999999999d', T0)).toThrow(/more than 100 years/);
		expect(() => parseTimeSpec('', T0)).toThrow(RangeError);
	});

	it('counts any span in any unit back from now', () => {
		fc.assert(
			fc.property(
				fc.integer({min: 0, max: 5000}),
				fc.constantFrom(...(Object.keys(UNIT_MS) as Array<keyof typeof UNIT_MS>)),
				fc.integer({min: 0, max: 2 ** 41}),
				(amount, unit, now) => {
					expect(parseTimeSpec(`${amount}${unit}`, now)).toBe(now - amount * UNIT_MS[unit]);
				},
			),
		);
	});

	it('gives back any UTC moment written as ISO', () => {
		fc.assert(
			fc.property(
				fc.date({min: new Date('1971-01-01'), max: new Date('2100-01-01'), noInvalidDate: true}),
				date => {
					expect(parseTimeSpec(date.toISOString(), T0)).toBe(date.getTime());
				},
			),
		);
	});

	it('either answers a finite moment or throws a RangeError, whatever is typed', () => {
		fc.assert(
			fc.property(fc.string({maxLength: 40}), text => {
				try {
					expect(Number.isFinite(parseTimeSpec(text, T0))).toBe(true);
				} catch (error) {
					expect(error).toBeInstanceOf(RangeError);
				}
			}),
		);
	});
});
