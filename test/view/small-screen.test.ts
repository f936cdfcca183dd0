import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {smallScreenLines} from '../../src/view/small-screen.js';
import {displayWidth} from '../../src/view/text.js';

const REFUSED =
	'HTTP 401 unauthorized: Invalid or missing API key (the API key from LETTA_API_KEY was rejected (revoked, or of ' +
	'another organization or server): put a current key there, or set LETTA_API_KEY to one)';
const failing = (message: string, halted = true) => ({
	lastError: {kind: 'unauthorized', message, at: 0},
	halted,
});
const lines = (columns: number, rows: number, health: Parameters<typeof smallScreenLines>[0]['health']) =>
	smallScreenLines({columns, rows, minColumns: 40, minRows: 10, health});

describe('a terminal too small for the view', () => {
	it('gives a 20x5 screen to the reason polls fail, wrapped, before anything else', () => {
		const shown = lines(20, 5, failing(REFUSED));
		expect(shown).toHaveLength(5);
		for (const {text} of shown) expect(displayWidth(text)).toBeLessThanOrEqual(20);
		expect(shown.slice(0, 4).every(line => line.tone === 'error')).toBe(true);
		expect(
			shown
				.slice(0, 4)
				.map(line => line.text)
				.join(' '),
		).toContain('✕ HTTP 401 unauthorized: Invalid or missing API key');
		expect(shown[4]).toEqual({text: 'more at 40x10', tone: 'note'});
	});

	it('says a short reason whole, then what size the view needs', () => {
		const shown = lines(20, 5, failing('connection refused by 127.0.0.1:9', false));
		expect(shown.map(line => line.text)).toEqual([
			'⚠ connection refused',
			'by 127.0.0.1:9',
			'letta-fleet: the',
			'terminal is 20x5; it',
			'needs at least…',
		]);
	});

	it('without an error, says what size it needs, wrapped', () => {
		expect(lines(20, 5, {lastError: null, halted: false}).map(line => line.text)).toEqual([
			'letta-fleet: the',
			'terminal is 20x5; it',
			'needs at least',
			'40x10. q quits.',
		]);
	});

	it('never passes its size, whatever the message', () => {
		fc.assert(
			fc.property(
				fc.string({maxLength: 400}),
				fc.integer({min: 1, max: 39}),
				fc.integer({min: 1, max: 9}),
				(message, columns, rows) => {
					const shown = lines(columns, rows, failing(message));
					expect(shown.length).toBeLessThanOrEqual(rows);
					for (const {text} of shown) expect(displayWidth(text)).toBeLessThanOrEqual(columns);
				},
			),
		);
	});
});
