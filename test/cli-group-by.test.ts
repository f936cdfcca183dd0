/**
 * --group-by in the pipe modes, run as a user would on the embedded demo: --once prints each
 * group's line above its rows, --json stays one record per listener, and a mistyped value says
 * which one was meant.
 */
import {describe, expect, it} from 'vitest';
import {runCli} from './helpers/cli.js';

const UTF8 = {LANG: 'C.UTF-8'};

describe('--group-by', () => {
	it('--once prints each group line above its rows, newest version first, counting them', async () => {
		const result = await runCli(['--demo', '--demo-size', '12', '--once', '--group-by', 'version'], UTF8);
		expect(result.code).toBe(0);
		const lines = result.stdout.split('\n');
		const groups = lines.filter(line => line.startsWith('▾ '));
		expect(groups.length).toBeGreaterThan(1);
		// Each group's total is the number of rows under it, up to the next group line or the summary.
		let shown = 0;
		for (const group of groups) {
			const start = lines.indexOf(group) + 1;
			const next = lines.findIndex((line, index) => index >= start && (line.startsWith('▾ ') || line === ''));
			const total = Number(/\/(\d+) online/.exec(group)![1]);
			expect(next - start, group).toBe(total);
			shown += total;
		}

		expect(shown).toBe(12);
	});

	it('--json stays flat: a group is a way of looking, not data', async () => {
		const result = await runCli(['--demo', '--demo-size', '12', '--once', '--json', '--group-by', 'machine']);
		expect(result.code).toBe(0);
		const parsed = JSON.parse(result.stdout) as {connections: unknown[]};
		expect(Object.keys(parsed)).toEqual(['connections']);
		expect(parsed.connections).toHaveLength(12);
	});

	it('with --ascii, an open group is `[`; a mistyped value names the one meant; --events refuses it', async () => {
		const ascii = await runCli(['--demo', '--demo-size', '12', '--once', '--ascii', '--group-by', 'user']);
		expect(ascii.stdout).toMatch(/^\[ user-\S+ \. \d+\/\d+ online/m);
		const typo = await runCli(['--demo', '--once', '--group-by', 'versoin']);
		expect(typo.code).toBe(2);
		expect(typo.stderr).toContain(
			'--group-by must be none, machine, user or version, got "versoin"; did you mean version?',
		);
		const events = await runCli(['--demo', '--events', '--group-by', 'machine']);
		expect(events.code).toBe(2);
		expect(events.stderr).toContain('--group-by shapes the live view and --once; --events prints every change');
	});
});
