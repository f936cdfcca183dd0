/** The built binary on a Letta Code login (HOME holds ~/.letta/settings.json), against the demo server. */
import {createInterface} from 'node:readline';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {type DemoServer, startDemoServer} from '../src/demo/server.js';
import {collect, runCli, startCli} from './helpers/cli.js';
import {type LettaHome, lettaHome} from './helpers/letta-home.js';
import {waitFor} from './helpers/wait.js';

const HOUR = 3_600_000;
const EXPIRED_LINE =
	/^letta-fleet: the Letta Code login in ~\/\.letta\/settings\.json expired at [\d: -]+ \(3h ago\): run `letta` once to renew it, or set LETTA_API_KEY/;
let server: DemoServer;
let home: LettaHome;

beforeEach(async () => {
	server = await startDemoServer({seed: 4, size: 10, churnPerMinute: 0, apiKey: 'token-2'});
});

afterEach(async () => {
	home.remove();
	await server.close();
});

const envFor = (home: LettaHome) => ({
	HOME: home.home,
	XDG_CONFIG_HOME: `${home.home}/.config`,
	LETTA_BASE_URL: server.url,
});

describe('letta-fleet on a Letta Code login', () => {
	it('--once with an expired login: one line on stderr, exit 1, no request sent, the token nowhere', async () => {
		home = lettaHome('token-1', Date.now() - 3 * HOUR);
		const result = await runCli(['--once'], envFor(home));
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(new RegExp(`${EXPIRED_LINE.source}\\n$`));
		expect(result.stderr.split('\n')).toHaveLength(2);
		expect(server.requests()).toBe(0);
		expect(result.stdout + result.stderr).not.toContain('token-1');
	});

	it('config shows when the login expires, never the token', async () => {
		home = lettaHome('token-1', Date.now() + 4 * 60_000 + 30_000);
		const result = await runCli(['config'], envFor(home));
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(
			/^login\s+expires at [\d: -]+ \(in [34]m\)\s+~\/\.letta\/settings\.json tokenExpiresAt$/m,
		);
		expect(result.stdout).toMatch(/^api key\s+set \(7 characters, not shown\)\s+~\/\.letta\/settings\.json$/m);
		expect(result.stdout).not.toContain('token-1');
	});

	it('--events with an expired login says so, waits, and streams once Letta Code writes a fresh token', async () => {
		home = lettaHome('token-1', Date.now() - 3 * HOUR);
		const child = startCli(['--events', '--interval', '1'], envFor(home));
		const done = collect(child, 60_000);
		const stdout: string[] = [];
		createInterface({input: child.stdout}).on('line', line => stdout.push(line));
		let stderr = '';
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		try {
			await waitFor(() => EXPIRED_LINE.test(stderr), 'the expired login on stderr');
			expect(stderr).toContain('; waiting for ~/.letta/settings.json to change');
			expect(child.exitCode).toBeNull();
			expect(server.requests()).toBe(0);

			home.login('token-2', Date.now() + HOUR);
			await waitFor(() => server.requests() > 0, 'polling to resume with the fresh token');
			// The first snapshot is the baseline; a device that appears after it is streamed.
			const requestsAtBaseline = server.requests();
			await waitFor(() => server.requests() > requestsAtBaseline, 'a poll after the baseline');
			const device = server.simulation.addDevice({connectionName: 'fresh-login-box'});
			await waitFor(() => stdout.some(line => line.includes('fresh-login-box')), 'the new device streamed');
			expect(JSON.parse(stdout.find(line => line.includes(device.deviceId))!)).toMatchObject({
				type: 'appeared',
				deviceId: device.deviceId,
			});
		} finally {
			child.kill('SIGTERM');
		}

		const result = await done;
		expect(result.code).toBe(143);
		expect(stdout.join('\n') + stderr).not.toContain('token-');
	});
});
