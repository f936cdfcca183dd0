/**
 * Where keys come from, in a real terminal (tmux) against the built binary: the live view
 * started with stdin from /dev/null or a pipe reads keys from the controlling terminal (and
 * Ctrl-Z/fg still work); without any terminal (setsid) it says so in one line and prints the
 * table once; mouse reports of every encoding, sent as raw bytes, are never keys.
 */
import {describe, expect, it} from 'vitest';
import {BIN, NODE} from '../helpers/cli.js';
import {demoInTerminals} from '../helpers/demo-terminals.js';
import {openTerminal, type Terminal} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait.js';

const demo = demoInTerminals({seed: 7, size: 40, churnPerMinute: 0});

const TABLE = /STATUS\s+NAME/;
const selectedRow = (screen: string) => screen.split('\n').findIndex(line => line.startsWith('› '));
const exited = (t: Terminal) => waitFor(() => t.screen().includes('TTY:'), 'the program to exit');

/** A shell line run in a fresh terminal, pointed at the demo server. */
function shellLine(line: string, size = {columns: 100, rows: 30}): Terminal {
	return demo.track(
		openTerminal(line, {
			...size,
			raw: true,
			env: {LETTA_BASE_URL: demo.server.url, LETTA_API_KEY: demo.server.apiKey},
		}),
	);
}

async function tableShown(t: Terminal): Promise<string> {
	await waitFor(() => TABLE.test(t.screen()) && /^› /m.test(t.screen()), 'the fleet table');
	return t.screen();
}

/** Raw bytes typed into the pane, as a terminal sends them (tmux send-keys -H). */
const sendBytes = (t: Terminal, bytes: Buffer) =>
	t.keys('-H', ...[...bytes].map(byte => byte.toString(16).padStart(2, '0')));

