import {describe, expect, it} from 'vitest';
import {tickPeriod} from '../../src/ui/hooks/use-fleet.js';

describe('the live view clock', () => {
	it('keeps time with the polls: one frame per poll at 1–2 s, never slower than every 2 s', () => {
		expect(tickPeriod(1000)).toBe(1000);
		expect(tickPeriod(2000)).toBe(2000);
		// A 10 s poll still sees ages, countdowns and fading marks move every 2 s.
		expect(tickPeriod(10_000)).toBe(2000);
		expect(tickPeriod(200)).toBe(1000);
	});
});
