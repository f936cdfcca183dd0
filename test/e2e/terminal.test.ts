/**
 * The built CLI in a real pseudo-terminal: tmux runs it at a fixed size,
 * send-keys types, capture-pane reads the screen a person would see.
 */
import {execFileSync} from 'node:child_process';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {BIN, NODE, ROOT} from '../helpers/cli.js';
import {waitFor} from '../helpers/wait.js';

// A tmux server of its own for each test, so one test's teardown never races the next one's start.
let SESSION = '';
let serial = 0;

function tmux(...args: string[]): string {
	return execFileSync('tmux', ['-L', SESSION, ...args], {encoding: 'utf8'});
}

const screen = () => tmux('capture-pane', '-p', '-t', SESSION);
const keys = (...names: string[]) => tmux('send-keys', '-t', SESSION, ...names);

function launch(args: string, size = {columns: 100, rows: 30}) {
	SESSION = `letta-fleet-e2e-${process.pid}-${++serial}`;
	// The shell line prints how the program exited, then keeps the pane open to be read.
	const command = `cd ${ROOT} && ${NODE} ${BIN} ${args}; echo "EXIT:$?"; sleep 120`;
	tmux('new-session', '-d', '-s', SESSION, '-x', String(size.columns), '-y', String(size.rows), '-e', 'LANG=C.UTF-8', '-e', 'TERM=xterm-256color', command);
}

beforeAll(() => {
	try {
		execFileSync('tmux', ['-V']);
	} catch {
		throw new Error('tmux is needed for the end-to-end tests: apt-get install tmux (.ci/run does this)');
	}
});

afterEach(() => {
	try {
		tmux('kill-server');
	} catch {
		// Already gone.
	}
});

describe('letta-fleet --demo in a real terminal', () => {
	it('shows the table, opens details on Enter, returns on Esc, and q exits 0 leaving the screen as it was', async () => {
		launch('--demo --demo-churn 0 --interval 1');
		await waitFor(() => /STATUS\s+NAME/.test(screen()) && /^› /m.test(screen()), 'the fleet table');
		const first = screen();
		expect(first).toMatch(/[1-9]\d* online/);
		expect(first).toContain('events (');

		keys('j');
		await waitFor(() => screen().split('\n').findIndex(line => line.startsWith('› ')) === first.split('\n').findIndex(line => line.startsWith('› ')) + 1, 'the selection to move down');

		keys('Enter');
		await waitFor(() => screen().includes('Esc back'), 'the detail pane');
		expect(screen()).toMatch(/device id\s+\S+/);
		expect(screen()).toContain('Times');

		keys('Escape');
		await waitFor(() => !screen().includes('Esc back') && /STATUS\s+NAME/.test(screen()), 'the table again');

		keys('q');
		await waitFor(() => screen().includes('EXIT:'), 'the program to exit');
		expect(screen()).toContain('EXIT:0');
		// The alternate screen is gone: nothing of the table is left on the terminal.
		expect(screen()).not.toMatch(/STATUS\s+NAME/);
	});

	it('quits on Ctrl-C with exit 0 and restores the screen', async () => {
		launch('--demo --demo-churn 0');
		await waitFor(() => /STATUS\s+NAME/.test(screen()), 'the fleet table');
		keys('C-c');
		await waitFor(() => screen().includes('EXIT:'), 'the program to exit');
		expect(screen()).toContain('EXIT:0');
		expect(screen()).not.toMatch(/STATUS\s+NAME/);
	});
});
