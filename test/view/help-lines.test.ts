import {expect, it} from 'vitest';
import {FLEET_EVENT_TYPES} from '../../src/fleet/types.js';
import {MARKS_LINE} from '../../src/view/help-lines.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';

it("help's marks legend names every event with the mark the table shows for it", () => {
	for (const type of FLEET_EVENT_TYPES) {
		const symbol = UNICODE_SYMBOLS.event[type];
		expect(MARKS_LINE).toMatch(
			new RegExp(`(^|  |marks: )${symbol.replace(/[$()*+.?[\\\]^{|}-]/g, '\\$&')} [a-z/]*\\b${type}\\b`),
		);
	}
});
