/**
 * An operator's session in a real terminal, against a demo fleet whose churn
 * this test controls: filter, sort, resize, and the event stream in a pipe.
 */
import {describe, expect, it} from 'vitest';
import {openTerminal} from '../helpers/tmux.js';
import {demoInTerminals} from '../helpers/demo-terminals.js';
import {waitFor} from '../helpers/wait.js';

const demo = demoInTerminals({seed: 77, size: 300, churnPerMinute: 0});

function watch(args: string, size: {columns: number; rows: number}) {
	return demo.watch(args, size);
}

/** A name that only one device has, so a filter for it leaves exactly one row. */
function uniqueDevice() {
	const records = demo.server.simulation.list();
	return records.find(
		record =>
			records.filter(other => other.connectionName.toLowerCase().includes(record.connectionName.toLowerCase()))
				.length === 1,
	)!;
}

describe('an operator at the keyboard', () => {
	it('filters 300 devices to one in a 60x20 terminal, then sorts', async () => {
		const t = watch('--interval 1', {columns: 60, rows: 20});
		await waitFor(() => t.screen().includes('300 of 300 shown'), 'the whole fleet');
		const target = uniqueDevice();
		t.keys('/');
		await waitFor(() => t.screen().includes('Enter keep'), 'the filter prompt');
		t.type(target.connectionName);
		t.keys('Enter');
		await waitFor(() => t.screen().includes('1 of 300 shown'), 'one row left');
		const rows = t
			.screen()
			.split('\n')
			.filter(line => /^[› ].[●◐○✕] /.test(line));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toContain(target.connectionName.slice(0, 12));
		for (const line of t.screen().split('\n')) {
			expect([...line].length).toBeLessThanOrEqual(60);
		}

		t.keys('Escape');
		await waitFor(() => t.screen().includes('300 of 300 shown'), 'the filter cleared');
		t.keys('H');
		// Oldest heartbeat first: the ages fall down the table, and the arrow says so.
		await waitFor(() => t.screen().includes('sort beat ↓'), 'sorted by heartbeat');
		t.keys('H');
		await waitFor(() => t.screen().includes('sort beat ↑'), 'the sort reversed');
		t.keys('q');
		await waitFor(() => t.screen().includes('EXIT:0'), 'a clean exit');
	});

	it("c inside tmux puts the selected deviceId in tmux's paste buffer and says so", async () => {
		const t = watch('--interval 1', {columns: 120, rows: 30});
		await waitFor(() => /^› /m.test(t.screen()), 'the fleet');
		t.keys('c');
		await waitFor(() => t.screen().includes("tmux's paste buffer"), 'the copy message');
		const copied = t.buffers().split(':').at(-1)!.trim().replace(/^"|"$/g, '');
		expect(demo.server.simulation.list().map(record => record.deviceId)).toContain(copied);
		expect(t.screen().replace(/\s+/g, ' ')).toContain(`copied the deviceId ${copied.slice(0, 12)}`);
	});

	it('re-lays out on resize without leftover lines', async () => {
		const t = watch('--interval 1', {columns: 120, rows: 30});
		await waitFor(() => /BRANCH/.test(t.screen()) && /^› /m.test(t.screen()), 'the wide table');
		t.resize(60, 20);
		// tmux crops the old frame at once (dropping top lines as the screen shortens); the view's repaint
		// follows once the resize has settled (RESIZE_SETTLE_MS): wait for the header it draws.
		await waitFor(
			() => !t.screen().includes('BRANCH') && /^› /m.test(t.screen()) && /^letta-fleet /m.test(t.screen()),
			'the narrow table',
		);
		const narrow = t.screen().split('\n');
		expect(narrow.filter(line => line.startsWith('letta-fleet '))).toHaveLength(1);
		expect(narrow.filter(line => /STATUS\s+NAME/.test(line))).toHaveLength(1);
		for (const line of narrow) {
			expect([...line].length).toBeLessThanOrEqual(60);
		}

		t.resize(140, 35);
		await waitFor(() => /BRANCH/.test(t.screen()), 'the wide table again');
		await waitFor(
			() =>
				t
					.screen()
					.split('\n')
					.filter(line => line.startsWith('letta-fleet ')).length === 1,
			'one header',
		);
		const wide = t.screen().trimEnd().split('\n');
		expect(wide.filter(line => /STATUS\s+NAME/.test(line))).toHaveLength(1);
		// The footer sits on the last line: the frame fills the screen exactly.
		expect(wide.at(-1)).toMatch(/select · Enter details/);
	});
});

describe('the event stream in a pipe', () => {
	it('--events | grep shows each matching change as it happens', async () => {
		const t = demo.track(
			openTerminal(
				`${process.execPath} bin/letta-fleet.js --events --interval 1 | grep --line-buffered -E 'disconnected|reconnected'`,
				{
					raw: true,
					// Wide enough that no JSON line wraps.
					columns: 1000,
					env: {LETTA_BASE_URL: demo.server.url, LETTA_API_KEY: demo.server.apiKey},
				},
			),
		);
		const requests = demo.server.requests();
		await waitFor(() => demo.server.requests() >= requests + 2, 'the stream to take its baseline');
		const [first, second] = demo.server.simulation.list().filter(record => record.connectionId);
		demo.server.simulation.disconnect(first!.id);
		await waitFor(() => t.screen().includes(`"deviceId":"${first!.deviceId}"`), 'the disconnect line');
		demo.server.simulation.reconnect(second!.id);
		await waitFor(() => t.screen().includes(`"deviceId":"${second!.deviceId}"`), 'the reconnect line');
		const lines = t
			.screen()
			.split('\n')
			.filter(line => line.startsWith('{'));
		expect(lines).toHaveLength(2);
		expect(JSON.parse(lines[0]!)).toMatchObject({type: 'disconnected', deviceId: first!.deviceId});
		expect(JSON.parse(lines[1]!)).toMatchObject({type: 'reconnected', deviceId: second!.deviceId});
		demo.server.simulation.connect(first!.id);
	});
});
