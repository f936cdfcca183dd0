/**
 * The live view on a Letta Code login, against the demo server over real HTTP
 * and the real file watch: an expired login is said in the header, and the
 * fleet appears as soon as Letta Code writes a fresh token, with no key press.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {type DemoServer, startDemoServer} from '../../src/demo/server.js';
import {parseOptions} from '../../src/config/options.js';
import {type FleetSource, openFleetSource} from '../../src/source.js';
import {renderApp, type RenderedApp} from '../helpers/app.js';
import {type LettaHome, lettaHome} from '../helpers/letta-home.js';

const MINUTE = 60_000;
let server: DemoServer | undefined;
let home: LettaHome | undefined;
let source: FleetSource | undefined;
let app: RenderedApp | undefined;

afterEach(async () => {
	app?.unmount();
	await source?.close();
	home?.remove();
	await server?.close();
	app = undefined;
	source = undefined;
	home = undefined;
	server = undefined;
});

/**
 * The demo platform accepts only 'token-2'; the settings file starts with `token` expiring at `expiresAt`; the view is
 * `columns` wide (the helper's 100 unless given).
 */
async function start(token: string, expiresAt: number, columns?: number): Promise<RenderedApp> {
	server = await startDemoServer({seed: 9, size: 15, churnPerMinute: 0, apiKey: 'token-2'});
	home = lettaHome(token, expiresAt, server.url);
	source = await openFleetSource(parseOptions(['--base-url', server.url]), {HOME: home.home});
	app = renderApp(server, {
		client: source.client,
		fetch: source.fetch,
		credential: source.credential,
		keySource: source.keySource,
		label: source.label,
		...(columns === undefined ? {} : {size: {columns, rows: 30}}),
	});
	return app;
}

describe('the live view on a Letta Code login', () => {
	it('says an expired login in the header, sends nothing, and polls as soon as Letta Code writes a fresh token', async () => {
		// Wide enough for the header at any time of day: an expiry on another day is said with its date.
		const app = await start('token-1', Date.now() - 3 * 60 * MINUTE, 140);
		// The whole line, with how to renew it, where the fleet would be (wrapped to the width).
		await app.waitForText(
			text =>
				/the Letta Code login in ~\/\.letta\/settings\.json expired at [\d: -]+ \(3h ago\): run `letta` once to renew it, or set LETTA_API_KEY/.test(
					text.replace(/\s+/g, ' '),
				),
			'the expired login said in full',
		);
		expect(app.lines()[0]).toMatch(/key: ~\/\.letta\/settings\.json · login expired at [\d: -]+ \(3h ago\)$/);
		// Nothing to press: it waits for the file, and says so rather than that polling stopped.
		expect(app.frame()).toContain('waiting for a fresh Letta Code login');
		expect(app.frame()).not.toContain('polling stopped');
		expect(server!.requests()).toBe(0);

		// Letta Code refreshes the login: the file is replaced by rename.
		home!.login('token-2', Date.now() + 60 * MINUTE);
		await app.waitForText(text => /^› /m.test(text), 'the fleet, without a key press');
		// The API never failed (nothing was sent): the notice says what did happen.
		expect(app.frame()).toContain('✓ logged in again; caught up');
		expect(app.frame()).not.toContain('the API answers again');
		expect(app.lines()[0]).not.toContain('login');
		expect(app.frame()).not.toContain('token-');
	});

	it('shows a login close to its expiry, and picks up the renewed one', async () => {
		const app = await start('token-2', Date.now() + 4 * MINUTE + 30_000);
		await app.waitForText(text => /^› /m.test(text), 'the fleet');
		expect(app.lines()[0]).toMatch(/key: ~\/\.letta\/settings\.json · login expires in [34]m$/);

		home!.login('token-2', Date.now() + 60 * MINUTE);
		await app.waitForText(
			text => !text.split('\n')[0]!.includes('expires'),
			'the note gone once the login is renewed',
		);
	});

	it('after a 401, polls again with the token Letta Code writes next', async () => {
		// Not expired by the clock, but rejected: the poller stops, and the file watch restarts it.
		const app = await start('token-1', Date.now() + 60 * MINUTE);
		await app.waitForText(text => text.includes('polling stopped'), 'polling stopped on the 401');
		expect(app.frame()).toContain('run `letta` once to renew it');
		home!.login('token-2', Date.now() + 60 * MINUTE);
		await app.waitForText(
			text => /^› /m.test(text) && !text.includes('polling stopped'),
			'the fleet, without a key press',
		);
	});
});
