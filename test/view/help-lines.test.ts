import {expect, it} from 'vitest';
import {FLEET_EVENT_TYPES} from '../../src/fleet/types.js';
import {GROUPS_LINE, HEADER_LINE, helpLines, MARKS_LINE} from '../../src/view/help-lines.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';

it("help's marks legend names every event with the mark the table shows for it", () => {
	for (const type of FLEET_EVENT_TYPES) {
		const symbol = UNICODE_SYMBOLS.event[type];
		expect(MARKS_LINE).toMatch(
			new RegExp(`(^|  |marks: )${symbol.replace(/[$()*+.?[\\\]^{|}-]/g, '\\$&')} [a-z/]*\\b${type}\\b`),
		);
	}
});

it("help's last lines say what a group line's fold symbols and counts mean, at 80 columns", () => {
	const text = helpLines(80)
		.slice(-3)
		.map(line => line.text)
		.join(' ');
	expect(text).toContain(`${UNICODE_SYMBOLS.groupOpen} open  ${UNICODE_SYMBOLS.groupClosed} collapsed`);
	expect(text).toContain('online/all shown online');
	expect(GROUPS_LINE).toMatch(/^groups \(t\): /);
});

it("help's legend says what the header's versions are, whose they are, and what +N more means", () => {
	const text = helpLines(80)
		.map(line => `${line.keys} ${line.text}`)
		.join(' ')
		.replaceAll(/\s+/gu, ' ');
	expect(text).toContain('versions in the header: the Letta Code versions of the whole fleet');
	expect(text).toMatch(/behind the newest in yellow/u);
	expect(text).toMatch(/then \+N more/u);
});

it("help's last lines explain the header's own words, at 80 columns, none cut", () => {
	const text = helpLines(80)
		.map(line => line.text)
		.join(' ')
		.replaceAll(/\s+/gu, ' ');
	for (const words of [
		'context NAME',
		'loading… N so far',
		'PAUSED',
		'cols N/M',
		'grouped by X',
		'events · filtered (N)',
	]) {
		expect(text).toContain(words);
	}

	expect(HEADER_LINE.startsWith('header: ')).toBe(true);
});
