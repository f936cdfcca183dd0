/**
 * Finding listeners in a real terminal, against the built binary: the filter
 * reads fields that no column shows at 80 columns, as a regular expression.
 */
import {describe, expect, it} from 'vitest';
import {demoInTerminals} from '../helpers/demo-terminals.js';
import {waitFor} from '../helpers/wait.js';

const demo = demoInTerminals({seed: 7, size: 40, churnPerMinute: 0});

describe('the filter in an 80x24 terminal', () => {
	it('finds /darwin, whose OS column is not shown, then a regular expression over the machine ids', async () => {
		const t = demo.watch('--interval 1', {columns: 80, rows: 24});
		const records = demo.server.simulation.list();
		await waitFor(() => t.screen().includes(`${records.length} of ${records.length} shown`), 'the whole fleet');
		expect(t.screen()).not.toMatch(/\bOS\b/);
		const darwin = records.filter(record => (record.metadata as {os?: string}).os === 'darwin');
		expect(darwin.length).toBeGreaterThan(1);
		t.keys('/');
		await waitFor(() => t.screen().includes('Enter keep'), 'the filter prompt');
		t.type('darwin');
		t.keys('Enter');
		await waitFor(() => t.screen().includes(`${darwin.length} of ${records.length} shown`), 'the darwin listeners');
		const rows = t
			.screen()
			.split('\n')
			.filter(line => /^[› ].[●◐○✕] /.test(line));
		// As many as fit (the table shows 12 rows at 80x24), each a darwin listener's.
		expect(rows).toHaveLength(Math.min(darwin.length, 12));
		for (const row of rows) {
			expect(
				darwin.some(record => row.includes(record.connectionName.slice(0, 12))),
				row,
			).toBe(true);
		}

		// A deviceId, not shown whole anywhere, anchored as a regular expression.
		const target = darwin[0]!;
		t.keys('Escape');
		await waitFor(() => t.screen().includes(`${records.length} of ${records.length} shown`), 'the filter cleared');
		t.keys('/');
		t.type(`^${target.deviceId.slice(0, 13)}.*${target.deviceId.slice(-4)}$`);
		t.keys('Enter');
		const sameMachine = records.filter(record => record.deviceId === target.deviceId).length;
		await waitFor(
			() => t.screen().includes(`${sameMachine} of ${records.length} shown`),
			"the machine's listeners",
		);
		t.keys('q');
		await waitFor(() => t.screen().includes('EXIT:0'), 'a clean exit');
	});
});
