/**
 * The live view records as it watches, in a real terminal (tmux) running the built binary: what
 * it saw is in the file after q, and `letta-fleet history` reads it back; a file that cannot be
 * made turns recording off with a line in the header while the fleet is still shown.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {afterAll, describe, expect, it} from 'vitest';
import {demoInTerminals} from '../helpers/demo-terminals.js';
import {runCli} from '../helpers/cli.js';
import {waitFor} from '../helpers/wait.js';

const demo = demoInTerminals({seed: 9, size: 40, churnPerMinute: 1200});
const folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-recorder-e2e-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

function storedEvents(file: string): number {
	const db = new DatabaseSync(file, {readOnly: true});
	try {
		return Number(db.prepare('SELECT count(*) AS n FROM events').get()!['n']);
	} finally {
		db.close();
	}
}

describe('the live view records history', () => {
	it('records what it watched; after q, history reads it back', async () => {
		const file = path.join(folder, 'history.sqlite');
		const t = demo.watch(`--interval 1 --history-file ${file}`, {columns: 160, rows: 30});
		await waitFor(() => /\b([1-9]\d*) of \1 shown/.test(t.screen()), 'the fleet');
		await waitFor(() => storedEvents(file) >= 5, 'five recorded events', 30_000);
		t.keys('q');
		await waitFor(() => t.screen().includes('EXIT:'), 'the program to exit');
		expect(t.screen()).toContain('EXIT:0');

		const db = new DatabaseSync(file, {readOnly: true});
		const runs = db.prepare('SELECT mode, last_at > started_at AS polled FROM runs').all();
		const open = db.prepare('SELECT count(*) AS n FROM intervals WHERE to_at IS NULL').get()!['n'];
		db.close();
		expect(runs).toEqual([{mode: 'live view', polled: 1}]);
		// q ended the run: every interval closed at its last poll.
		expect(open).toBe(0);
		const read = await runCli(['history', '--base-url', demo.server.url, '--history-file', file, '--json'], {
			LETTA_API_KEY: demo.server.apiKey,
		});
		expect(read.code).toBe(0);
		expect(read.stdout.trim().split('\n').length).toBe(storedEvents(file));

		// Monday: a new run opens the log with what the last one recorded, and a listener's availability.
		const recorded = storedEvents(file);
		const monday = demo.watch(`--interval 1 --history-file ${file}`, {columns: 160, rows: 30});
		await waitFor(() => /\b([1-9]\d*) of \1 shown/.test(monday.screen()), 'the fleet again');
		monday.keys('l');
		await waitFor(
			() => monday.screen().includes(`+ ${recorded} recorded before`),
			'the recorded events in the log',
		);
		monday.keys('Escape');
		await waitFor(() => monday.screen().includes('STATUS'), 'the table');
		monday.keys('Enter');
		await waitFor(() => monday.screen().includes('1 overview'), 'the details');
		monday.keys('3');
		await waitFor(() => monday.screen().includes('Availability, last 24 hours'), 'the availability part');
		expect(monday.screen()).toMatch(/24h \d+\.\d % · 7d \d+\.\d % · 30d \d+\.\d %/);
		monday.keys('q');
		await waitFor(() => monday.screen().includes('EXIT:'), 'the second run to exit');
	});

	it('records the first poll of a view stopped right after its first frame', async () => {
		const file = path.join(folder, 'first-poll.sqlite');
		// One poll in the test's time: what is recorded is the first pass's.
		const t = demo.watch(`--interval 600 --history-file ${file}`, {columns: 160, rows: 30});
		await waitFor(() => /\b([1-9]\d*) of \1 shown/.test(t.screen()), 'the fleet');
		const shown = Number(/\b([1-9]\d*) of \1 shown/.exec(t.screen())![1]);
		process.kill(await waitFor(() => t.programPid(), 'the program'), 'SIGTERM');
		await waitFor(() => t.screen().includes('EXIT:'), 'the program to exit');
		expect(t.screen()).toContain('EXIT:143');

		const db = new DatabaseSync(file, {readOnly: true});
		// Each listener's status from the first pass opens an interval (the first poll's events are the next ones').
		const listeners = Number(db.prepare('SELECT count(DISTINCT listener_id) AS n FROM intervals').get()!['n']);
		const runs = db.prepare('SELECT mode FROM runs').all();
		db.close();
		expect(listeners).toBe(shown);
		expect(runs).toEqual([{mode: 'live view'}]);
	});

	it('says in the header that recording is off when the file cannot be made, and keeps monitoring', async () => {
		const file = path.join(folder, 'a-file', 'history.sqlite');
		// A file where the folder should be: refused for root too, unlike a permission.
		writeFileSync(path.dirname(file), '');
		const t = demo.watch(`--interval 1 --history-file ${file}`, {columns: 200, rows: 30});
		await waitFor(() => /\b([1-9]\d*) of \1 shown/.test(t.screen()), 'the fleet');
		// The file is opened after the first frame (ui/run.tsx): its notice comes with the next.
		await waitFor(
			() => t.screen().includes(`history off: cannot create ${path.dirname(file)} (a file is in the way)`),
			'the notice',
		);
		t.keys('q');
		await waitFor(() => t.screen().includes('EXIT:'), 'the program to exit');
		expect(t.screen()).toContain('EXIT:0');
	});
});
