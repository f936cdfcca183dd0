import {describe, expect, it} from 'vitest';
import {isUtf8Locale, toAscii} from '../../src/view/ascii.js';
import {displayWidth} from '../../src/view/text.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';
import {UNKNOWN_CELL} from '../../src/view/availability-band.js';

describe('ASCII fallback', () => {
	it('swaps every glyph for one ASCII cell, so columns stay where they were', () => {
		const line = '› ● online  ◐ stale ○ offline ✕ gone │ a → b … ⚠ ✓ ── ↑↓ ▁▃▅█';
		const ascii = toAscii(line);
		expect(ascii).toMatch(/^[\u0020-\u007E]*$/);
		expect(displayWidth(ascii)).toBe(displayWidth(line));
	});

	it('never draws two meanings with one character: a status is no event mark, a bar no "not watched"', () => {
		const statuses = Object.values(UNICODE_SYMBOLS.status).map(toAscii);
		const marks = Object.values(UNICODE_SYMBOLS.event).map(toAscii);
		expect(new Set(statuses).size).toBe(statuses.length);
		// Stale and gone share their event's meaning (went stale, was removed); online and offline must not.
		expect(marks).not.toContain(toAscii(UNICODE_SYMBOLS.status.online));
		expect(marks).not.toContain(toAscii(UNICODE_SYMBOLS.status.offline));
		expect(UNICODE_SYMBOLS.spark.map(toAscii)).not.toContain(toAscii(UNKNOWN_CELL));
		expect(statuses).not.toContain(toAscii(UNICODE_SYMBOLS.selected));
	});

	it("gives a group's fold characters of its own: `[` open, `]` collapsed, nothing else drawn with them", () => {
		const open = toAscii(UNICODE_SYMBOLS.groupOpen);
		const closed = toAscii(UNICODE_SYMBOLS.groupClosed);
		expect([open, closed]).toEqual(['[', ']']);
		const others = [
			...Object.values(UNICODE_SYMBOLS.status),
			...Object.values(UNICODE_SYMBOLS.event),
			...UNICODE_SYMBOLS.spark,
			UNICODE_SYMBOLS.selected,
			UNICODE_SYMBOLS.sortAscending,
			UNICODE_SYMBOLS.sortDescending,
			UNKNOWN_CELL,
			'─│·→←…⚠✓×',
		]
			.join('')
			.split('')
			.map(toAscii);
		expect(others).not.toContain(open);
		expect(others).not.toContain(closed);
	});

	it('leaves data alone: names keep their letters', () => {
		expect(toAscii('Zoë’s 服务器')).toBe('Zoë’s 服务器');
	});

	it('follows LC_ALL, then LC_CTYPE, then LANG', () => {
		expect(isUtf8Locale({LANG: 'en_US.UTF-8'})).toBe(true);
		expect(isUtf8Locale({LANG: 'C.utf8'})).toBe(true);
		expect(isUtf8Locale({LC_ALL: 'C', LANG: 'en_US.UTF-8'})).toBe(false);
		expect(isUtf8Locale({LC_CTYPE: 'en_US.UTF-8', LANG: 'C'})).toBe(true);
		expect(isUtf8Locale({})).toBe(false);
	});
});
