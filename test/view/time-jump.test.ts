/** The "go to:" prompt's forms and the step keys' arithmetic, on fixed times (local time, like the terminal). */
import {describe, expect, it} from 'vitest';
import {parseJump, travelStep} from '../../src/view/time-jump.js';

const NOW = new Date(2026, 11, 4, 15, 0, 0).getTime();
const HOUR = 3_600_000;

describe('the go-to prompt', () => {
	it('takes a length back, with or without "ago"', () => {
		expect(parseJump('3h ago', NOW)).toBe(NOW - 3 * HOUR);
		expect(parseJump('90m', NOW)).toBe(NOW - 90 * 60_000);
		expect(parseJump(' 2d AGO ', NOW)).toBe(NOW - 48 * HOUR);
		expect(parseJump('120', NOW)).toBe(NOW - 120_000);
	});

	it('reads a clock time as today, or yesterday when today it is still to come', () => {
		expect(parseJump('09:30', NOW)).toBe(new Date(2026, 11, 4, 9, 30).getTime());
		expect(parseJump('9:30:15', NOW)).toBe(new Date(2026, 11, 4, 9, 30, 15).getTime());
		expect(parseJump('16:00', NOW)).toBe(new Date(2026, 11, 3, 16, 0).getTime());
		expect(() => parseJump('25:00', NOW)).toThrow(/not a time of day/);
	});

	it('takes a date or a date-time, and refuses the future and nonsense in words', () => {
		expect(parseJump('2026-12-01', NOW)).toBe(new Date(2026, 11, 1).getTime());
		expect(parseJump('2026-12-01 08:15', NOW)).toBe(new Date(2026, 11, 1, 8, 15).getTime());
		expect(() => parseJump('2026-12-24', NOW)).toThrow(/still to come/);
		expect(() => parseJump('yesterday-ish', NOW)).toThrow(/go to takes 3h ago, 09:30, or 90m/);
		expect(() => parseJump('', NOW)).toThrow(/go to takes/);
	});
});

describe('the step keys', () => {
	it('step back from live and forward again, and past now is live', () => {
		expect(travelStep(null, -60_000, NOW)).toBe(NOW - 60_000);
		expect(travelStep(NOW - HOUR, 60_000, NOW)).toBe(NOW - HOUR + 60_000);
		expect(travelStep(NOW - 30_000, 60_000, NOW)).toBeNull();
		expect(travelStep(NOW - HOUR, HOUR, NOW)).toBeNull();
	});
});
