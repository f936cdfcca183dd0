import {afterEach, describe, expect, it} from 'vitest';
import {demoAppHarness, KEYS, type RenderedApp, shown} from '../helpers/app.js';

const harness = demoAppHarness({seed: 4, size: 30, churnPerMinute: 0});
afterEach(() => harness.stop());

/** The strip's title and lines: from its rule to the footer. */
const strip = (app: RenderedApp) => {
	const lines = app.lines();
	return lines.slice(lines.findIndex(line => line.startsWith('── events'))).join('\n');
};

describe('the events strip under the table', () => {
	it('follows the filter, says it is filtered, and tells a quiet filter from a quiet fleet', async () => {
		const {server, app} = await harness.start();
		const online = server.simulation.list().filter(record => record.connectionId !== null);
		const kept = online[0]!;
		await app.waitForText(text => text.includes('no changes yet'), 'the baseline');
		await app.press('/', text => text.includes('Enter keep'), 'the filter prompt');
		app.stdin.write(kept.connectionName);
		const filtered = await app.press(
			KEYS.enter,
			text => text.includes(`filter "${kept.connectionName}"`) && !text.includes('Enter keep'),
			'the filter kept',
		);
		// The filter reads every field: a listener is hidden when no table row names it.
		const table = filtered.split('── events')[0]!;
		const hidden = online.find(record => !table.includes(shown(record.connectionName)))!;
		expect(hidden).toBeDefined();

		server.simulation.disconnect(hidden.id);
		await app.waitForText(text => /events · filtered \(1\)/.test(text), 'the hidden listener seen');
		expect(strip(app)).not.toContain(hidden.connectionName);
		expect(strip(app)).toContain('none of the listeners shown changed: l opens every event');

		server.simulation.disconnect(kept.id);
		await app.waitForText(text => /events · filtered \(2\)/.test(text), 'the shown listener seen');
		expect(strip(app)).toMatch(new RegExp(`- disconnected\\s+${kept.connectionName}`));
		expect(strip(app)).not.toContain(hidden.connectionName);

		// Without the filter, every event again, and no "filtered".
		await app.press(KEYS.escape, text => text.includes('30 of 30 shown'), 'the filter cleared');
		expect(strip(app)).toMatch(/^── events \(2\)/);
		expect(strip(app)).toContain(hidden.connectionName);
	});
});
