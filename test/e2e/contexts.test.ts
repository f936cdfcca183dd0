/**
 * Contexts in a real terminal (tmux, 80x24) running the built binary, against two demo servers at
 * once: the header names the context, `x` opens the picker, Enter switches to the other server with
 * a fresh fleet (no event carried over from the first), Esc closes the picker.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {type DemoServer, startDemoServer} from '../../src/demo/server.js';
import {assertTmux, openTerminal, type Terminal} from '../helpers/tmux.js';
import {tempFolder} from '../helpers/temp-folder.js';
import {waitFor} from '../helpers/wait.js';

let alpha: DemoServer;
let beta: DemoServer;
let home: string;
const open: Terminal[] = [];

beforeAll(async () => {
	assertTmux();
	[alpha, beta] = await Promise.all([
		startDemoServer({seed: 1, size: 3, churnPerMinute: 0, apiKey: 'key-alpha'}),
		startDemoServer({seed: 2, size: 7, churnPerMinute: 0, apiKey: 'key-beta'}),
	]);
	home = tempFolder('letta-fleet-ctx-e2e-');
	mkdirSync(path.join(home, '.config', 'letta-fleet'), {recursive: true});
	writeFileSync(path.join(home, 'alpha.key'), 'key-alpha\n');
	writeFileSync(
		path.join(home, '.config', 'letta-fleet', 'config.json'),
		JSON.stringify({
			context: 'alpha',
			contexts: {
				alpha: {'base-url': alpha.url, 'api-key-file': path.join(home, 'alpha.key')},
				beta: {'base-url': beta.url, 'api-key-env': 'BETA_KEY'},
				gamma: {'base-url': beta.url, 'api-key-env': 'GAMMA_KEY'},
			},
		}),
	);
});

afterEach(() => {
	for (const terminal of open.splice(0)) terminal.kill();
});

afterAll(async () => {
	await Promise.all([alpha.close(), beta.close()]);
});

function watch(args = ''): Terminal {
	const terminal = openTerminal(`--no-history ${args}`, {
		columns: 80,
		rows: 24,
		env: {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), BETA_KEY: 'key-beta'},
	});
	open.push(terminal);
	return terminal;
}

describe('contexts in the live view at 80x24', () => {
	it('x picks the other context: the header names it and the fleet is the other server, fresh', async () => {
		const t = watch();
		await waitFor(
			() => /^letta-fleet context alpha · [^]*^3 of 3 shown/m.test(t.screen()),
			'alpha named in the header, its 3 listeners',
		);
		const alphaRequests = alpha.requests();
		expect(beta.requests()).toBe(0);

		t.keys('x');
		await waitFor(() => t.screen().includes(' Contexts '), 'the picker');
		const picker = t.screen();
		expect(picker).toMatch(new RegExp(`› \\* alpha\\s+${alpha.url}`));
		expect(picker).toMatch(new RegExp(`^ {4}beta\\s+${beta.url}`, 'm'));
		expect(picker).toContain('Enter switch');

		t.keys('Down', 'Enter');
		await waitFor(
			() => /^letta-fleet context beta · [^]*^7 of 7 shown/m.test(t.screen()),
			'beta named in the header, its 7 listeners',
		);
		expect(beta.requests()).toBeGreaterThan(0);
		// The first context's poller stopped, and its listeners did not become the second's "removed" events.
		const settled = alpha.requests();
		expect(settled).toBeGreaterThanOrEqual(alphaRequests);
		expect(t.screen()).not.toMatch(/removed|disconnected/);
		await new Promise(resolve => setTimeout(resolve, 2500));
		expect(alpha.requests()).toBe(settled);

		// Esc closes the picker without switching.
		t.keys('x');
		await waitFor(() => t.screen().includes(' Contexts '), 'the picker again');
		expect(t.screen()).toMatch(/› \* beta/);
		t.keys('Escape');
		await waitFor(
			() => !t.screen().includes(' Contexts ') && /^letta-fleet context beta · /m.test(t.screen()),
			'the table again',
		);
	});

	it('a context that cannot be opened is said in the message line, and the view stays on its context', async () => {
		const t = watch();
		await waitFor(() => /^letta-fleet context alpha · [^]*^3 of 3 shown/m.test(t.screen()), 'alpha');
		t.keys('x');
		await waitFor(() => t.screen().includes(' Contexts '), 'the picker');
		t.keys('Down', 'Down', 'Enter');
		await waitFor(() => t.screen().includes('cannot switch to gamma'), 'why the switch failed');
		expect(t.screen()).toContain('$GAMMA_KEY');
		expect(t.screen()).toMatch(/^letta-fleet context alpha · [^]*^3 of 3 shown/m);
	});

	it('without contexts, x says how to add some', async () => {
		const t = openTerminal('--no-history', {
			columns: 80,
			rows: 24,
			env: {LETTA_BASE_URL: alpha.url, LETTA_API_KEY: 'key-alpha'},
		});
		open.push(t);
		await waitFor(() => t.screen().includes('3 of 3 shown'), 'the fleet');
		t.keys('x');
		await waitFor(() => t.screen().includes('no contexts to switch to'), 'the message');
		expect(t.screen()).toContain('add a "contexts" map to the config file');
	});
});
