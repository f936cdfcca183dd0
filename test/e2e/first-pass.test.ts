/**
 * A large first pass in a real terminal (tmux) running the built binary against the demo server at
 * 20 000 listeners, each list page slowed down: the rows come as the pages do, marked as loading
 * with the count so far, never a bare frame; then the complete pass takes over. `--once` on a
 * terminal counts the listeners so far on stderr.
 */
import {describe, expect, it} from 'vitest';
import {demoInTerminals} from '../helpers/demo-terminals.js';
import {waitFor} from '../helpers/wait.js';

const LISTENERS = 20_000;
// Pages of 500, each answering after 250 ms: 40 pages, a pass of 10 s or more. (Pages of 100 at 50 ms
// made a pass of minutes on a shared 2-core machine, this process serving them.)
const demo = demoInTerminals({
	seed: 20,
	size: LISTENERS,
	churnPerMinute: 0,
	maxPageSize: 500,
	faults: [{fault: {kind: 'delay', ms: 250}, route: 'list'}],
});
const LOADING = /loading… ((?:\d| )+) listeners so far, page (\d+)/u;
const count = (text: string) => Number(text.replaceAll(' ', ''));
/**
 * A probe that reads the screen at most every 500 ms: each read is a blocking tmux call in this
 * process, which also serves the demo's 200 pages, and reading every 25 ms starved the server.
 */
function everyHalfSecond<T>(probe: () => T): () => T | false {
	let last = 0;
	return () => {
		if (Date.now() - last < 500) return false;
		last = Date.now();
		return probe();
	};
}

describe('a large first pass', () => {
	it('shows rows as pages arrive, marked as loading with a count that grows, then the whole fleet', async () => {
		const t = demo.watch('--interval 30 --max-rps 50', {columns: 80, rows: 24});
		const first = await waitFor(
			everyHalfSecond(() => LOADING.exec(t.screen())),
			'the loading line',
			60_000,
		);
		const screen = t.screen();
		// Rows, not a bare frame: a status word on a table line, and the view line counts them.
		expect(screen).toMatch(/^[ ›] [●◐○] (online|stale|offline)/mu);
		expect(screen).toMatch(new RegExp(`\\b${count(first[1]!)} of ${count(first[1]!)} shown`, 'u'));
		expect(count(first[1]!)).toBeLessThan(LISTENERS);
		// Loading is not the fleet: no age, no refresh, no versions yet.
		expect(screen).not.toMatch(/updated|every 30s|versions/u);

		const later = await waitFor(
			everyHalfSecond(() => {
				const match = LOADING.exec(t.screen());
				return match && count(match[1]!) > count(first[1]!) ? match : null;
			}),
			'a count that grows',
			60_000,
		);
		expect(Number(later[2])).toBeGreaterThan(Number(first[2]));

		const done = await waitFor(
			everyHalfSecond(() => /updated (just now|\d+s ago) · every 30s/u.test(t.screen()) && t.screen()),
			'the complete pass',
			120_000,
		);
		expect(done).not.toMatch(LOADING);
		const whole = /\b(\d+) of \1 shown/u.exec(done);
		expect(Number(whole?.[1])).toBeGreaterThanOrEqual(LISTENERS);
	}, 240_000);

	it('--once on a terminal counts the listeners so far on stderr, then prints the table', async () => {
		const t = demo.watch('--once --max-rps 50 > /dev/null', {columns: 200, rows: 10});
		const line = await waitFor(
			everyHalfSecond(() => /waiting for .*: \d+s, ((?:\d| )+) listeners so far, page \d+/u.exec(t.screen())),
			'the waiting line with the count so far',
			60_000,
		);
		expect(count(line[1]!)).toBeGreaterThan(0);
		await waitFor(
			everyHalfSecond(() => t.screen().includes('EXIT:0')),
			'the one-shot to finish',
			120_000,
		);
		expect(t.screen()).not.toContain('listeners so far');
	}, 180_000);
});
