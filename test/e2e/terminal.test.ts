/**
 * The built CLI in a real pseudo-terminal (tmux): the keys a person presses,
 * the screen a person reads, and the terminal given back at the end.
 */
import {readFileSync} from 'node:fs';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {LONG_RUN_V8_FLAGS} from '../../src/process/v8-flags.js';
import {assertTmux, openTerminal, type Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait.js';

let terminal: Terminal | undefined;

beforeAll(assertTmux);

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
});

const selectedRow = (screen: string) => screen.split('\n').findIndex(line => line.startsWith('› '));

describe('letta-fleet --demo in a real terminal', () => {
	it('shows the table, opens details on Enter, returns on Esc, and q exits 0 leaving the screen as it was', async () => {
		const t = (terminal = openTerminal('--demo --demo-churn 0 --interval 1'));
		await waitFor(() => /STATUS\s+NAME/.test(t.screen()) && /^› /m.test(t.screen()), 'the fleet table');
		const first = t.screen();
		expect(first).toMatch(/[1-9]\d* online/);
		expect(first).toContain('events (');

		t.keys('j');
		await waitFor(() => selectedRow(t.screen()) === selectedRow(first) + 1, 'the selection to move down');

		t.keys('Enter');
		await waitFor(() => t.screen().includes('Esc back'), 'the detail pane');
		expect(t.screen()).toMatch(/device id\s+\S+/);
		expect(t.screen()).toContain('Times');

		t.keys('Escape');
		await waitFor(() => !t.screen().includes('Esc back') && /STATUS\s+NAME/.test(t.screen()), 'the table again');

		t.keys('q');
		// The wrapper prints EXIT, then the terminal's mode: wait for both lines.
		await waitFor(() => t.screen().includes('TTY:'), 'the program to exit');
		expect(t.screen()).toContain('EXIT:0');
		// The alternate screen is gone: nothing of the table is left on the terminal.
		expect(t.screen()).not.toMatch(/STATUS\s+NAME/);
	});

	it('starts Node once: the process the shell started is the view, as it was started (its heap flags set inside)', async () => {
		const t = (terminal = openTerminal('--demo --demo-churn 0'));
		await waitFor(() => /STATUS\s+NAME/.test(t.screen()), 'the fleet table');
		const pid = await waitFor(() => t.programPid(), 'the program pid');
		const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
		// A re-execution with V8 flags (a second Node start-up before the first frame) would show them here.
		const names = LONG_RUN_V8_FLAGS.map(flag => flag.split('=')[0]!);
		expect(argv.filter(part => names.some(name => part.startsWith(name)))).toEqual([]);
		expect(argv.some(part => part.endsWith('letta-fleet.js'))).toBe(true);
		t.keys('q');
		await waitFor(() => t.screen().includes('TTY:'), 'the program to exit');
		expect(t.screen()).toContain('EXIT:0');
	});

	it('quits on Ctrl-C with exit 130, as a SIGINT would, and restores the screen', async () => {
		const t = (terminal = openTerminal('--demo --demo-churn 0'));
		await waitFor(() => /STATUS\s+NAME/.test(t.screen()), 'the fleet table');
		t.keys('C-c');
		// The wrapper prints EXIT, then the terminal's mode: wait for both lines.
		await waitFor(() => t.screen().includes('TTY:'), 'the program to exit');
		expect(t.screen()).toContain('EXIT:130');
		expect(t.screen()).not.toMatch(/STATUS\s+NAME/);
	});
});

describe('the terminal is given back on every way out', () => {
	// 128 + the signal's number, as a shell reports a program the signal stopped.
	for (const [signal, status] of [
		['SIGTERM', 143],
		['SIGHUP', 129],
		['SIGINT', 130],
	] as const) {
		it(`on ${signal}: alternate screen left, cursor shown, cooked mode back, exit ${status}`, async () => {
			const t = (terminal = openTerminal('--demo --demo-churn 0'));
			await waitFor(() => /STATUS\s+NAME/.test(t.screen()), 'the fleet table');
			expect(t.state()).toMatchObject({alternateScreen: true});
			const pid = await waitFor(() => t.programPid(), 'the program pid');
			process.kill(pid, signal);
			// The wrapper prints EXIT, then the terminal's mode: wait for both lines.
			await waitFor(() => t.screen().includes('TTY:'), 'the program to exit');
			expect(t.screen()).toContain(`EXIT:${status}`);
			expect(t.screen()).toContain('TTY:icanon');
			expect(t.state()).toEqual({alternateScreen: false, cursorVisible: true});
		});
	}

	it('on q: the same, exit 0', async () => {
		const t = (terminal = openTerminal('--demo --demo-churn 0'));
		await waitFor(() => /STATUS\s+NAME/.test(t.screen()), 'the fleet table');
		t.keys('q');
		// The wrapper prints EXIT, then the terminal's mode: wait for both lines.
		await waitFor(() => t.screen().includes('TTY:'), 'the program to exit');
		expect(t.screen()).toContain('EXIT:0');
		expect(t.screen()).toContain('TTY:icanon');
		expect(t.state()).toEqual({alternateScreen: false, cursorVisible: true});
	});
});
