/**
 * The tree in the live view, on a demo server through ink-testing-library: `t` groups the rows
 * under header lines with their counts, `←`/`→`/Enter fold a group, and a view can start grouped.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {compareVersionsNewestFirst} from '../../src/fleet/versions.js';
import type {AppOptions} from '../../src/ui/app.js';
import {DEFAULT_SORT} from '../../src/view/query.js';
import {demoAppHarness, KEYS, type RenderedApp} from '../helpers/app.js';

const harness = demoAppHarness({seed: 4, size: 60, churnPerMinute: 0});
afterEach(() => harness.stop());

const versionOf = (record: {metadata?: unknown}) =>
	(record.metadata as {lettaCodeVersion?: string} | undefined)?.lettaCodeVersion ?? null;
const headers = (ui: RenderedApp) => ui.lines().filter(line => /^[› ][▾▸] /.test(line));

describe('grouping in the live view', () => {
	it('t groups by machine, user, then version (newest first, each counting its listeners), then none', async () => {
		const {server, app: ui} = await harness.start();
		await ui.press('t', text => text.includes('grouped by machine'), 'grouped by machine');
		expect(headers(ui).length).toBeGreaterThan(0);
		await ui.press('t', text => text.includes('grouped by user'), 'grouped by user');
		await ui.press('t', frame => frame.includes('grouped by version'), 'grouped by version');
		const counts = new Map<string | null, number>();
		for (const record of server.simulation.list()) {
			counts.set(versionOf(record), (counts.get(versionOf(record)) ?? 0) + 1);
		}

		const newest = [...counts.keys()].sort(compareVersionsNewestFirst)[0]!;
		await ui.press('g', () => ui.selectedLine().startsWith('›▾'), 'the first group');
		const first = headers(ui)[0]!;
		expect(first).toContain(`${newest} · `);
		expect(first).toMatch(new RegExp(`· \\d+/${counts.get(newest)} online`));
		await ui.press('t', frame => !frame.includes('grouped by'), 'back to none');
		expect(headers(ui)).toEqual([]);
	});

	it('← selects the group, ← collapses it, → expands it, Enter toggles it', async () => {
		const {server, app: ui} = await harness.start({}, {options: {...OPTIONS, groupBy: 'version'}});
		await ui.waitForText(text => text.includes('grouped by version'), 'started grouped');
		await ui.press(KEYS.down, () => !ui.selectedLine().startsWith('›▾'), 'on a listener');
		await ui.press(KEYS.left, () => ui.selectedLine().startsWith('›▾'), 'on its group');
		const name = ui.selectedLine().slice(3).split(' · ')[0]!;
		await ui.press(KEYS.left, () => ui.selectedLine().startsWith('›▸'), 'collapsed');
		expect(ui.selectedLine()).toContain(`${name} · `);
		expect(ui.selectedLine()).toContain('collapsed');
		await ui.press(KEYS.right, () => ui.selectedLine().startsWith('›▾'), 'expanded');
		await ui.press(KEYS.enter, () => ui.selectedLine().startsWith('›▸'), 'Enter collapses');
		// A poll brings another listener of this version: the group stays collapsed and counts it.
		const total = (line: string) => Number(/\/(\d+) online/.exec(line)![1]);
		const before = total(ui.selectedLine());
		server.simulation.addDevice({metadata: {lettaCodeVersion: name}});
		await ui.waitForText(() => total(ui.selectedLine()) === before + 1, 'the new listener counted');
		expect(ui.selectedLine()).toMatch(/^›▸ /);
		await ui.press(KEYS.enter, () => ui.selectedLine().startsWith('›▾'), 'Enter expands');
	});
});

const OPTIONS: AppOptions = {
	sort: DEFAULT_SORT,
	scope: 'all',
	filter: '',
	onlineOnly: false,
	source: undefined,
	userId: undefined,
};
