/**
 * The detail pane shows a listener's events from its history file as well as those the view holds:
 * the view keeps only the fleet's newest few in memory, so what an earlier run (or this one, long
 * ago) recorded is read back from the file, on a real file and a real demo server.
 */
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {openLiveHistory} from '../../src/history/live-history.js';
import {demoAppHarness, KEYS} from '../helpers/app.js';
import {offline, rawConnection, T0} from '../helpers/fixtures.js';
import {fleetStates, recorderOn, tempFolder} from '../history/helpers.js';

const harness = demoAppHarness({seed: 3, size: 4, churnPerMinute: 0});
afterEach(() => harness.stop());

/** A run a week before that saw `env-recorded` move to another branch, then drop. */
function recordEarlierRun(file: string): void {
	const clock = {now: T0};
	const recorder = recorderOn(file, clock);
	const states = fleetStates();
	const polls = [
		rawConnection({id: 'env-recorded'}),
		rawConnection({
			id: 'env-recorded',
			metadata: {...(rawConnection().metadata as object), gitBranch: 'release-7'},
		}),
		offline({id: 'env-recorded'}),
	];
	for (const [index, raw] of polls.entries()) {
		clock.now = T0 + index * 2000;
		recorder.record(states([raw], clock.now));
	}

	recorder.close();
}

describe('the detail pane with a history file', () => {
	it("lists the listener's recorded events under those of this run", async () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		recordEarlierRun(file);
		const history = openLiveHistory(file, 'https://api.example')!;
		try {
			const {server, app} = await harness.start({}, {history, size: {columns: 120, rows: 40}});
			server.simulation.addDevice({id: 'env-recorded', connectionName: 'zz-recorded'});
			await app.waitForText(text => text.includes('zz-recorded'), 'the listener', 5000);
			await app.press('G', () => app.selectedLine().includes('zz-recorded'), 'the last row');
			await app.press(KEYS.enter, text => text.includes('1 overview'), 'the detail pane');
			const pane = await app.press('3', text => text.includes('Events (newest first)'), 'the events tab');
			const events = pane.split('\n').slice(pane.split('\n').findIndex(line => line.includes('Events (newest')));
			expect(events.join('\n')).toContain('release-7');
			expect(events.join('\n')).toMatch(/disconnected/);
			expect(events.join('\n')).not.toContain('(none');
		} finally {
			history.close();
		}
	});
});