describe('keys from the controlling terminal when stdin is not one', () => {
	for (const [name, line] of [
		['stdin from /dev/null', `${NODE} ${BIN} --interval 1 < /dev/null`],
		['stdin from a pipe (echo x |)', `echo x | ${NODE} ${BIN} --interval 1`],
	] as const) {
		it(`${name}: j, Enter, Esc and q act, a paste is a paste; q exits 0 with the terminal back in cooked mode`, async () => {
			const t = shellLine(line);
			const first = await tableShown(t);
			expect(t.screen()).not.toContain('Raw mode');
			t.keys('j');
			await waitFor(() => selectedRow(t.screen()) === selectedRow(first) + 1, 'j to move the selection');
			t.keys('Enter');
			await waitFor(() => t.screen().includes('Esc back'), 'the detail pane');
			t.keys('Escape');
			await waitFor(() => !t.screen().includes('Esc back') && TABLE.test(t.screen()), 'the table again');
			// Bracketed paste is on for the terminal keys come from: a paste runs no command.
			t.paste('see q');
			await waitFor(() => t.screen().includes('a paste was ignored'), 'the flash about the paste');
			t.keys('q');
			await exited(t);
			expect(t.screen()).toContain('EXIT:0');
			expect(t.screen()).toContain('TTY:icanon');
			expect(t.screen()).not.toMatch(TABLE);
		});
	}

	it('Ctrl-Z and fg from an interactive shell work with stdin from /dev/null', async () => {
		const t = demo.track(
			openTerminal('bash --norc --noprofile -i', {
				raw: true,
				env: {LETTA_BASE_URL: demo.server.url, LETTA_API_KEY: demo.server.apiKey},
			}),
		);
		await waitFor(() => /^bash-[\d.]+[#$]/m.test(t.screen()), 'the shell prompt');
		t.type(`${NODE} ${BIN} --interval 1 < /dev/null`);
		t.keys('Enter');
		const before = await tableShown(t);
		t.keys('C-z');
		await waitFor(
			() => t.screen().includes('Stopped') && !t.state().alternateScreen,
			'the shell to report the job stopped',
		);
		t.type('fg');
		t.keys('Enter');
		await waitFor(() => TABLE.test(t.screen()) && t.state().alternateScreen, 'the fleet table again');
		t.keys('j');
		await waitFor(() => selectedRow(t.screen()) === selectedRow(before) + 1, 'j to move the selection after fg');
		t.keys('q');
		await waitFor(() => !t.state().alternateScreen && t.binaryPid() === undefined, 'the program to exit');
		t.type('echo STATUS:$?');
		t.keys('Enter');
		expect(await waitFor(() => /^STATUS:(\d+)/m.exec(t.screen())?.[1], 'the exit status')).toBe('0');
	});

	it('with no terminal at all (setsid, stdin from /dev/null): one line saying so, then the plain table, exit 0 as --once', async () => {
		const t = shellLine(`setsid -w ${NODE} ${BIN} < /dev/null`, {columns: 200, rows: 60});
		await exited(t);
		const screen = t.screen();
		const lines = screen.split('\n');
		expect(lines[0]).toBe(
			'letta-fleet: no terminal to read keys from (stdin is not one, /dev/tty: ENXIO): showing the table once, as --once does',
		);
		expect(lines[1]).toMatch(TABLE);
		expect(screen).toMatch(/\d+ listeners on \d+ machines/);
		expect(screen).toContain('EXIT:0');
		expect(screen).not.toContain('Raw mode');
		expect(screen).not.toContain('    at ');
	});
});

describe('mouse reports are never keys', () => {
	const x10 = (b: number, x: number, y: number) => Buffer.from([0x1b, 0x5b, 0x4d, b, x, y]);
	const reports: Array<[string, Buffer]> = [
		// Every value byte reads as q (quit) if taken for a key.
		['X10 whose bytes read as "q"', x10(0x71, 0x71, 0x71)],
		// `?` (help), `/` (filter), `1` (scope).
		['X10 reading as "?/1"', x10(0x3f, 0x2f, 0x31)],
		[
			'UTF-8 (1005) with two-byte coordinates',
			Buffer.concat([
				Buffer.from('\u001B[M '),
				Buffer.from(String.fromCodePoint(32 + 200)),
				Buffer.from(String.fromCodePoint(32 + 150)),
			]),
		],
		['SGR (1006) press and release', Buffer.from('\u001B[<0;12;3M\u001B[<0;12;3m')],
		['urxvt (1015)', Buffer.from('\u001B[32;12;3M')],
	];

	for (const [name, bytes] of reports) {
		it(`${name}: the view runs on unchanged, and a key sent right after acts`, async () => {
			const t = demo.watch('--interval 1', {columns: 80, rows: 24});
			const before = await tableShown(t);
			sendBytes(t, bytes);
			t.keys('j');
			await waitFor(() => selectedRow(t.screen()) === selectedRow(before) + 1, 'j to move the selection by one');
			const after = t.screen();
			expect(after).not.toContain('EXIT:');
			// No help, no filter prompt, the scope and sort as they were.
			expect(after.split('\n')[2]!.slice(0, 40)).toBe(before.split('\n')[2]!.slice(0, 40));
			expect(after).not.toContain(' Keys ');
			expect(after).not.toContain('Enter keep');
			expect(t.state().alternateScreen).toBe(true);
		});
	}

	it('a stray paste start (ESC[200~ with no end) deafens the view only until the paste is taken to be over: then q quits', async () => {
		const t = demo.watch('--interval 1', {columns: 80, rows: 24});
		await tableShown(t);
		sendBytes(t, Buffer.from('\u001B[200~'));
		t.keys('q');
		await waitFor(() => t.screen().includes('a paste was ignored'), 'the paste handed over as a paste');
		expect(t.screen()).not.toContain('EXIT:');
		t.keys('q');
		await exited(t);
		expect(t.screen()).toContain('EXIT:0');
	});

	it('keys typed around reports in one write all act, in order', async () => {
		const t = demo.watch('--interval 1', {columns: 80, rows: 24});
		const before = await tableShown(t);
		sendBytes(t, Buffer.concat([Buffer.from('j'), x10(0x71, 0x71, 0x71), Buffer.from('j\u001B[<0;1;1Mj')]));
		await waitFor(
			() => selectedRow(t.screen()) === selectedRow(before) + 3,
			'three j to move the selection by three',
		);
		t.keys('q');
		await exited(t);
		expect(t.screen()).toContain('EXIT:0');
	});
});
