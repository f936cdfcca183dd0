/**
 * Job control and the keys every terminal program honours, in a real terminal
 * (tmux) against the built binary: Ctrl-Z and `fg` from an interactive shell,
 * SIGTSTP and SIGCONT from outside, Ctrl-L over a scribbled screen, and
 * Ctrl+letter never taken for the letter.
 */
import {readdirSync, writeFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {tempFolder} from '../helpers/temp-folder.js';
import {BIN, NODE} from '../helpers/cli.js';
import {assertTmux, openTerminal, type Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait.js';

let terminal: Terminal | undefined;

beforeAll(assertTmux);

afterEach(() => {
	terminal?.kill();
	terminal = undefined;
});

const TABLE = /STATUS\s+NAME/;
const selectedRow = (screen: string) => screen.split('\n').findIndex(line => line.startsWith('› '));
/** A frame with its clock-driven parts (ages, times, counts) blanked, so two frames of a still fleet compare equal. */
const shape = (screen: string) =>
	screen
		.split('\n')
		.map(line =>
			line
				.replaceAll('just now', '# ago')
				.replaceAll(/\d+[smhd]?/g, '#')
				.replaceAll(/\s+/g, ' ')
				.trim(),
		)
		.join('\n')
		.trim();

/** An interactive bash with job control in the pane (its own prompt; bash does not take PS1 from the environment). */
function interactiveShell(): Terminal {
	return openTerminal('bash --norc --noprofile -i', {raw: true});
}

/** What the kernel says of a process: T while stopped. */
const processState = (pid: number) => execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], {encoding: 'utf8'}).trim();

