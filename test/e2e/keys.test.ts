/**
 * Keys as an operator's hands deliver them, in a real terminal (tmux) running
 * the built binary: type-ahead that filters then exports, a bracketed paste
 * (tmux's paste-buffer -p brackets it when the program asked for it, as a
 * terminal emulator does), and Esc with a key right behind it.
 */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {tempFolder} from '../helpers/temp-folder.js';
import {demoInTerminals} from '../helpers/demo-terminals.js';
import {waitFor} from '../helpers/wait.js';

const demo = demoInTerminals({seed: 7, size: 40, churnPerMinute: 0});

function watch(exportDirectory: string) {
	return demo.watch(`--export-dir ${exportDirectory}`, {columns: 100, rows: 30});
}

const shownCount = (screen: string) => Number(/(\d+) of \d+ shown/.exec(screen)?.[1] ?? Number.NaN);
const csvRows = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\r\n').length - 1;

describe('keys in a real terminal', () => {
	it('type-ahead: /build Enter e sent in one go exports the filtered rows, not all of them', async () => {
		const directory = tempFolder('letta-fleet-keys-');
		const t = watch(directory);
		await waitFor(() => /\b([1-9]\d*) of \1 shown/.test(t.screen()), 'the whole fleet');
		const total = shownCount(t.screen());
		// One send-keys call: the keys reach the program together, before it draws the filter.
		t.keys('/build', 'Enter', 'e');
		await waitFor(() => readdirSync(directory).length === 1 && t.screen().includes('exported'), 'the export');
		const shown = shownCount(t.screen());
		expect(t.screen()).toContain('filter "build"');
		expect(shown).toBeGreaterThan(0);
		expect(shown).toBeLessThan(total);
		const [file] = readdirSync(directory);
		expect(csvRows(path.join(directory, file!))).toBe(shown);
		expect(t.screen()).toContain(`exported ${shown} rows`);
	});

	it('a paste runs no command outside the filter (pasting "see q" neither exports nor quits); in the filter it is text; bracketed paste is off again after q', async () => {
		const directory = tempFolder('letta-fleet-keys-');
		const t = watch(directory);
		await waitFor(() => /\b([1-9]\d*) of \1 shown/.test(t.screen()), 'the whole fleet');
		const total = shownCount(t.screen());
		t.paste('see q');
		await waitFor(() => t.screen().includes('a paste was ignored'), 'the flash about the paste');
		expect(readdirSync(directory)).toEqual([]);
		expect(t.screen()).not.toContain('EXIT:');
		expect(t.screen()).toContain(`${total} of ${total} shown`);

		t.keys('/');
		await waitFor(() => t.screen().includes('Enter keep'), 'the filter prompt');
		t.paste('build\n');
		t.keys('Enter');
		await waitFor(() => t.screen().includes('filter "build"'), 'the pasted filter kept');
		expect(shownCount(t.screen())).toBeLessThan(total);

		t.keys('q');
		await waitFor(() => t.screen().includes('TTY:'), 'the program to exit');
		expect(t.screen()).toContain('EXIT:0');
		// The shell's tty echoes what is pasted now: still bracketed, it would show ^[[200~.
		t.paste('after');
		await waitFor(() => t.screen().includes('after'), 'the paste echoed by the tty');
		expect(t.screen()).not.toContain('[200~');
	});

	it('Esc with a key right behind it is Esc, then that key', async () => {
		const directory = tempFolder('letta-fleet-keys-');
		const t = watch(directory);
		await waitFor(() => /\b([1-9]\d*) of \1 shown/.test(t.screen()), 'the whole fleet');
		t.keys('l');
		await waitFor(() => !t.screen().includes('STATUS'), 'the log pane');
		// ESC and 4 in one write, as ssh delivers a quick Esc 4.
		t.type('\u001B4');
		await waitFor(
			() => t.screen().includes('STATUS') && t.screen().includes('scope duplicates'),
			'back on the table, scoped to duplicates',
		);
	});
});

describe('help in a real terminal', () => {
	for (const [columns, rows] of [
		[80, 24],
		[60, 20],
		[40, 10],
	] as const) {
		it(`fits ${columns}x${rows}: no line past the edge, the footer in place, and it scrolls to its last line`, async () => {
			const t = demo.watch('--interval 1', {columns, rows});
			await waitFor(() => /^› /m.test(t.screen()), 'the fleet');
			t.keys('?');
			await waitFor(() => t.screen().includes(' Keys '), 'the help');
			const lines = t.screen().replace(/\n$/, '').split('\n');
			expect(lines).toHaveLength(rows);
			for (const line of lines) {
				expect([...line].length).toBeLessThanOrEqual(columns);
			}

			// The footer keeps its place and its way out at any width.
			expect(lines.at(-1)).toMatch(/q quit/);
			t.keys('G');
			await waitFor(
				() => !/lines \d+-\d+ of \d+/.test(t.screen()) || /lines \d+-(\d+) of \1\b/.test(t.screen()),
				'the end of the help',
			);
			t.keys('Escape');
			await waitFor(() => !t.screen().includes(' Keys ') && /^› /m.test(t.screen()), 'the table again');
		});
	}
});
