/**
 * A Letta Code login against the demo server over real HTTP: expired tokens are not sent, a 401 re-reads the settings
 * file.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {ApiError} from '../src/api/errors.js';
import {type DemoServer, startDemoServer} from '../src/demo/server.js';
import {parseOptions} from '../src/config/options.js';
import {type FleetSource, openFleetSource} from '../src/source.js';
import {type LettaHome, lettaHome} from './helpers/letta-home.js';

const HOUR = 3_600_000;
let server: DemoServer;
let home: LettaHome;
let source: FleetSource | undefined;

beforeEach(async () => {
	// The platform accepts only the token Letta Code refreshed to.
	server = await startDemoServer({seed: 5, size: 12, churnPerMinute: 0, apiKey: 'token-2'});
});

afterEach(async () => {
	await source?.close();
	source = undefined;
	home.remove();
	await server.close();
});

async function open(token: string, expiresAt: number): Promise<FleetSource> {
	home = lettaHome(token, expiresAt, server.url);
	source = await openFleetSource(parseOptions(['--base-url', server.url]), {HOME: home.home});
	return source;
}

describe('a Letta Code login as the key', () => {
	it('sends no request with an expired token, and says so in one line', async () => {
		const source = await open('token-1', Date.now() - 3 * HOUR);
		const error = (await source.fetch().catch((caught: unknown) => caught)) as ApiError;
		expect(error.kind).toBe('unauthorized');
		expect(error.describe()).toMatch(
			/^the Letta Code login in ~\/\.letta\/settings\.json expired at [\d: -]+ \(3h ago\): run `letta` once to renew it, or set LETTA_API_KEY$/,
		);
		expect(error.describe()).not.toContain('token-1');
		// Nor for one device (the detail pane).
		await expect(source.client.getEnvironment(server.simulation.list()[0]!.deviceId)).rejects.toMatchObject({
			name: 'ExpiredLoginError',
		});
		expect(server.requests()).toBe(0);
	});

	it('re-reads the file before refusing: a login renewed since is used', async () => {
		const source = await open('token-1', Date.now() - HOUR);
		home.login('token-2', Date.now() + HOUR);
		const snapshot = await source.fetch();
		expect(snapshot.connections).toHaveLength(12);
		expect(server.requests()).toBe(1);
	});

	it('retries a 401 once with the token Letta Code wrote in between, for the list', async () => {
		const source = await open('token-1', Date.now() + HOUR);
		home.login('token-2', Date.now() + 2 * HOUR);
		const snapshot = await source.fetch();
		expect(snapshot.connections).toHaveLength(12);
		// The 401 with token-1, then the same page with token-2.
		expect(server.requests()).toBe(2);
		expect(source.credential.key()).toBe('token-2');
	});

	it('retries a 401 for one device too (the detail pane)', async () => {
		const source = await open('token-1', Date.now() + HOUR);
		const deviceId = server.simulation.list()[0]!.deviceId;
		home.login('token-2', Date.now() + 2 * HOUR);
		const response = await source.client.getEnvironment(deviceId);
		expect((response.body as {deviceId: string}).deviceId).toBe(deviceId);
		expect(server.requests()).toBe(2);
	});

	it('retries only once: a new token that is rejected too stands, with what to do', async () => {
		const source = await open('token-1', Date.now() + HOUR);
		home.login('token-3', Date.now() + 2 * HOUR);
		const error = (await source.fetch().catch((caught: unknown) => caught)) as ApiError;
		expect(server.requests()).toBe(2);
		expect(error.status).toBe(401);
		expect(error.describe()).toContain(
			'the Letta Code login in ~/.letta/settings.json was rejected: run `letta` once to renew it, or set LETTA_API_KEY',
		);
		expect(error.describe()).not.toMatch(/token-\d/);
	});

	it('lets a 401 stand without a retry when the file holds the same token', async () => {
		const source = await open('token-1', Date.now() + HOUR);
		const error = (await source.fetch().catch((caught: unknown) => caught)) as ApiError;
		expect(error).toMatchObject({kind: 'unauthorized', status: 401});
		expect(error.hint).toMatch(/run `letta` once to renew it/);
		expect(server.requests()).toBe(1);
	});
});
