#!/usr/bin/env node
// The obvious alternative a user would write: page through every environment
// with the official SDK and print them as JSON. The benchmark times it beside
// `letta-fleet --once --json` against the same server.
import Letta from '@letta-ai/letta-client';

const client = new Letta({apiKey: process.env.LETTA_API_KEY, baseURL: process.env.LETTA_BASE_URL});
const connections = [];
let after;
for (;;) {
	const page = await client.environments.list({limit: '100', ...(after ? {after} : {})});
	connections.push(...page.connections);
	if (!page.hasNextPage || page.connections.length === 0) break;
	after = page.connections.at(-1).id;
}

process.stdout.write(JSON.stringify({connections}) + '\n');
