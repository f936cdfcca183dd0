/**
 * Finding listeners in the live view: the filter over every field at any width, LAST SEEN, a view started from options,
 * an empty organization.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import type {AppOptions} from '../../src/ui/app.js';
import {renderApp, type RenderedApp} from '../helpers/app.js';

let server: DemoServer | undefined;
let app: RenderedApp | undefined;

afterEach(async () => {
	app?.unmount();
	app = undefined;
	await server?.close();
	server = undefined;
});

const osOf = (record: {metadata?: unknown}) => (record.metadata as {os?: string} | undefined)?.os;
const OPTIONS: AppOptions = {
	sort: {key: 'name', descending: false},
	scope: 'all',
	filter: '',
	onlineOnly: false,
	source: undefined,
	userId: undefined,
};

describe('the filter', () => {
	it('finds /darwin at 80 columns, where no OS column is shown', async () => {
		server = await startDemoServer({seed: 7, size: 40, churnPerMinute: 0});
		app = renderApp(server, {size: {columns: 80, rows: 40}});
		await app.waitForText(text => /^› /m.test(text), 'the fleet');
		expect(app.frame()).not.toMatch(/ OS\b/);
		const records = server.simulation.list();
		const darwin = records.filter(record => osOf(record) === 'darwin');
		expect(darwin.length).toBeGreaterThan(1);
		await app.press('/', text => text.includes('Enter keep'), 'the filter prompt');
		app.stdin.write('darwin');
		const text = await app.waitForText(
			frame => frame.includes(`${darwin.length} of ${records.length} shown`),
			`${darwin.length} darwin listeners shown`,
		);
		const names = new Set(darwin.map(record => record.connectionName.slice(0, 12)));
		const lines = text
			.split('\n')
			.filter(line => /(online|stale|offline|gone) /.test(line) && !line.startsWith('──'));
		const rows = lines.filter(line => [...names].some(name => line.includes(name)));
		expect(rows.length).toBe(darwin.length);
	});

	it('takes a regular expression as you type, and plain text while it is not one', async () => {
		server = await startDemoServer({seed: 7, size: 40, churnPerMinute: 0});
		app = renderApp(server, {size: {columns: 80, rows: 40}});
		await app.waitForText(text => /^› /m.test(text), 'the fleet');
		const records = server.simulation.list();
		const runners = records.filter(record => /^build-runner-0\d$/i.test(record.connectionName));
		expect(runners.length).toBeGreaterThan(0);
		await app.press('/', text => text.includes('Enter keep'), 'the filter prompt');
		app.stdin.write('^build-runner-0\\d$');
		await app.waitForText(
			frame => frame.includes(`${runners.length} of ${records.length} shown`),
			'the regular expression applied',
		);
		// "build(" is no regular expression: as plain text it matches nothing here, and nothing breaks.
		await app.press(
			'\u001B',
			text => text.includes(`${records.length} of ${records.length} shown`),
			'the filter cleared',
		);
		await app.press('/', text => text.includes('Enter keep'), 'the filter prompt');
		app.stdin.write('build(');
		await app.waitForText(
			frame => frame.includes(`0 of ${records.length} shown`) && frame.includes('no listener matches'),
			'no match for build(',
		);
	});
});

describe('the LAST SEEN column', () => {
	it('is sorted by T, longest unseen first, and shows - for an online listener', async () => {
		server = await startDemoServer({seed: 7, size: 40, churnPerMinute: 0});
		app = renderApp(server, {size: {columns: 140, rows: 60}});
		await app.waitForText(
			text => /^› /m.test(text) && text.includes('LAST SEEN'),
			'the fleet, with a LAST SEEN column',
		);
		const text = await app.press(
			'T',
			frame => frame.includes('sort last seen') && frame.includes('LAST SEEN↓'),
			'sorted by last seen',
		);
		const offline = server.simulation.list().filter(record => record.connectionId === null);
		const oldest = offline.reduce((a, b) => (a.lastSeenAt <= b.lastSeenAt ? a : b));
		expect(app.selectedLine()).toContain(oldest.connectionName.slice(0, 12));
		const online = server.simulation
			.list()
			.find(record => record.connectionId !== null && osOf(record) === 'linux')!;
		const onlineLine = text
			.split('\n')
			.find(line => line.includes(online.connectionName.slice(0, 12)) && line.includes('online'))!;
		// BEAT, UP, then LAST SEEN "-" before the branch.
		expect(onlineLine).toMatch(/\s-\s+\S+\s+\S+\s+linux/);
	});
});

describe('a view started from options', () => {
	it('opens scoped, filtered and sorted as --scope, --filter and --sort say', async () => {
		server = await startDemoServer({seed: 7, size: 40, churnPerMinute: 0});
		const options: AppOptions = {
			...OPTIONS,
			sort: {key: 'lastSeen', descending: false},
			scope: 'problems',
			filter: 'darwin',
		};
		app = renderApp(server, {size: {columns: 120, rows: 40}, options});
		// Offline or stale (hung) darwin listeners: the rows the problems scope keeps.
		const darwinProblems = server.simulation
			.list()
			.filter(
				record =>
					osOf(record) === 'darwin' &&
					(record.connectionId === null || server!.simulation.state(record.id) === 'hung'),
			);
		const text = await app.waitForText(
			frame => frame.includes(`${darwinProblems.length} of ${server!.simulation.list().length} shown`),
			'the darwin problems',
		);
		expect(text).toContain('scope problems');
		expect(text).toContain('sort last seen');
		expect(text).toContain('filter "darwin"');
		const oldest = darwinProblems
			.filter(record => record.connectionId === null)
			.reduce((a, b) => (a.lastSeenAt <= b.lastSeenAt ? a : b));
		expect(app.selectedLine()).toContain(oldest.connectionName.slice(0, 12));
	});
});

describe('an empty organization', () => {
	it('says so instead of "no device matches"', async () => {
		server = await startDemoServer({size: 0, churnPerMinute: 0});
		app = renderApp(server, {size: {columns: 100, rows: 30}});
		await app.waitForText(
			text => text.includes('no environments in this organization yet'),
			'the empty organization',
		);
	});

	it('says which flag narrowed an empty listing', async () => {
		server = await startDemoServer({size: 0, churnPerMinute: 0});
		app = renderApp(server, {size: {columns: 100, rows: 30}, options: {...OPTIONS, onlineOnly: true}});
		await app.waitForText(text => text.includes('no environments match --online-only'), 'the narrowed listing');
	});
});
