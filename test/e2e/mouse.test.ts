/**
 * `--mouse` in a real terminal (tmux, 80x24) against the built binary on `--demo`: SGR reports
 * typed into the pane as a terminal sends them select the clicked row, a double-click opens its
 * details, the wheel moves the selection; tmux's own flags show tracking on only while the view
 * holds the screen (off on q, Ctrl-Z and SIGTERM, on again after fg). Without `--mouse` the same
 * bytes select nothing and tracking is never turned on.
 */
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
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
const SIZE = {columns: 80, rows: 24, tag: 'mou'};
/** The screen line (0 at the top) the selection is on. */
const selectedLine = (screen: string) => screen.split('\n').findIndex(line => line.startsWith('› '));
/** The name column of a table line: the word after the status. */
const nameOn = (screen: string, line: number) => /^..\S+ \S+\s+(\S+)/.exec(screen.split('\n')[line] ?? '')?.[1];

/** At 80x24 the header takes screen rows 1-3 and the table's title row 4: the first row is on 5, the third on 7. */
const FIRST_ROW = 5;
const click = (row: number, column = 12) => `\u001B[<0;${column};${row}M\u001B[<0;${column};${row}m`;
const WHEEL_DOWN = '\u001B[<65;12;10M';

async function tableShown(t: Terminal): Promise<string> {
	await waitFor(() => TABLE.test(t.screen()) && selectedLine(t.screen()) === FIRST_ROW - 1, 'the fleet table');
	return t.screen();
}

describe('--mouse in a real terminal', () => {
	it('a click on the third row selects it, a double-click opens details, the wheel moves 3 rows; q turns tracking off', async () => {
		const t = (terminal = openTerminal('--demo --demo-churn 0 --mouse', SIZE));
		await tableShown(t);
		expect(t.mouseModes()).toEqual({tracking: true, sgr: true});

		t.type(click(FIRST_ROW + 2));
		await waitFor(() => selectedLine(t.screen()) === FIRST_ROW + 1, 'the third row selected');

		const fourth = nameOn(t.screen(), FIRST_ROW + 2);
		expect(fourth).toBeTruthy();
		t.type(click(FIRST_ROW + 3) + click(FIRST_ROW + 3));
		await waitFor(() => t.screen().includes('Esc back'), 'the detail pane');
		// The table cuts a long name with …; the pane's title has it whole.
		expect(t.screen().split('\n')[3]).toContain(` ${fourth!.replace(/…$/, '')}`);

		t.keys('Escape');
		await waitFor(() => selectedLine(t.screen()) === FIRST_ROW + 2, 'the table, on the fourth row');
		t.type(WHEEL_DOWN);
		await waitFor(() => selectedLine(t.screen()) === FIRST_ROW + 5, 'the wheel to move the selection 3 rows');

		t.keys('q');
		await waitFor(() => t.screen().includes('TTY:'), 'the program to exit');
		expect(t.screen()).toContain('EXIT:0');
		expect(t.mouseModes()).toEqual({tracking: false, sgr: false});
	});

	it('Ctrl-Z turns tracking off for the shell and fg on again; SIGTERM turns it off', async () => {
		const t = (terminal = openTerminal('bash --norc --noprofile -i', {...SIZE, raw: true}));
		await waitFor(() => /^bash-[\d.]+[#$]/m.test(t.screen()), 'the shell prompt');
		t.type(`${NODE} ${BIN} --demo --demo-churn 0 --mouse`);
		t.keys('Enter');
		await tableShown(t);
		expect(t.mouseModes()).toEqual({tracking: true, sgr: true});

		t.keys('C-z');
		await waitFor(() => t.screen().includes('Stopped'), 'the shell to report the job stopped');
		expect(t.mouseModes()).toEqual({tracking: false, sgr: false});
		t.type('fg');
		t.keys('Enter');
		await waitFor(() => TABLE.test(t.screen()) && t.state().alternateScreen, 'the fleet table again');
		await waitFor(() => t.mouseModes().tracking && t.mouseModes().sgr, 'tracking on again');
		// And clicks act again.
		t.type(click(FIRST_ROW + 2));
		await waitFor(() => selectedLine(t.screen()) === FIRST_ROW + 1, 'the third row selected after fg');

		const pid = await waitFor(() => t.binaryPid(), 'the program');
		process.kill(pid, 'SIGTERM');
		await waitFor(() => !t.state().alternateScreen && t.binaryPid() === undefined, 'the program to exit');
		expect(t.mouseModes()).toEqual({tracking: false, sgr: false});
	});

	it('without --mouse the same bytes select nothing, open nothing and never type; tracking is never on', async () => {
		const t = (terminal = openTerminal('--demo --demo-churn 0', SIZE));
		const first = await tableShown(t);
		expect(t.mouseModes()).toEqual({tracking: false, sgr: false});

		t.type(click(FIRST_ROW + 2) + click(FIRST_ROW + 3) + click(FIRST_ROW + 3) + WHEEL_DOWN);
		// A key after them: once it has acted, the reports before it were read too.
		t.keys('j');
		await waitFor(() => selectedLine(t.screen()) === FIRST_ROW, 'j to move the selection one row');
		const after = t.screen();
		expect(after).not.toContain('Esc back');
		expect(after).not.toContain('[<');
		expect(nameOn(after, FIRST_ROW - 1)).toBe(nameOn(first, FIRST_ROW - 1));
		expect(t.mouseModes()).toEqual({tracking: false, sgr: false});
	});
});
