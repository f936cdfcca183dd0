/**
 * Issue 20: "a sort that moves the selection to the end loses the view". At 10 000 rows, a sort (or its
 * reversal) keeps the selection on the listener it was on, wherever the sort puts it, and scrolls the
 * table so that row is on screen.
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

describe('a sort keeps the selection, and the view, on its listener (10 000 rows)', () => {
	it('the first row, selected without a key, goes with its listener to the end of a reversed sort', async () => {
		const ui = await start();
		const first = who(ui);
		expect(first.trim()).not.toBe('');
		await ui.press('N', text => text.includes('sort name ↓'), 'N to reverse the name sort');
		// On screen (the window followed it) and still the same listener, now near the bottom of the table.
		expect(who(ui)).toBe(first);
		const tableRows = ui.lines().filter(line => /^[› ].[●◐○✕] /.test(line));
		expect(tableRows.at(-1)).toBe(ui.selectedLine());
		// And back: the selection rides along again.
		await ui.press('N', text => text.includes('sort name ↑'), 'N again');
		expect(who(ui)).toBe(first);
	}, 60_000);

	it('a listener selected with keys stays selected and in view through sorts by other columns', async () => {
		const ui = await start();
		await ui.press('j', text => text.split('\n').findIndex(line => line.startsWith('›')) === 5, 'j');
		const chosen = who(ui);
		for (const key of ['V', 'V', 'A', 'S', 'N']) {
			ui.stdin.write(key);
			await ui.waitForText(() => who(ui) === chosen, `the selection through ${key}`, 20_000);
		}
	}, 60_000);
});
