/**
 * Finding listeners in a real terminal, against the built binary: the filter
 * reads fields that no column shows at 80 columns, as a regular expression.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {assertTmux, openTerminal, type Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait.js';

let server: DemoServer;
let terminal: Terminal | undefined;

beforeAll(async () => {
	assertTmux();
	server = await startDemoServer({seed: 7, size: 40, churnPerMinute: 0});
});

afterAll(async () => {
	await server.close();
});

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
});

describe('the filter in an 80x24 terminal', () => {
	it('finds /darwin, whose OS column is not shown, then a regular expression over the machine ids', async () => {
		const t = (terminal = openTerminal('--interval 1', {columns: 80, rows: 24, env: {LETTA_BASE_URL: server.url, LETTA_API_KEY: server.apiKey}}));
		const records = server.simulation.list();
		await waitFor(() => t.screen().includes(`${records.length} of ${records.length} shown`), 'the whole fleet');
		expect(t.screen()).not.toMatch(/\bOS\b/);
		const darwin = records.filter(record => (record.metadata as {os?: string}).os === 'darwin');
		expect(darwin.length).toBeGreaterThan(1);
		t.keys('/');
		await waitFor(() => t.screen().includes('Enter keep'), 'the filter prompt');
		t.type('darwin');
		t.keys('Enter');
		await waitFor(() => t.screen().includes(`${darwin.length} of ${records.length} shown`), 'the darwin listeners');
		const rows = t.screen().split('\n').filter(line => /^[› ].[●◐○✕] /.test(line));
		expect(rows).toHaveLength(darwin.length);
		for (const record of darwin) {
			expect(rows.some(row => row.includes(record.connectionName.slice(0, 12)))).toBe(true);
		}

		// A deviceId, not shown whole anywhere, anchored as a regular expression.
		const target = darwin[0]!;
		t.keys('Escape');
		await waitFor(() => t.screen().includes(`${records.length} of ${records.length} shown`), 'the filter cleared');
		t.keys('/');
		t.type(`^${target.deviceId.slice(0, 13)}.*${target.deviceId.slice(-4)}$`);
		t.keys('Enter');
		const sameMachine = records.filter(record => record.deviceId === target.deviceId).length;
		await waitFor(() => t.screen().includes(`${sameMachine} of ${records.length} shown`), "the machine's listeners");
		t.keys('q');
		await waitFor(() => t.screen().includes('EXIT:0'), 'a clean exit');
	});
});
