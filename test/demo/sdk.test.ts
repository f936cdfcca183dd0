/**
 * The official SDK, pointed at `letta-fleet serve-demo`, pages through the
 * simulated fleet: proof that the demo speaks the real API's wire format.
 */
import Letta, {AuthenticationError, NotFoundError} from '@letta-ai/letta-client';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {collect, startCli} from '../helpers/cli.js';
import {waitFor} from '../helpers/wait.js';

let child: ReturnType<typeof startCli>;
let baseURL = '';

beforeAll(async () => {
	child = startCli(['serve-demo', '--demo-size', '137', '--demo-churn', '0']);
	let output = '';
	child.stdout.on('data', chunk => (output += String(chunk)));
	baseURL = await waitFor(() => /LETTA_BASE_URL=(\S+)/.exec(output)?.[1], 'serve-demo to print its URL');
});

afterAll(async () => {
	child.kill('SIGTERM');
	await collect(child);
});

describe('@letta-ai/letta-client against serve-demo', () => {
	it('pages through the whole fleet with after = the last id', async () => {
		const client = new Letta({apiKey: 'demo', baseURL, maxRetries: 0});
		const ids: string[] = [];
		let after: string | undefined;
		for (let page = 0; page < 50; page++) {
			const response = await client.environments.list({limit: '25', ...(after ? {after} : {})});
			ids.push(...response.connections.map(connection => connection.id));
			if (!response.hasNextPage) break;
			after = response.connections.at(-1)!.id;
		}

		expect(ids).toHaveLength(137);
		expect(new Set(ids).size).toBe(137);
		const one = await client.environments.retrieve(
			(await client.environments.list({limit: '1'})).connections[0]!.deviceId,
		);
		expect(one.id).toBe(ids[0]);
	});

	it('gets the errors the SDK maps for a bad key and an unknown device', async () => {
		const wrong = new Letta({apiKey: 'nope', baseURL, maxRetries: 0});
		await expect(wrong.environments.list()).rejects.toBeInstanceOf(AuthenticationError);
		const client = new Letta({apiKey: 'demo', baseURL, maxRetries: 0});
		await expect(client.environments.retrieve('no-such-device')).rejects.toBeInstanceOf(NotFoundError);
	});
});
