/**
 * Columns chosen in a real terminal (tmux, 80x24) on `--demo`: `f` opens the chooser, Space hides a
 * column, K moves one, Enter closes; the table, the view line and a CSV export follow; STATUS and NAME
 * cannot both be hidden, and the screen says so.
 */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {tempFolder} from '../helpers/temp-folder.js';
import {assertTmux, openTerminal, type Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait.js';

let terminal: Terminal | undefined;
beforeAll(() => assertTmux());
afterEach(() => terminal?.kill());

const tableHeader = (screen: string) =>
	screen.split('\n').find(line => /^ {2}[A-Z][A-Z ↑↓]+$/.test(line.trimEnd()) && /NAME|STATUS/.test(line)) ?? '';

describe('choosing columns at 80x24', () => {
	it('f hides and moves columns; the table, the view line and the CSV follow; STATUS and NAME stay one', async () => {
		const exports = tempFolder('letta-fleet-col-e2e-');
		terminal = openTerminal(`--demo --demo-churn 0 --export-dir ${exports}`, {columns: 80, rows: 24});
		const t = terminal;
		await waitFor(() => /\b40 of 40 shown/.test(t.screen()), 'the demo fleet');
		expect(tableHeader(t.screen())).toMatch(/^ {2}STATUS\s+NAME↑\s+DUP\s+MACHINE/);

		t.keys('f');
		await waitFor(() => t.screen().includes(' Columns '), 'the chooser');
		expect(t.screen()).toContain('› [x] STATUS');
		expect(t.screen()).toContain('[x] DIRECTORY');
		expect(t.screen()).toContain('Space show/hide');
		// Hide NAME, then try STATUS too: refused, in words.
		t.keys('j', 'Space', 'k', 'Space');
		await waitFor(() => t.screen().includes('STATUS and NAME cannot both be hidden'), 'the refusal');
		expect(t.screen()).toContain('› [x] STATUS');
		expect(t.screen()).toContain('[ ] NAME');
		// MODE (the fifth) to the front, then back to the table.
		t.keys('j', 'j', 'j', 'j', 'K', 'K', 'K', 'K', 'Enter');
		await waitFor(() => !t.screen().includes(' Columns '), 'the table again');
		expect(tableHeader(t.screen())).toMatch(/^ {2}MODE\s+STATUS\s+DUP\s+MACHINE/);
		expect(t.screen()).toContain('cols 13/14');

		t.keys('e');
		await waitFor(() => readdirSync(exports).length === 1 && t.screen().includes('exported'), 'the export');
		const header = readFileSync(path.join(exports, readdirSync(exports)[0]!), 'utf8').split('\r\n')[0]!;
		expect(header.startsWith('mode,status,duplicate,deviceId,machineListeners,')).toBe(true);
		expect(header).not.toContain('connectionName');
		expect(header.endsWith(',firstSeenAt,lastSeenAt')).toBe(true);
	}, 40_000);
});
