/**
 * Time travel in a real terminal (tmux) running the built binary: a run records a listener
 * dropping; after a restart, the table steps back to before the drop and shows it online under the
 * HISTORY banner, the step keys move the moment, and Esc is live again with polling never stopped.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {afterAll, describe, expect, it} from 'vitest';
import {demoInTerminals} from '../helpers/demo-terminals.js';
import {waitFor} from '../helpers/wait.js';

const demo = demoInTerminals({seed: 19, size: 40, churnPerMinute: 1200});
const folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-timetravel-e2e-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

/** A recorded drop with at least 3 s online before it: the listener's name and a moment inside that stretch. */
type Drop = {name: string; onlineAt: number; droppedAt: number};

function recordedDrop(file: string): Drop | undefined {
	const db = new DatabaseSync(file, {readOnly: true});
	try {
		const row = db
			.prepare(
				`SELECT l.connection_name AS name, on_.from_at AS from_at, off.from_at AS dropped
				FROM intervals off JOIN intervals on_ ON on_.listener_id = off.listener_id AND on_.to_at = off.from_at
				JOIN listeners l ON l.id = off.listener_id
				WHERE off.status = 2 AND on_.status = 0 AND off.from_at - on_.from_at >= 3000
					AND (SELECT count(*) FROM listeners o WHERE o.connection_name = l.connection_name) = 1
				ORDER BY off.from_at LIMIT 1`,
			)
			.get();
		if (!row) return undefined;
		const dropped = Number(row['dropped']);
		// A whole second inside the online stretch: the prompt takes seconds.
		const onlineAt = Math.ceil((Number(row['from_at']) + dropped) / 2 / 1000) * 1000;
		return {name: String(row['name']), onlineAt, droppedAt: dropped};
	} finally {
		db.close();
	}
}

describe('time travel in the live view', () => {
	it('steps back to before a recorded drop, shows it online, and Esc is live', async () => {
		const file = path.join(folder, 'history.sqlite');
		const friday = demo.watch(`--interval 1 --history-file ${file}`, {columns: 160, rows: 30});
		await waitFor(() => /\b([1-9]\d*) of \1 shown/.test(friday.screen()), 'the fleet');
		let drop: Drop | undefined;
		await waitFor(() => (drop = recordedDrop(file)) !== undefined, 'a recorded drop', 60_000);
		friday.keys('q');
		await waitFor(() => friday.screen().includes('EXIT:'), 'the first run to exit');

		const monday = demo.watch(`--interval 1 --history-file ${file}`, {columns: 160, rows: 30});
		await waitFor(() => /\b([1-9]\d*) of \1 shown/.test(monday.screen()), 'the fleet again');
		monday.type(`/^${drop!.name}$`);
		monday.keys('Enter');
		await waitFor(() => /\b1 of \d+ shown/.test(monday.screen()), 'the one listener');

		monday.keys('@');
		await waitFor(() => monday.screen().includes('go to: '), 'the go-to prompt');
		monday.type(new Date(drop!.onlineAt).toISOString().slice(0, 19) + 'Z');
		monday.keys('Enter');
		await waitFor(() => monday.screen().includes(' HISTORY '), 'the history banner');
		const before = monday.screen();
		expect(before).toMatch(/HISTORY \d\d:\d\d:\d\d \(.+ ago\)/);
		expect(before).toContain('Esc live');
		expect(rowOf(before, drop!.name)).toMatch(/\bonline\b/);
		// The polls' health stays the live one's (a rebuilt snapshot was fetched by nobody).
		expect(before).toMatch(/updated (just now|\S+ ago) · every \d+s/);

		// A minute earlier nothing was recorded yet: an empty table that says so, not listeners drawn offline.
		const shown = bannerTime(before);
		monday.keys('[');
		await waitFor(
			() => monday.screen().includes('nothing recorded was watched at this moment'),
			'the moment a minute earlier',
		);
		expect(bannerTime(monday.screen())).not.toBe(shown);
		expect(rowOf(monday.screen(), drop!.name)).toBe('');
		// And a minute later it is back where it was.
		monday.keys(']');
		await waitFor(() => bannerTime(monday.screen()) === shown, 'the moment again');
		expect(rowOf(monday.screen(), drop!.name)).toMatch(/\bonline\b/);

		// Esc: live again, the filter kept, the header's key line back; polling went on meanwhile.
		monday.keys('Escape');
		await waitFor(() => !monday.screen().includes(' HISTORY '), 'live again');
		expect(monday.screen()).toMatch(/\b1 of \d+ shown/);
		expect(rowOf(monday.screen(), drop!.name)).toMatch(/\b(online|stale|offline)\b/);
		monday.keys('q');
		await waitFor(() => monday.screen().includes('EXIT:'), 'the second run to exit');
		expect(monday.screen()).toContain('EXIT:0');
	});

	it('with recording off, the keys say so and the table stays live', async () => {
		const t = demo.watch('--interval 1 --no-history', {columns: 160, rows: 30});
		await waitFor(() => /\b([1-9]\d*) of \1 shown/.test(t.screen()), 'the fleet');
		t.keys('[');
		await waitFor(() => t.screen().includes('no history to step back through'), 'the flash');
		expect(t.screen()).not.toContain(' HISTORY ');
		t.keys('q');
		await waitFor(() => t.screen().includes('EXIT:'), 'the program to exit');
	});
});

function rowOf(screen: string, name: string): string {
	return screen.split('\n').find(line => line.includes(name) && !line.includes('filter "')) ?? '';
}

function bannerTime(screen: string): string | undefined {
	return /HISTORY (\S+)/.exec(screen)?.[1];
}
