#!/usr/bin/env node
// The floor the benchmark compares the live view with: the least a monitor can
// do and still show the fleet. Node's own fetch, no libraries. Every interval it
// pages through GET /v1/environments exactly as letta-fleet does (the same page
// size, the same request budget), sorts the listeners by name, and redraws only
// the screen lines whose text changed: a name, an online/offline word and the
// heartbeat's age, on the alternate screen. Nothing else: no diffing of records,
// no events, no styling, no keys. Stops on SIGTERM, SIGINT or `q`.
//
//   LETTA_BASE_URL=… LETTA_API_KEY=… bench/floor.mjs [--interval S] [--page-size N] [--max-rps R]
const option = (name, fallback) => {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : Number(process.argv[index + 1]);
};

const intervalMs = option('interval', 2) * 1000;
const pageSize = option('page-size', 100);
const msPerRequest = 1000 / option('max-rps', 10);
const base = process.env.LETTA_BASE_URL;
const headers = {authorization: `Bearer ${process.env.LETTA_API_KEY}`};
const out = process.stdout;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// The same token bucket as src/fleet/request-budget.ts: a second's worth of requests, then one per msPerRequest.
let tokens = 1000 / msPerRequest;
let refilledAt = performance.now();
async function takeRequest() {
	const now = performance.now();
	tokens = Math.min(1000 / msPerRequest, tokens + (now - refilledAt) / msPerRequest);
	refilledAt = now;
	if (tokens < 1) {
		await sleep((1 - tokens) * msPerRequest);
		return takeRequest();
	}

	tokens -= 1;
}

async function fetchFleet() {
	const connections = [];
	let after;
	for (;;) {
		await takeRequest();
		const url = `${base}/v1/environments?limit=${pageSize}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
		const response = await fetch(url, {headers});
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		const page = await response.json();
		connections.push(...page.connections);
		if (!page.hasNextPage || page.connections.length === 0) return connections;
		after = page.connections.at(-1).id;
	}
}

let shown = [];
function draw(connections) {
	const rows = (out.rows || 24) - 1;
	const width = out.columns || 80;
	const now = Date.now();
	connections.sort((a, b) =>
		a.connectionName < b.connectionName ? -1 : a.connectionName > b.connectionName ? 1 : 0,
	);
	const lines = [`${connections.length} listeners`];
	for (const record of connections.slice(0, rows - 1)) {
		const age = record.lastHeartbeat ? `${Math.round((now - record.lastHeartbeat) / 1000)}s` : '-';
		lines.push(
			`${String(record.connectionName).slice(0, 40).padEnd(41)}${(record.connectionId ? 'online' : 'offline').padEnd(8)}${age}`.slice(
				0,
				width,
			),
		);
	}

	let text = '';
	for (let row = 0; row < rows; row++) {
		const line = lines[row] ?? '';
		if (line !== shown[row]) text += `\u001B[${row + 1};1H${line}\u001B[K`;
	}

	shown = lines;
	if (text) out.write(text);
}

let running = true;
const stop = () => {
	running = false;
	out.write('\u001B[?1049l');
	process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (process.stdin.isTTY) {
	process.stdin.setRawMode(true);
	process.stdin.on('data', data => String(data).includes('q') && stop());
}

out.write('\u001B[?1049h\u001B[H\u001B[2J');
while (running) {
	const started = performance.now();
	try {
		draw(await fetchFleet());
	} catch (error) {
		out.write(`\u001B[${out.rows || 24};1H${error.message}\u001B[K`);
	}

	await sleep(Math.max(0, intervalMs - (performance.now() - started)));
}
