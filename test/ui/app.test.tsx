import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {naturalOrder, renderApp, type RenderedApp, shown} from '../helpers/app.js';
import {waitFor} from '../helpers/wait.js';

let server: DemoServer;
let app: RenderedApp;

function startApp(size = {columns: 100, rows: 30}) {
	app = renderApp(server, {size});
	return app;
}

const frame = () => app.frame();
const selectedLine = () => app.selectedLine();
const press = (input: string, expectation: (text: string) => boolean, what: string) =>
	app.press(input, expectation, what);
const sortedNames = () =>
	server.simulation
		.list()
		.map(record => record.connectionName)
		.sort(naturalOrder);

beforeEach(async () => {
	server = await startDemoServer({seed: 11, size: 20, churnPerMinute: 0});
});

afterEach(async () => {
	app?.unmount();
	await server.close();
});

describe('the live view against the demo server', () => {
	it('shows the fleet, sorted by name, with counts in the header', async () => {
		startApp();
		const names = sortedNames();
		await waitFor(() => frame().includes(shown(names[0]!)), 'the first device');
		const online = server.simulation.list().filter(record => record.connectionId).length;
		expect(frame()).toContain(`demo fleet at ${server.url}`);
		expect(frame()).toMatch(
			new RegExp(`${server.simulation.list().length} of ${server.simulation.list().length} shown`),
		);
		expect(frame()).toMatch(/updated (just now|\ds ago)/);
		// Stale devices are online by the API's lights too: both have a connection.
		const header = frame().split('\n')[1]!;
		const counts = [...header.matchAll(/(\d+) (online|stale)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
		expect(counts).toBe(online);
		expect(selectedLine()).toContain(shown(names[0]!));
	});

	it('moves the selection with j/k and the arrows, and drills into a device and back', async () => {
		startApp();
		const names = sortedNames();
		await waitFor(() => frame().includes(shown(names[0]!)), 'the first device');
		await press('j', () => selectedLine().includes(shown(names[1]!)), 'j to select the second device');
		await press('\u001B[B', () => selectedLine().includes(shown(names[2]!)), 'down arrow');
		await press('k', () => selectedLine().includes(shown(names[1]!)), 'k back up');
		// The pane's module loads lazily: its title comes first, then (a moment later under load) its lines.
		await press('\r', text => text.includes('Esc back') && text.includes('Times'), 'the detail pane');
		const device = server.simulation.list().find(record => record.connectionName === names[1])!;
		expect(frame()).toContain(`${names[1]} · ${device.deviceId}`);
		expect(frame()).toMatch(/heartbeat|connected/);
		await waitFor(() => frame().includes('refreshed'), 'the record refreshed by GET /v1/environments/{deviceId}');
		await press('\u001B', text => text.includes('STATUS') && !text.includes('Esc back'), 'Esc back to the table');
		expect(selectedLine()).toContain(shown(names[1]!));
	});

	it('shows every key in the help overlay, and Esc closes it', async () => {
		startApp();
		await waitFor(() => frame().includes('STATUS'), 'the table');
		await press('?', text => text.includes(' Keys'), 'the help overlay');
		for (const key of ['↑ ↓ k j', 'PgUp PgDn Space', 'Enter', 'Esc', '/']) {
			expect(frame()).toContain(key);
		}

		// Help is longer than the screen: it scrolls to its last lines, the columns' legend and the marks.
		await press('G', text => text.includes('DIRECTORY') && text.includes('marks:'), 'the end of help');
		expect(frame()).not.toContain('↑ ↓ k j');

		await press('\u001B', text => !text.includes(' Keys') && text.includes('STATUS'), 'help closed');
	});

	it('filters as you type, says how many match, and Esc clears it', async () => {
		startApp();
		const target = server.simulation.list()[3]!;
		const total = server.simulation.list().length;
		await waitFor(() => frame().includes(shown(target.connectionName)), 'the fleet');
		await press('/', text => text.includes('Enter keep'), 'the filter prompt');
		for (const character of target.connectionName) {
			app.stdin.write(character);
		}

		await waitFor(() => frame().includes(`filter "${target.connectionName}"`), 'the filter in the header');
		const matching = server.simulation
			.list()
			.filter(record => record.connectionName.toLowerCase().includes(target.connectionName.toLowerCase())).length;
		expect(frame()).toContain(`${matching} of ${total} shown`);
		await press('\u001B', text => text.includes(`${total} of ${total} shown`), 'the filter cleared');
	});

	it('marks a disconnect in the table and logs it in the event log', async () => {
		startApp();
		const victim = server.simulation.list().find(record => record.connectionId)!;
		await waitFor(() => frame().includes(shown(victim.connectionName)), 'the fleet');
		await waitFor(() => frame().includes('no changes yet'), 'the baseline');
		server.simulation.disconnect(victim.id);
		await waitFor(() => /disconnected\s+\S/.test(frame()) && frame(), 'the disconnect event');
		const row = frame()
			.split('\n')
			.find(line => line.includes(shown(victim.connectionName)) && line.includes('offline'));
		expect(row).toMatch(/^.-/);
		expect(frame()).toMatch(new RegExp(`- disconnected\\s+${victim.connectionName}`));
	});

	it('keeps working in a narrow terminal, and says so when it is too small', async () => {
		startApp({columns: 60, rows: 20});
		await waitFor(() => frame().includes('STATUS'), 'the table');
		for (const line of frame().split('\n')) {
			expect(line.length).toBeLessThanOrEqual(60);
		}

		app.unmount();
		// The smallest supported terminal still shows devices, status and name.
		startApp({columns: 40, rows: 10});
		await waitFor(() => /^› [ ●◐○✕].{8} \S/m.test(frame()), 'a reduced table at 40x10');
		expect(frame().split('\n').length).toBeLessThanOrEqual(10);
		for (const line of frame().split('\n')) {
			expect(line.length).toBeLessThanOrEqual(40);
		}

		app.unmount();
		startApp({columns: 30, rows: 8});
		await waitFor(() => frame().includes('needs at least 40x10'), 'the too-small notice');
	});
});
