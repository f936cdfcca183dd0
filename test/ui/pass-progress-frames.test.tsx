/**
 * A pass's progress on screen (hooks/use-fleet.ts): the first pass shows its rows as they come, while a later
 * pass says "polling… page N" only once it has run a progress frame's time, so a short pass costs no frame.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createClient} from '../../src/api/client.js';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {fetchFleet, type OnPage, type PassProgress} from '../../src/fleet/fetch-fleet.js';
import {POLLING_RETRY_POLICY} from '../../src/fleet/retry.js';
import type {Snapshot} from '../../src/fleet/types.js';
import {PROGRESS_FRAME_MS} from '../../src/ui/hooks/use-fleet.js';
import {renderApp, type RenderedApp, shown} from '../helpers/app.js';
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
