/** Renders the live view with ink-testing-library against a demo server, and reads it like a person. */
import {render} from 'ink-testing-library';
import {createClient} from '../../src/api/client.js';
import {type DemoServer, type DemoServerOptions, startDemoServer} from '../../src/demo/server.js';
import {fetchFleet} from '../../src/fleet/fetch-fleet.js';
import {POLLING_RETRY_POLICY} from '../../src/fleet/retry.js';
import {App, type AppProps} from '../../src/ui/app.js';
import {compareNames} from '../../src/view/name-order.js';
import {waitFor} from './wait.js';

export type RenderedApp = ReturnType<typeof render> & {
	frame: () => string;
	lines: () => string[];
	selectedLine: () => string;
	/** Sends one key and waits until the frame shows what it should. */
	press: (input: string, expectation: (text: string) => boolean, what: string) => Promise<string>;
	waitForText: (expectation: (text: string) => boolean, what: string, timeoutMs?: number) => Promise<string>;
};

export const KEYS = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
} as const;

/** Names may be cut to fit their column: compare what always shows. */
export const shown = (name: string) => name.slice(0, 12);

export function renderApp(server: DemoServer, props: Partial<AppProps> = {}): RenderedApp {
	const client = createClient({baseUrl: server.url, apiKey: server.apiKey, keySource: 'demo'});
	const app = render(
		<App
			client={client}
			fetch={signal => fetchFleet(client, {query: {pageSize: 7}, signal, retry: POLLING_RETRY_POLICY})}
			label={`demo fleet at ${server.url}`}
			keySource="demo"
			intervalMs={1000}
			staleAfterMs={75_000}
			lingerMs={30_000}
			size={{columns: 100, rows: 30}}
			{...props}
		/>,
	);
	const frame = () => app.lastFrame() ?? '';
	const lines = () => frame().split('\n');
	const waitForText = (expectation: (text: string) => boolean, what: string, timeoutMs?: number) =>
		waitFor(() => expectation(frame()) && frame(), what, timeoutMs);
	return {
		...app,
		frame,
		lines,
		selectedLine: () => lines().find(line => line.startsWith('›')) ?? '',
		waitForText,
		press(input, expectation, what) {
			app.stdin.write(input);
			return waitForText(expectation, what);
		},
	};
}

/** The order names sort in on screen; test/view/name-order.test.ts holds it to what a person expects. */
export const naturalOrder = compareNames;

/**
 * A demo server and the live view on it, started per test and torn down by
 * `stop()` (call it in afterEach). `start` resolves once the fleet is shown.
 */
export function demoAppHarness(defaults: DemoServerOptions) {
	let server: DemoServer | undefined;
	let app: RenderedApp | undefined;
	return {
		async start(serverOptions: DemoServerOptions = {}, props: Partial<AppProps> = {}) {
			server = await startDemoServer({...defaults, ...serverOptions});
			app = renderApp(server, props);
			// The selection is on a row, or on a group's header line when the view starts grouped.
			await app.waitForText(text => /^›( |[▾▸] )/m.test(text), 'the fleet');
			return {server, app};
		},
		async stop() {
			app?.unmount();
			app = undefined;
			await server?.close();
			server = undefined;
		},
	};
}
