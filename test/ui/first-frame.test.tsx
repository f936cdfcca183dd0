/**
 * The live view waits briefly for its first pass and draws it in its first frame (ui/run.tsx,
 * hooks/use-fleet.ts `first`): that frame must be the one the same pass, polled, would draw, and the
 * poller's first poll, which hands the same pass back, must not count it again. A later pass says
 * "polling… page N" only once it has run a progress frame's time, so a short pass costs no frame.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createClient} from '../../src/api/client.js';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {fetchFleet, type OnPage} from '../../src/fleet/fetch-fleet.js';
import type {FleetState} from '../../src/fleet/reducer.js';
import {POLLING_RETRY_POLICY} from '../../src/fleet/retry.js';
import type {Snapshot} from '../../src/fleet/types.js';
import type {PassProgress} from '../../src/fleet/fetch-fleet.js';
import {PROGRESS_FRAME_MS} from '../../src/ui/hooks/use-fleet.js';
import {naturalOrder, renderApp, type RenderedApp, shown} from '../helpers/app.js';
import {fakeClock} from '../helpers/fake-clock.js';
import {waitFor} from '../helpers/wait.js';

let server: DemoServer;
let app: RenderedApp | undefined;

beforeEach(async () => {
	server = await startDemoServer({seed: 5, size: 12, churnPerMinute: 0});
});

afterEach(async () => {
	app?.unmount();
	await server.close();
});

describe('the first frame', () => {
	it('shows the first pass given to it at once, as the same pass polled is shown, and polls on from it', async () => {
		const client = createClient({baseUrl: server.url, apiKey: server.apiKey, keySource: 'demo'});
		const pass: Snapshot = await fetchFleet(client, {query: {pageSize: 100}, retry: POLLING_RETRY_POLICY});
		const first = shown(
			server.simulation
				.list()
				.map(record => record.connectionName)
				.sort(naturalOrder)[0]!,
		);

		// Without it: an empty frame, then the rows once the first poll has handed the pass over.
		const polledClock = fakeClock();
		app = renderApp(server, {fetch: () => Promise.resolve(pass), clock: polledClock.clock});
		expect(app.frame()).not.toContain(first);
		// The poller's first poll is due at once (it starts in an effect after the first frame).
		await polledClock.advance(0);
		await waitFor(() => app!.frame().includes(first), 'the rows of the polled pass');
		const polled = app.frame();
		app.unmount();

		const seededClock = fakeClock();
		let fetches = 0;
		const recorded: FleetState[] = [];
		app = renderApp(server, {
			fetch: () => {
				fetches++;
				return Promise.resolve(pass);
			},
			clock: seededClock.clock,
			firstSnapshot: pass,
			record(state) {
				recorded.push(state);
				return undefined;
			},
		});
		expect(app.frame()).toBe(polled);
		// The poller's first poll is the same pass (withFirstFetchStarted hands it back): nothing changes.
		await seededClock.advance(0);
		await waitFor(() => fetches === 1, 'the first poll');
		expect(app.frame()).toBe(polled);
		// Recorded once, as the polled pass is (the history file's first poll).
		expect(recorded.map(state => state.snapshot)).toEqual([pass]);
	});

	it('shows the first page of a first pass of several at once, as the poll would show it', async () => {
		const client = createClient({baseUrl: server.url, apiKey: server.apiKey, keySource: 'demo'});
		let page: PassProgress | undefined;
		await fetchFleet(client, {
			query: {pageSize: 5},
			retry: POLLING_RETRY_POLICY,
			onPage(progress) {
				// The pass's list grows as pages come: keep the first page's rows as they were.
				page ??= {...progress, connections: [...progress.connections]};
			},
		});
		expect(page!.connections).toHaveLength(5);
		// The pass goes on: only its first page has come.
		const never = new Promise<Snapshot>(() => {});
		const polledClock = fakeClock();
		app = renderApp(server, {
			fetch: (_signal, onPage) => {
				onPage?.(page!);
				return never;
			},
			clock: polledClock.clock,
		});
		await polledClock.advance(0);
		await waitFor(() => app!.frame().includes(shown(page!.connections[0]!.connectionName)), 'the first page');
		const polled = app.frame();
		app.unmount();

		const seededClock = fakeClock();
		app = renderApp(server, {
			fetch: (_signal, onPage) => {
				onPage?.(page!);
				return never;
			},
			clock: seededClock.clock,
			firstPage: page,
		});
		expect(app.frame()).toBe(polled);
		await seededClock.advance(0);
		expect(app.frame()).toBe(polled);
	});
});

describe('a later pass in progress', () => {
	it('draws no frame for a pass shorter than a progress frame, and says "polling… page N" for a longer one', async () => {
		const client = createClient({baseUrl: server.url, apiKey: server.apiKey, keySource: 'demo'});
		let page: PassProgress | undefined;
		const pass: Snapshot = await fetchFleet(client, {
			query: {pageSize: 5},
			retry: POLLING_RETRY_POLICY,
			onPage(progress) {
				page ??= {...progress, connections: [...progress.connections]};
			},
		});
		const {clock, advance} = fakeClock();
		let polls = 0;
		let tell: OnPage | undefined;
		let finish: ((snapshot: Snapshot) => void) | undefined;
		app = renderApp(server, {
			clock,
			fetch(_signal, onPage) {
				polls++;
				if (polls === 1) return Promise.resolve(pass);
				tell = onPage;
				return new Promise<Snapshot>(resolve => (finish = resolve));
			},
		});
		await advance(0);
		await app.waitForText(text => text.includes(shown(pass.connections[0]!.connectionName)), 'the first pass');

		// The next poll (1 s later): its first pages come within a progress frame's time, and draw nothing.
		await advance(1000);
		await waitFor(() => polls === 2, 'the second poll');
		tell!({...page!, pages: 1});
		await advance(PROGRESS_FRAME_MS / 2);
		tell!({...page!, pages: 2});
		// Still going a progress frame's time after it started: its next page is shown as progress.
		await advance(PROGRESS_FRAME_MS / 2);
		tell!({...page!, pages: 3});
		await app.waitForText(text => text.includes('polling… page 3'), 'the progress of a long pass');
		expect(app.frames.filter(frame => /polling… page [12]\b/.test(frame))).toEqual([]);
		finish!(pass);
		await app.waitForText(text => !text.includes('polling…'), 'the pass done');
	});
});
