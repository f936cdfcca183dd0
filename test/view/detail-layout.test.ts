import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {type DetailLine} from '../../src/view/detail.js';
import {DETAIL_KEY_WIDTH_MAX, DETAIL_VALUE_LINES_MAX, layoutDetailLines} from '../../src/view/detail-layout.js';
import {formatPreciseAge} from '../../src/view/format.js';
import {displayWidth} from '../../src/view/text.js';
import {formatTimestamp} from '../../src/view/time-format.js';

const WIDTHS = [80, 60, 40];
const rowText = (row: DetailLine) => `${row.label ?? ''}${row.text}`;

const metadata: DetailLine[] = [
	{label: 'os', text: 'darwin'},
	{label: 'a_metadata_key_far_longer_than_any_column_should_be', text: 'short'},
	{label: 'workingDirectory', text: `/Users/ana/${'deeply-nested/'.repeat(12)}repo`},
	{label: 'note', text: 'words that go on and on '.repeat(10).trim()},
];

describe('the detail pane at 80, 60 and 40 columns', () => {
	for (const width of WIDTHS) {
		it(`keeps every row within ${width} columns and every value whole`, () => {
			const rows = layoutDetailLines(metadata, width, 'metadata');
			for (const row of rows) expect(displayWidth(rowText(row)), rowText(row)).toBeLessThanOrEqual(width);
			// Joined back, the values read as they were: wrapped, not cut.
			const value = rows
				.filter(row => row.text !== '')
				.map(row => row.text)
				.join('');
			expect(value.replaceAll(' ', '')).toContain(`/Users/ana/${'deeply-nested/'.repeat(12)}repo`);
			expect(value).not.toContain('…');
		});

		it(`starts every value in one column at ${width} columns, a long key on its own line`, () => {
			const rows = layoutDetailLines(metadata, width, 'metadata');
			const starts = new Set(rows.filter(row => row.text !== '').map(row => displayWidth(row.label ?? '')));
			expect(starts.size).toBe(1);
			const [column] = starts;
			expect(column).toBeLessThanOrEqual(2 + DETAIL_KEY_WIDTH_MAX + 1);
			const longKey = rows.findIndex(row => row.label?.includes('a_metadata_key'));
			expect(rows[longKey]!.text).toBe('');
			expect(rows.slice(longKey).find(row => row.text !== '')!.text).toBe('short');
		});
	}

	it('wraps a long line that has no key under a hanging indent', () => {
		const text = `○ offline ana-mbp  machine 96dca3c0 ×2  server-650e4a64ef9d4e1c  beat -  record env-000012-1ac2`;
		const rows = layoutDetailLines([{text, tone: 'offline'}], 60, 'overview');
		expect(rows.map(row => row.text)).toEqual([
			'  ○ offline ana-mbp  machine 96dca3c0 ×2',
			'    server-650e4a64ef9d4e1c  beat -  record env-000012-1ac2',
		]);
	});

	it('leaves the raw tab as the JSON has it', () => {
		const line = {text: `  "workingDirectory": "${'x'.repeat(120)}"`};
		expect(layoutDetailLines([line], 40, 'raw')).toEqual([{text: `  ${line.text}`}]);
	});

	it('bounds a 64 KiB value, and says it goes on', () => {
		const rows = layoutDetailLines([{label: 'blob', text: 'x'.repeat(65_536)}], 40, 'metadata');
		expect(rows).toHaveLength(DETAIL_VALUE_LINES_MAX);
		expect(rows.at(-1)!.text.endsWith('…')).toBe(true);
	});

	it('never writes past the width, whatever the text', () => {
		fc.assert(
			fc.property(
				fc.string({maxLength: 300}),
				fc.string({maxLength: 40}),
				fc.integer({min: 20, max: 120}),
				(text, label, width) => {
					const rows = layoutDetailLines([{label, text}, {text}], width, 'metadata');
					for (const row of rows) expect(displayWidth(rowText(row))).toBeLessThanOrEqual(width);
				},
			),
		);
	});
});

describe('ages in the detail pane', () => {
	it('tells moments seconds apart, to the second under an hour', () => {
		const now = Date.UTC(2026, 11, 4, 12);
		expect(formatTimestamp(now - 100_000, now)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(1m 40s ago\)$/);
		expect(formatTimestamp(now - 110_000, now)).toMatch(/\(1m 50s ago\)$/);
		expect(formatTimestamp(now + 5000, now)).toMatch(/\(in 5s\)$/);
		expect(formatTimestamp(now - 300, now)).toMatch(/\(just now\)$/);
	});

	it('names the largest two units', () => {
		expect(formatPreciseAge(40_000)).toBe('40s');
		expect(formatPreciseAge(60_000)).toBe('1m');
		expect(formatPreciseAge((3 * 3600 + 12 * 60 + 5) * 1000)).toBe('3h 12m');
		expect(formatPreciseAge((2 * 86_400 + 7 * 3600) * 1000)).toBe('2d 7h');
		expect(formatPreciseAge(-5)).toBe('0s');
	});
});
