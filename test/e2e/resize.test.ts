/**
 * The screen stays whole when the terminal changes size, in a real terminal
 * (tmux) against the built binary: after each resize the view reads exactly as
 * a fresh start of the binary at that size does.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {assertTmux, openTerminal, type Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait.js';

let server: DemoServer;
const terminals: Terminal[] = [];
// The server's clock stands still, so heartbeat ages and statuses are the same in every frame drawn after a poll.
const FROZEN_AT = Date.parse('2026-05-04T12:00:00Z');

beforeAll(async () => {
	assertTmux();
	server = await startDemoServer({seed: 7, size: 40, churnPerMinute: 0, now: () => FROZEN_AT});
});

afterAll(async () => {
	await server.close();
});

afterEach(() => {
	for (const terminal of terminals.splice(0)) terminal.kill();
});

function open(columns: number, rows: number): Terminal {
	const terminal = openTerminal('--interval 1', {
		columns,
		rows,
		env: {LETTA_BASE_URL: server.url, LETTA_API_KEY: server.apiKey},
	});
	terminals.push(terminal);
	return terminal;
}

/** The screen with what moves between polls masked: the request's latency. */
const stable = (screen: string) => screen.replaceAll(/\d+ ms\b/g, '# ms').replaceAll(/[ \t]+$/gm, '');

const ready = (terminal: Terminal) =>
	/STATUS\s+NAME/.test(terminal.screen()) && terminal.screen().includes('40 of 40 shown');

describe('resizing the terminal', () => {
	it('100 → 60 → 59 → 99 columns: after each step the screen equals a fresh start at that size', async () => {
		const t = open(100, 30);
		await waitFor(() => ready(t), 'the fleet table at 100x30');
		for (const columns of [60, 59, 99]) {
			t.resize(columns, 30);
			const fresh = open(columns, 30);
			await waitFor(() => ready(fresh), `a fresh start at ${columns}x30`);
			let last = '';
			try {
				await waitFor(
					() => (last = stable(t.screen())) === stable(fresh.screen()),
					`the resized view to match a fresh start at ${columns}x30`,
				);
			} catch (error) {
				// Show both screens: the difference is the defect.
				expect(last).toBe(stable(fresh.screen()));
				throw error;
			}

			expect(last.split('\n')[0]).toMatch(/^letta-fleet /);
			// Styles too, cell for cell: colours and attributes as a fresh start draws them.
			await waitFor(
				() => stable(t.styledScreen()) === stable(fresh.styledScreen()),
				`the resized view's styles to match a fresh start at ${columns}x30`,
			);
			terminals.splice(terminals.indexOf(fresh), 1);
			fresh.kill();
		}
	});

	it('a shrink in height and width at once, then back, keeps one title and one footer', async () => {
		const t = open(100, 30);
		await waitFor(() => ready(t), 'the fleet table at 100x30');
		t.resize(70, 20);
		const small = open(70, 20);
		await waitFor(() => ready(small), 'a fresh start at 70x20');
		await waitFor(() => stable(t.screen()) === stable(small.screen()), 'the view at 70x20 to match a fresh start');
		t.resize(100, 30);
		const fresh = open(100, 30);
		await waitFor(() => ready(fresh), 'a fresh start at 100x30');
		await waitFor(
			() => stable(t.screen()) === stable(fresh.screen()),
			'the view back at 100x30 to match a fresh start',
		);
		const screen = t.screen();
		expect(screen.match(/^letta-fleet /gm)).toHaveLength(1);
		expect(screen.match(/q quit/g)).toHaveLength(1);
	});
});
