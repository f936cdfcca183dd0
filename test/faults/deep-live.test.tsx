/**
 * Issue 17 in the live view: with one record a page nested 100 000 levels deep
 * (and the detail pane's own GET of the record too), polls keep succeeding, the
 * record's cut is listed under "Unreadable fields" and marked in the raw JSON.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {DEPTH_MARKER} from '../../src/api/record-limits.js';
import {parseFaultSpec} from '../../src/demo/faults.js';
import {demoAppHarness} from '../helpers/app.js';

const harness = demoAppHarness({seed: 17, size: 30, churnPerMinute: 0});

afterEach(() => harness.stop());

const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

describe('the live view with a record nested 100 000 levels deep', () => {
	it('keeps polling, lists the cut in the details and marks it in the raw JSON', async () => {
		const {server, app: ui} = await harness.start({}, {});
		server.faults.add(parseFaultSpec('deep:100000'));
		const requests = server.requests();
		await ui.waitForText(() => server.requests() >= requests + 2, 'two polls with the deep record');
		expect(ui.frame()).not.toMatch(/call stack|network:/);
		// The first record by id is the deep one of the list (and the pane's own GET of it is deep too).
		const deepId = server.simulation
			.list()
			.map(record => record.id)
			.sort()[0]!;
		await ui.press('/', text => text.includes('Enter keep'), 'the filter prompt');
		for (const character of deepId) ui.stdin.write(character);
		await ui.waitForText(text => text.includes('1 of 30 shown'), 'the deep record alone');
		await ui.press('\r', text => !text.includes('Enter keep'), 'the filter kept');
		await ui.press('\r', text => text.includes('1 overview'), 'details');
		// The pane's GET can add lines after G went to the end: keep going to the end until it shows.
		const toTheEnd = setInterval(() => ui.stdin.write('G'), 300);
		await ui
			.waitForText(
				text => /metadata\.nested\.a\.a.*…: nested deeper than 32 levels; the deeper part is cut/.test(text),
				'the cut in the unreadable fields',
			)
			.finally(() => clearInterval(toTheEnd));
		await ui.press('4', text => text.includes('"deviceId"'), 'raw JSON');
		// The cut sits above the 32 closing braces at the end, indented 64 columns.
		const toTheBottom = setInterval(() => ui.stdin.write('G'), 300);
		await ui
			.waitForText(text => !text.includes('more lines (↓)'), 'the end of the raw JSON')
			.finally(() => clearInterval(toTheBottom));
		await ui.press('\u001B[5~', text => text.includes(DEPTH_MARKER.slice(0, 12)), 'the cut, a page up');
		for (const frame of ui.frames) expect(frame).not.toMatch(UNSAFE);
	});
});
