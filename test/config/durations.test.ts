/** The time forms --since and --until take, and the one line a bad one gets. */
import {describe, expect, it} from 'vitest';
import {parseTimeSpec, resolveTime} from '../../src/config/durations.js';
import {parseOptions} from '../../src/config/options.js';
import {UsageError} from '../../src/config/usage-error.js';
import {T0} from '../helpers/fixtures.js';

describe('parseTimeSpec', () => {
	it('reads lengths back from now: 90m, 24h, 7d, 2w, 45s and bare seconds', () => {
		const back = (text: string) => T0 - resolveTime(parseTimeSpec(text), T0);
		expect(back('90m')).toBe(90 * 60_000);
		expect(back('24h')).toBe(86_400_000);
		expect(back('7d')).toBe(7 * 86_400_000);
		expect(back('2w')).toBe(14 * 86_400_000);
		expect(back('45s')).toBe(45_000);
		expect(back('3600')).toBe(3_600_000);
		expect(back('1.5h')).toBe(90 * 60_000);
	});

	it('reads ISO dates as local midnight and date-times in their zone, or local without one', () => {
		expect(parseTimeSpec('2026-11-28')).toEqual({kind: 'at', epochMs: new Date(2026, 10, 28).getTime()});
		expect(parseTimeSpec('2026-11-28T09:30')).toEqual({
			kind: 'at',
			epochMs: new Date(2026, 10, 28, 9, 30).getTime(),
		});
		expect(parseTimeSpec('2026-11-28T09:30:00Z')).toEqual({kind: 'at', epochMs: Date.UTC(2026, 10, 28, 9, 30)});
		expect(parseTimeSpec('2026-11-28 09:30+01:00')).toEqual({kind: 'at', epochMs: Date.UTC(2026, 10, 28, 8, 30)});
	});

	it.each([
		['yesterday', /takes 90m, 24h, 7d/],
		['-5m', /must be positive/],
		['2026-02-30', /not a date that exists/],
		['2026-02-30T10:00', /not a date\/time that exists/],
		['2026-11-28T25:00', /not a date\/time that exists/],
		['99999d', /more than 3650 days/],
		['1'.repeat(50), /too long/],
	])('refuses %j', (text, message) => {
		expect(() => parseTimeSpec(text)).toThrow(message);
	});

	it('is a usage error on the command line, naming the flag', () => {
		expect(() => parseOptions(['availability', '--since', 'yesterday'])).toThrow(UsageError);
		expect(() => parseOptions(['availability', '--since', 'yesterday'])).toThrow(/^--since takes 90m/);
		expect(parseOptions(['availability']).since).toBe('24h');
	});

	it('keeps --since, --until, --org and --prometheus to the commands that read history', () => {
		expect(() => parseOptions(['--since', '7d'])).toThrow(/--since is for reading history/);
		expect(() => parseOptions(['exporter', '--prometheus', 'http://p:9090'])).toThrow(
			/--prometheus is for reading/,
		);
		expect(() => parseOptions(['availability', '--once'])).toThrow(
			/availability prints what was recorded; --once does not apply/,
		);
		expect(() => parseOptions(['availability', '--filter', 'x'])).toThrow(/--filter does not apply/);
		// Each reader's own flag stays with it.
		expect(() => parseOptions(['history', '--prometheus', 'http://p:9090'])).toThrow(
			/--prometheus is for reading history; try letta-fleet availability/,
		);
		expect(() => parseOptions(['availability', '--type', 'stale'])).toThrow(/try letta-fleet history --type/);
		expect(parseOptions(['history', '--filter', 'x', '--org', 'o']).org).toBe('o');
	});
});
