/**
 * The live view grouped, between polls: a tick only moves time, and the table's lines are refilled from the last
 * grouping (view/table-lines.ts) rather than grouped again. What a person sees must still move with time: a
 * listener whose heartbeat grows old turns stale in its row and in its group's counts, without a poll.
 */
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {createClient} from '../../src/api/client.js';
import {App, type AppOptions} from '../../src/ui/app.js';
import {DEFAULT_SORT} from '../../src/view/query.js';
import {fakeClock} from '../helpers/fake-clock.js';
import {rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';
import {waitFor} from '../helpers/wait.js';

const OPTIONS: AppOptions = {
	sort: DEFAULT_SORT,
	scope: 'all',
	filter: '',
	groupBy: 'machine',
	onlineOnly: false,
	source: undefined,
	userId: undefined,
};

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('a grouped table between polls', () => {
	// By name a tick keeps the last order (view/query.ts reorder); by heartbeat it sorts again and finds the same.
	it.each([
		['name', DEFAULT_SORT],
		['heartbeat age', {key: 'heartbeat', descending: false}],
	] as const)('turns a listener stale in its row and its group’s counts on a tick, sorted by %s', async (_, sort) => {
		const {clock, advance} = fakeClock(T0);
		let polls = 0;
		// Two listeners on one machine: one beat just now, one 4 s ago, with stale after 5 s.
		const raws = [
			rawConnection({id: 'fresh', connectionName: 'alpha', deviceId: 'aaaa1111', lastHeartbeat: T0}),
			rawConnection({id: 'aging', connectionName: 'bravo', deviceId: 'aaaa1111', lastHeartbeat: T0 - 4000}),
		];
		const app = render(
			<App
				// Never asked: the detail pane stays closed.
				client={createClient({baseUrl: 'http://127.0.0.1:9', apiKey: 'test', keySource: 'test'})}
				fetch={() => {
					polls++;
					return Promise.resolve(snapshotOf(raws, clock.now()));
				}}
				label="fixture fleet"
				keySource="test"
				intervalMs={60_000}
				staleAfterMs={5000}
				lingerMs={1000}
				clock={clock}
				options={{...OPTIONS, sort}}
				size={{columns: 120, rows: 30}}
			/>,
		);
		unmount = app.unmount;
		const frame = () => app.lastFrame() ?? '';
		const line = (text: string) =>
			frame()
				.split('\n')
				.find(each => each.includes(text)) ?? '';
		await advance(0);
		await waitFor(() => line('aaaa1111').includes('2/2 online'), 'both online under their machine');
		expect(polls).toBe(1);
		// The next tick (2 s) judges the older heartbeat 6 s old.
		await advance(2000);
		await waitFor(() => line('aaaa1111').includes('1/2 online · 1 stale'), 'the group counts the stale one');
		expect(line('bravo')).toContain('stale');
		expect(line('alpha')).toContain('online');
		expect(polls).toBe(1);
	});
});