async function startFromShell(t: Terminal, args = '--demo --demo-churn 0') {
	await waitFor(() => /^bash-[\d.]+[#$]/m.test(t.screen()), 'the shell prompt');
	t.type(`${NODE} ${BIN} ${args}; echo EXIT:$?`);
	t.keys('Enter');
	await waitFor(() => TABLE.test(t.screen()) && /^› /m.test(t.screen()), 'the fleet table');
}

/**
 * bash goes on with the rest of a command line when its job stops (`echo EXIT` prints 148, SIGTSTP's
 * status), not when it ends: once the program has exited, ask the shell for `fg`'s status, which is the program's.
 */
async function exitStatusAfterFg(t: Terminal): Promise<number> {
	await waitFor(
		() => !t.state().alternateScreen && !TABLE.test(t.screen()) && t.binaryPid() === undefined,
		'the program to exit',
	);
	t.type('echo STATUS:$?');
	t.keys('Enter');
	return Number(await waitFor(() => /^STATUS:(\d+)/m.exec(t.screen())?.[1], 'the exit status'));
}

describe('job control', () => {
	it('Ctrl-Z gives the shell a normal screen; fg brings the whole frame back, and keys act', async () => {
		const t = (terminal = interactiveShell());
		await startFromShell(t);
		const before = t.screen();
		expect(t.state()).toEqual({alternateScreen: true, cursorVisible: false});

		t.keys('C-z');
		await waitFor(() => t.screen().includes('Stopped'), 'the shell to report the job stopped');
		const pid = await waitFor(() => t.binaryPid(), 'the stopped program');
		expect(processState(pid)).toMatch(/^T/);
		// The shell's own screen, not the app's: the command line typed before is there, the table is not.
		expect(t.state()).toEqual({alternateScreen: false, cursorVisible: true});
		expect(t.screen()).not.toMatch(TABLE);
		expect(t.screen().replaceAll('\n', '')).toContain(`${BIN} --demo`);
		// The shell reads lines as usual.
		t.type('echo typed-$((6*7))');
		t.keys('Enter');
		await waitFor(() => t.screen().includes('\ntyped-42'), 'the shell to run a command');

		t.type('fg');
		t.keys('Enter');
		await waitFor(() => TABLE.test(t.screen()) && t.state().alternateScreen, 'the fleet table again');
		// The whole frame, not a diff against what the shell left: every line as before.
		await waitFor(() => shape(t.screen()) === shape(before), 'the full frame');
		expect(t.state()).toEqual({alternateScreen: true, cursorVisible: false});
		expect(t.screen()).not.toContain('typed-42');

		// Keys act (raw mode is back): j moves the selection, and is not echoed.
		t.keys('j');
		await waitFor(() => selectedRow(t.screen()) === selectedRow(before) + 1, 'j to move the selection');
		t.keys('q');
		expect(await exitStatusAfterFg(t)).toBe(0);
		expect(t.state()).toEqual({alternateScreen: false, cursorVisible: true});
	});

	it('under a wrapper (npm start runs sh, which runs us) Ctrl-Z stops the whole job, so the shell gets its prompt back', async () => {
		const t = (terminal = interactiveShell());
		await waitFor(() => /^bash-[\d.]+[#$]/m.test(t.screen()), 'the shell prompt');
		t.type(`sh -c '${NODE} ${BIN} --demo --demo-churn 0'`);
		t.keys('Enter');
		await waitFor(() => TABLE.test(t.screen()) && /^› /m.test(t.screen()), 'the fleet table');
		t.keys('C-z');
		await waitFor(() => t.screen().includes('Stopped'), 'the shell to report the job stopped');
		expect(t.state()).toEqual({alternateScreen: false, cursorVisible: true});
		t.type('fg');
		t.keys('Enter');
		await waitFor(() => TABLE.test(t.screen()) && t.state().alternateScreen, 'the fleet table again');
		t.keys('q');
		await waitFor(() => !t.state().alternateScreen && t.binaryPid() === undefined, 'the program to exit');
	});

	it('an outside SIGTSTP suspends the same way; SIGCONT in the background leaves the shell its screen; fg resumes', async () => {
		const t = (terminal = interactiveShell());
		await startFromShell(t);
		const before = t.screen();
		const pid = await waitFor(() => t.binaryPid(), 'the program pid');

		process.kill(pid, 'SIGTSTP');
		await waitFor(() => t.screen().includes('Stopped'), 'the shell to report the job stopped');
		await waitFor(() => processState(pid).startsWith('T'), 'the process stopped');
		expect(t.state()).toEqual({alternateScreen: false, cursorVisible: true});
		expect(t.screen()).not.toMatch(TABLE);

		// Continued while the shell owns the terminal: taking raw mode back stops it again (SIGTTOU)
		// before it draws anything, so the shell's screen stays the shell's.
		process.kill(pid, 'SIGCONT');
		t.type('echo still-mine');
		t.keys('Enter');
		await waitFor(() => t.screen().includes('\nstill-mine'), 'the shell to run a command');
		await waitFor(() => processState(pid).startsWith('T'), 'the process stopped again');
		expect(t.state().alternateScreen).toBe(false);
		expect(t.screen()).not.toMatch(TABLE);

		t.type('fg');
		t.keys('Enter');
		await waitFor(() => shape(t.screen()) === shape(before) && t.state().alternateScreen, 'the full frame');
		t.keys('j');
		await waitFor(() => selectedRow(t.screen()) === selectedRow(before) + 1, 'j to move the selection');
		t.keys('C-c');
		expect(await exitStatusAfterFg(t)).toBe(130);
	});
});

describe('a stop nobody announced', () => {
	it('after SIGSTOP (which cannot be caught) the shell writes over the frame; fg draws the whole frame again', async () => {
		const t = (terminal = interactiveShell());
		await startFromShell(t);
		const before = t.screen();
		const pid = await waitFor(() => t.binaryPid(), 'the program pid');

		process.kill(pid, 'SIGSTOP');
		// The app had no say: the shell's report lands on the app's screen.
		await waitFor(() => t.screen().includes('Stopped'), 'the shell to report the job stopped');
		t.type('fg');
		t.keys('Enter');
		await waitFor(
			() => !t.screen().includes('Stopped') && shape(t.screen()) === shape(before),
			'the whole frame again',
		);
		t.keys('j');
		await waitFor(() => selectedRow(t.screen()) === selectedRow(before) + 1, 'j to move the selection');
	});
});

describe('keys every terminal program honours', () => {
	it('Ctrl-L draws the whole frame again over stray bytes written to the terminal', async () => {
		const t = (terminal = openTerminal('--demo --demo-churn 0 --interval 1'));
		await waitFor(() => TABLE.test(t.screen()) && /^› /m.test(t.screen()), 'the fleet table');
		const before = t.screen();

		// Another process writes to the terminal (a background job, `wall`). First text alone (the cursor
		// put back): frames that follow rewrite only what changed, so the scribble stays.
		writeFileSync(t.tty(), '\u001B7\u001B[8;20HSTRAY BYTES FROM ELSEWHERE\u001B8');
		await waitFor(() => t.screen().includes('STRAY BYTES'), 'the stray bytes on screen');
		const scribbled = t.screen();
		await waitFor(() => t.screen() !== scribbled, 'the next frame');
		expect(t.screen()).toContain('STRAY BYTES');
		// Then text that moves the cursor too, which the next diff would be drawn from.
		writeFileSync(t.tty(), '\r\nmore stray\r\n');
		await waitFor(() => t.screen().includes('more stray'), 'more stray bytes on screen');

		t.keys('C-l');
		await waitFor(
			() => !t.screen().includes('STRAY') && !t.screen().includes('more stray'),
			'the stray bytes gone',
		);
		await waitFor(() => shape(t.screen()) === shape(before), 'a whole, fresh frame');
		// Ctrl-L is not l: the event log did not open.
		expect(t.screen()).not.toMatch(/^ ?events \(all/m);
		t.keys('j');
		await waitFor(() => selectedRow(t.screen()) === selectedRow(before) + 1, 'keys still act');
	});

	it('Ctrl+letter is never the letter: Ctrl-E exports nothing, Ctrl-Q does not quit, Ctrl-L opens no log', async () => {
		const directory = tempFolder('letta-fleet-ctrl-');
		const t = (terminal = openTerminal(`--demo --demo-churn 0 --export-dir ${directory}`));
		await waitFor(() => TABLE.test(t.screen()) && /^› /m.test(t.screen()), 'the fleet table');
		const first = selectedRow(t.screen());

		t.keys('C-e', 'C-q', 'C-l', 'j');
		await waitFor(() => selectedRow(t.screen()) === first + 1, 'j after the Ctrl keys');
		t.keys('e');
		await waitFor(() => t.screen().includes('exported'), 'e to export');
		// Only e wrote a file.
		expect(readdirSync(directory)).toHaveLength(1);
		expect(readdirSync(directory)[0]).toMatch(/\.csv$/);
		expect(TABLE.test(t.screen())).toBe(true);
		expect(t.screen()).not.toContain('EXIT:');
	});

	it('F1 opens help and F10 quits with 0, for htop hands', async () => {
		const t = (terminal = openTerminal('--demo --demo-churn 0'));
		await waitFor(() => TABLE.test(t.screen()), 'the fleet table');
		t.keys('F1');
		// tmux sends F1 as xterm does (ESC O P) and F10 as ESC [ 2 1 ~.
		await waitFor(() => /^ Keys /m.test(t.screen()), 'the help overlay');
		t.keys('F1');
		await waitFor(() => !/^ Keys /m.test(t.screen()) && TABLE.test(t.screen()), 'help closed again');
		t.keys('F10');
		await waitFor(() => t.screen().includes('TTY:'), 'the program to exit');
		expect(t.screen()).toContain('EXIT:0');
		expect(t.state()).toEqual({alternateScreen: false, cursorVisible: true});
	});
});
