/**
 * Issue 20: "a sort that moves the selection to the end loses the view". At 10 000 rows a sort (or its
 * reversal) keeps the selection on its listener and the window on the selection; and should that listener
 * then leave the rows shown (a scope, a filter, a removal), the selection stays near where the sort put it,
 * at the end, rather than leaping back to the place it had before the sort.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {createClient} from '../../src/api/client.js';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {fetchFleet} from '../../src/fleet/fetch-fleet.js';
import {POLLING_RETRY_POLICY} from '../../src/fleet/retry.js';
import {renderApp, type RenderedApp} from '../helpers/app.js';

let server: DemoServer | undefined;
let app: RenderedApp | undefined;

afterEach(async () => {
	app?.unmount();
	await server?.close();
});

async function start(): Promise<RenderedApp> {
	server = await startDemoServer({seed: 5, size: 10_000, churnPerMinute: 0});
	const client = createClient({baseUrl: server.url, apiKey: server.apiKey, keySource: 'demo'});
	app = renderApp(server, {
		size: {columns: 80, rows: 24},
		intervalMs: 60_000,
		fetch: signal => fetchFleet(client, {query: {pageSize: 1000}, signal, retry: POLLING_RETRY_POLICY}),
	});
	await app.waitForText(text => /^› /m.test(text) && text.includes('10000 of 10000 shown'), 'the fleet', 30_000);
	return app;
}

/** The selected row's listener as the screen shows it: its name and machine (ages move with time). */
const who = (ui: RenderedApp) => ui.selectedLine().slice(12, 47);
const tableRows = (ui: RenderedApp) => ui.lines().filter(line => /^[› ].[●◐○✕] /.test(line));

describe('a sort keeps the selection, and the view, on its listener (10 000 rows)', () => {
	it('a listener sent to the end by a reversed sort stays in view; when it then leaves the scope, the view stays at the end', async () => {
		const ui = await start();
		// A listener chosen with keys (one not chosen is the first row, by place), and an offline one.
		let line = 0;
		do {
			line++;
			await ui.press('j', text => text.split('\n').findIndex(row => row.startsWith('›')) === 4 + line, 'j');
		} while (line < 15 && !ui.selectedLine().includes('offline'));

		const chosen = who(ui);
		expect(ui.selectedLine()).toContain('offline');
		await ui.press('N', text => text.includes('sort name ↓'), 'N to reverse the name sort');
		expect(who(ui)).toBe(chosen);
		expect(tableRows(ui).at(-1)).toBe(ui.selectedLine());
		// Online only: the offline listener leaves; the selection stays at the end, where it was last seen.
		await ui.press('3', text => text.includes('scope online'), '3 for online only');
		await ui.waitForText(() => tableRows(ui).at(-1) === ui.selectedLine(), 'the selection at the end');
		expect(ui.frame()).not.toContain(chosen);
	}, 60_000);

	it('a listener selected with keys stays selected and in view through sorts by other columns', async () => {
		const ui = await start();
		await ui.press('j', text => text.split('\n').findIndex(line => line.startsWith('›')) === 5, 'j');
		const chosen = who(ui);
		for (const key of ['V', 'V', 'A', 'S', 'N']) {
			ui.stdin.write(key);
			await ui.waitForText(
				() => who(ui) === chosen && tableRows(ui).includes(ui.selectedLine()),
				`through ${key}`,
				20_000,
			);
		}
	}, 60_000);
});
