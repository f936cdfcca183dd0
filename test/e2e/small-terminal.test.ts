/**
 * A pane shrunk to 20x5 while the API refuses the key: the built binary in a real terminal (tmux) shows why,
 * wrapped, rather than a cut "the terminal is too small" line.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {demoInTerminals} from '../helpers/demo-terminals.js';
import {waitFor} from '../helpers/wait.js';

const demo = demoInTerminals({seed: 7, size: 12, churnPerMinute: 0});
afterEach(() => demo.server.faults.clear());

describe('a 20x5 terminal with a failing poll', () => {
	it('shows the reason, wrapped, first', async () => {
		demo.server.faults.add({fault: {kind: 'status', status: 401}, route: 'list'});
		const t = demo.watch('--interval 1', {columns: 20, rows: 5});
		const read = () =>
			t
				.screen()
				.split('\n')
				.map(line => line.trimEnd())
				.join(' ');
		await waitFor(() => read().includes('unauthorized'), 'the reason on screen');
		expect(read()).toMatch(/^✕ HTTP 401 +unauthorized: +Invalid or missing +API key/);
		expect(t.screen()).toMatch(/more at 40x10/);
	});

	it('shows the whole table again once the terminal is larger', async () => {
		const t = demo.watch('--interval 1', {columns: 20, rows: 5});
		await waitFor(() => t.screen().includes('needs at least'), 'the size it needs');
		t.resize(80, 24);
		await waitFor(() => /STATUS\s+NAME/.test(t.screen()), 'the table at 80x24');
	});
});
