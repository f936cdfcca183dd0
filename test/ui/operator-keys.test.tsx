import {readdirSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {tempFolder} from '../helpers/temp-folder.js';
import type {DemoServer} from '../../src/demo/server.js';
import {demoAppHarness, KEYS, naturalOrder, renderApp, type RenderedApp, shown} from '../helpers/app.js';
import {waitFor} from '../helpers/wait.js';

let server: DemoServer;
let app: RenderedApp;

const harness = demoAppHarness({seed: 4, size: 60, churnPerMinute: 0});

async function start(options: {size?: number; now?: () => number} = {}, props: Parameters<typeof renderApp>[1] = {}) {
	({server, app} = await harness.start(
		{...(options.size ? {size: options.size} : {}), ...(options.now ? {now: options.now} : {})},
		props,
	));
	return app;
}

afterEach(() => harness.stop());

/** Narrows the table to one device by name, as a person would with /. */
async function filterTo(ui: RenderedApp, name: string) {
	await ui.press('/', text => text.includes('Enter keep'), 'the filter prompt');
	ui.stdin.write(name);
	await ui.press(
		KEYS.enter,
		text => text.includes(`filter "${name}"`) && !text.includes('Enter keep'),
		'the filter kept',
	);
}

const tableRow = (ui: RenderedApp, name: string) =>
	ui.lines().find(line => /^[› ].[●◐○✕] /.test(line) && line.includes(shown(name)));
const names = () =>
	server.simulation
		.list()
		.map(record => record.connectionName)
		.sort(naturalOrder);
const tableNames = (ui: RenderedApp) =>
	ui
		.lines()
		.filter(line => /^[› ].[●◐○✕] /.test(line))
		.map(line => line.slice(12, 28).trim());

describe('navigation keys', () => {
	it('G/End go to the last device, g/Home to the first, PgDn/PgUp by a page', async () => {
		const ui = await start();
		const sorted = names();
		await ui.press('G', () => ui.selectedLine().includes(shown(sorted.at(-1)!)), 'G to the last device');
		await ui.press('g', () => ui.selectedLine().includes(shown(sorted[0]!)), 'g to the first device');
		await ui.press(KEYS.end, () => ui.selectedLine().includes(shown(sorted.at(-1)!)), 'End');
		await ui.press(KEYS.home, () => ui.selectedLine().includes(shown(sorted[0]!)), 'Home');
		// The table at 100x30 shows 18 rows; a page moves by 17, keeping one row of context.
		await ui.press(KEYS.pageDown, () => ui.selectedLine().includes(shown(sorted[17]!)), 'PgDn');
		await ui.press(KEYS.pageDown, () => ui.selectedLine().includes(shown(sorted[34]!)), 'PgDn again');
		// Only the rows in view are drawn: the first device has scrolled out.
		expect(tableNames(ui)).not.toContain(shown(sorted[0]!).trim());
		await ui.press(KEYS.pageUp, () => ui.selectedLine().includes(shown(sorted[17]!)), 'PgUp');
	});

	it('keeps the selection on the same device when a new one sorts in above it', async () => {
		const ui = await start();
		const sorted = names();
		await ui.press('j', () => ui.selectedLine().includes(shown(sorted[1]!)), 'j');
		await ui.press('j', () => ui.selectedLine().includes(shown(sorted[2]!)), 'j');
		server.simulation.addDevice({connectionName: '000-new-box'});
		await ui.waitForText(text => text.includes('000-new-box'), 'the new device');
		expect(ui.selectedLine()).toContain(shown(sorted[2]!));
	});
});

describe('scopes and sort', () => {
	it('1, 2 and 3 show all, problems only, and online only', async () => {
		const ui = await start();
		const total = server.simulation.list().length;
		const online = server.simulation
			.list()
			.filter(record => record.connectionId && server.simulation.time() - record.lastHeartbeat! < 75_000).length;
		await ui.press('3', text => text.includes('scope online'), 'scope online');
		expect(ui.frame()).toContain(`${online} of ${total} shown`);
		expect(ui.lines().filter(line => /^[› ].[◐○✕] /.test(line))).toEqual([]);
		await ui.press('2', text => text.includes('scope problems'), 'scope problems');
		expect(ui.frame()).toContain(`${total - online} of ${total} shown`);
		expect(ui.lines().filter(line => /^[› ].● /.test(line))).toEqual([]);
		await ui.press('1', text => text.includes(`${total} of ${total} shown`), 'scope all');
	});

	it('sorts by a column key, shows the sort in the header, and reverses on a second press', async () => {
		const ui = await start();
		await ui.press('B', text => text.includes('sort branch ↑'), 'sort by branch');
		expect(ui.frame()).toMatch(/BRANCH↑/);
		// The branch column, wherever the layout put it.
		const branches = () => {
			const header = ui.lines().find(line => /STATUS\s+NAME/.test(line))!;
			const [start, end] = [header.indexOf('BRANCH'), header.indexOf('VERSION')];
			return ui
				.lines()
				.filter(line => /^[› ].[●◐○✕] /.test(line))
				.map(line => line.slice(start, end).trim());
		};
		const ascending = branches();
		expect([...ascending].sort(naturalOrder)).toEqual(ascending);
		await ui.press('B', text => text.includes('sort branch ↓'), 'reverse');
		const descending = branches();
		expect([...descending].sort(naturalOrder).reverse()).toEqual(descending);
	});
});

describe('polling keys', () => {
	it('p pauses (and says so), r polls once while paused, p resumes', async () => {
		const ui = await start();
		await ui.press('p', text => text.includes('PAUSED'), 'paused');
		const before = server.requests();
		await new Promise(resolve => setTimeout(resolve, 2500));
		expect(server.requests()).toBe(before);
		await ui.press('r', () => server.requests() > before, 'a poll on r');
		await ui.press('p', text => !text.includes('PAUSED'), 'resumed');
		const resumedAt = server.requests();
		await waitFor(() => server.requests() > resumedAt, 'polling again');
	});
});

describe('details, log, copy and export', () => {
	it('switches detail tabs: overview, metadata, events, raw JSON', async () => {
		const ui = await start();
		const device = server.simulation.list().find(record => record.connectionName === names()[0])!;
		// The pane's module loads lazily: the overview shows once it has.
		await ui.press(KEYS.enter, text => text.includes('1 overview') && text.includes('device id'), 'details');
		await ui.press('2', text => /lettaCodeVersion\s+\S/.test(text), 'the metadata tab');
		await ui.press('3', text => /Heartbeat age at each poll/.test(text), 'the events tab');
		await ui.press(KEYS.tab, text => text.includes(`"deviceId": "${device.deviceId}"`), 'Tab to the raw JSON');
		await ui.press(KEYS.tab, text => text.includes('device id'), 'Tab round to the overview');
		await ui.press(KEYS.left, text => text.includes(`"deviceId": "${device.deviceId}"`), '← back to the raw JSON');
	});

	it('l opens the whole event log and Esc returns', async () => {
		const ui = await start();
		const victim = server.simulation.list().find(record => record.connectionId)!;
		server.simulation.disconnect(victim.id);
		await ui.waitForText(text => text.includes('events (1)'), 'one event');
		await ui.press('l', text => text.includes('Enter listener') && !text.includes('STATUS'), 'the log pane');
		expect(ui.frame()).toMatch(new RegExp(`disconnected\\s+${victim.connectionName}`));
		await ui.press(KEYS.escape, text => text.includes('STATUS'), 'back to the table');
	});

	it('in the log, / searches the events and Enter selects the listener of one in the table', async () => {
		const ui = await start();
		const [first, second] = server.simulation.list().filter(record => record.connectionId);
		server.simulation.disconnect(first!.id);
		server.simulation.disconnect(second!.id);
		await ui.waitForText(text => text.includes('events (2)'), 'two events');
		await ui.press('l', text => text.includes('Enter listener'), 'the log pane');
		await ui.press(`/${first!.connectionName}`, text => text.includes('1 shown'), 'one event found');
		await ui.press(KEYS.enter, text => !text.includes('Enter keep'), 'the search kept');
		await ui.press(KEYS.enter, text => text.includes('STATUS'), 'the table');
		await ui.press(KEYS.enter, text => text.includes(first!.deviceId.slice(0, 20)), 'its details');
	});

	it('c sends the deviceId with OSC 52 outside tmux, and says it was sent, showing the id', async () => {
		// Outside tmux whatever terminal runs the tests: inside it, c would fill tmux's buffer instead.
		const tmux = process.env['TMUX'];
		delete process.env['TMUX'];
		try {
			const ui = await start();
			const device = server.simulation.list().find(record => record.connectionName === names()[0])!;
			await ui.press('c', text => text.includes('OSC 52'), 'the copy message');
			expect(ui.frame().replace(/\s+/g, ' ')).toContain(`sent the deviceId ${device.deviceId.slice(0, 20)}`);
			const written = ui.stdout.frames.join('');
			expect(written).toContain(`\u001B]52;c;${Buffer.from(device.deviceId).toString('base64')}\u0007`);
		} finally {
			if (tmux !== undefined) process.env['TMUX'] = tmux;
		}
	});

	it('e and E export the rows as shown to CSV and JSON files', async () => {
		const directory = tempFolder('letta-fleet-export-');
		const ui = await start({}, {exportDirectory: directory});
		await ui.press('3', text => text.includes('scope online'), 'online only');
		const shownCount = Number(/(\d+) of \d+ shown/.exec(ui.frame())![1]);
		await ui.press('e', text => text.includes('exported'), 'the CSV export');
		await ui.waitForText(text => text.includes('.csv'), 'the CSV path');
		// e again at once, most often within the same second: a second file, never a lost export
		// (test/output/export.test.ts pins the names on a fixed clock).
		const csvFiles = () => readdirSync(directory).filter(file => file.endsWith('.csv'));
		const [firstCsv] = csvFiles();
		// Its own message, not just its file (made before it is written): otherwise that message
		// could land after E's and hide it.
		await ui.press(
			'e',
			text => csvFiles().length === 2 && text.includes('.csv') && !text.includes(firstCsv!),
			'the second CSV export',
		);
		await ui.press('E', text => text.includes('.json'), 'the JSON export');
		const files = readdirSync(directory).sort();
		const csv = readFileSync(
			path.join(
				directory,
				files.find(file => file.endsWith('.csv'))!,
			),
			'utf8',
		)
			.trim()
			.split('\r\n');
		expect(csv[0]).toMatch(/^status,connectionName,deviceId,/);
		expect(csv).toHaveLength(shownCount + 1);
		expect(csv.slice(1).every(line => line.startsWith('online,'))).toBe(true);
		const json = JSON.parse(
			readFileSync(
				path.join(
					directory,
					files.find(file => file.endsWith('.json'))!,
				),
				'utf8',
			),
		) as {connections: unknown[]};
		expect(json.connections).toHaveLength(shownCount);
	});

	it('a failed export says why in words, before the path', async () => {
		const parent = tempFolder('letta-fleet-files-export-');
		try {
			const ui = await start({}, {exportDirectory: path.join(parent, 'removed')});
			await ui.press('e', text => text.includes('export failed'), 'the failed export');
			expect(ui.frame()).toContain('export failed: the folder does not exist (ENOENT): ');
		} finally {
			rmSync(parent, {recursive: true, force: true});
		}
	});
});

describe('what changes stays visible', () => {
	it('keeps a removed device as a tombstone and logs it', async () => {
		const ui = await start();
		const victim = server.simulation.list().find(record => !record.connectionId)!;
		await filterTo(ui, victim.connectionName);
		server.simulation.removeDevice(victim.id);
		await ui.waitForText(text => text.includes('1 gone'), 'the tombstone count');
		expect(tableRow(ui, victim.connectionName)).toMatch(/^.x✕ gone/);
		expect(ui.frame()).toMatch(new RegExp(`x removed\\s+${victim.connectionName}`));
	});

	it('sees a hung heartbeat go stale by the server clock', async () => {
		let skew = 0;
		const ui = await start({now: () => Date.now() + skew});
		const victim = server.simulation
			.list()
			.find(record => record.connectionId && server.simulation.time() - record.lastHeartbeat! < 30_000)!;
		await filterTo(ui, victim.connectionName);
		server.simulation.hang(victim.id);
		// Others keep beating; only the hung device's heartbeat grows old.
		skew = 80_000;
		await ui.waitForText(text => new RegExp(`! stale\\s+${victim.connectionName}`).test(text), 'the stale event');
		expect(tableRow(ui, victim.connectionName)).toMatch(/^.!◐ stale/);
	});

	it('rings the bell on a disconnect when asked to', async () => {
		let rings = 0;
		const ui = await start({}, {bell: () => rings++});
		const victim = server.simulation.list().find(record => record.connectionId)!;
		server.simulation.disconnect(victim.id);
		await ui.waitForText(text => text.includes('events (1)'), 'the event');
		await waitFor(() => rings === 1, 'the bell');
		// One ring for one change, not one a frame.
		await new Promise(resolve => setTimeout(resolve, 1500));
		expect(rings).toBe(1);
	});

	it('keeps the last good fleet on screen when polls fail, and says how old it is', async () => {
		const ui = await start();
		const first = names()[0]!;
		await server.close();
		await ui.waitForText(
			text => /data from \d+s ago, as of \d\d:\d\d:\d\d: .*connection refused by/.test(text),
			'the failure line',
		);
		expect(ui.frame()).toContain(shown(first));
		expect(ui.frame()).toMatch(/poll failed ×\d+ · retry in \d+s/);
	});
});
