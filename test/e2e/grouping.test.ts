/**
 * The tree at 80x24 in a real terminal (tmux) running the built binary on the embedded demo:
 * started grouped by version, the newest version's group first with its counts, a group
 * collapsed and expanded, and `t` back to the flat table.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {assertTmux, openTerminal, type Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait.js';

let terminal: Terminal | undefined;
afterEach(() => {
	terminal?.kill();
	terminal = undefined;
});

/** The line the selection is on. */
const selected = (t: Terminal) =>
	t
		.screen()
		.split('\n')
		.find(line => line.startsWith('›')) ?? '';

describe('grouping in a real terminal', () => {
	it('--group-by version at 80x24: groups newest first with counts, ← and → fold one, t goes on to none', async () => {
		assertTmux();
		const t = (terminal = openTerminal('--demo --no-history --group-by version', {columns: 80, rows: 24}));
		await waitFor(() => t.screen().includes('grouped by version') && selected(t).startsWith('›▾'), 'the groups');
		const headers = t
			.screen()
			.split('\n')
			.filter(line => /^[› ]▾ /.test(line));
		// The demo's newest Letta Code version leads, counting its listeners online of all shown.
		expect(headers[0]).toMatch(/^›▾ 0\.32\.1 · \d+\/\d+ online/);
		for (const line of t.screen().split('\n')) expect([...line].length).toBeLessThanOrEqual(80);

		t.keys('Left');
		await waitFor(() => selected(t).startsWith('›▸ 0.32.1') && selected(t).includes('collapsed'), 'collapsed');
		// The next line is the next group: the collapsed one's rows are not drawn.
		const lines = t.screen().split('\n');
		expect(lines[lines.indexOf(selected(t)) + 1]).toMatch(/^ ▾ 0\.32\.0 /);
		t.keys('Right');
		await waitFor(() => selected(t).startsWith('›▾ 0.32.1'), 'expanded');

		t.keys('t');
		await waitFor(() => !t.screen().includes('grouped by') && !/^[› ][▾▸] /m.test(t.screen()), 'the flat table');
		t.keys('q');
		await waitFor(() => t.screen().includes('EXIT:0'), 'a clean exit');
	});
});
