/**
 * The exporter under 100 parallel scrapes of a 1 000-listener fleet, rendering on every scrape
 * (as before issue 17) and once per poll (as now): /healthz latency with the scrapes in flight,
 * scrape throughput and renders. The fleet comes from the demo simulation, parsed as a poll
 * would; the HTTP is real (node:http on loopback, fetch as the scraper). The exporter runs in
 * a child process of its own and the 100 scrapes come from another, so the probe's latency is the
 * exporter's, not that of a process busy reading 100 bodies.
 * Each round is one poll.
 *
 *   npx tsc -p tsconfig.bench.json && node build/bench/bench/exporter-scrapes.js [rounds=7] [size=1000] [scrapes=100]
 */
import {fork} from 'node:child_process';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {parseConnection} from '../src/api/parse.js';
import type {RawConnection} from '../src/demo/simulation.js';
import {createSimulation} from '../src/demo/simulation.js';
import {createExposition, type Exposition} from '../src/exporter/exposition.js';
import {familySamples} from '../src/exporter/families.js';
import {startExporterServer} from '../src/exporter/http.js';
import {EXPORTER_LIMITS} from '../src/exporter/limits.js';
import {createTelemetry} from '../src/exporter/telemetry.js';
import {keyRecords} from '../src/fleet/row-keys.js';
import {fleetReducer, initialFleetState} from '../src/fleet/reducer.js';
import {median, round} from './measure.js';

const [rounds = 7, size = 1000, scrapes = 100] = process.argv.slice(2).map(Number);

function fleetState() {
	const simulation = createSimulation({seed: 1, size, churnPerMinute: 0, now: Date.now});
	const raws: RawConnection[] = [];
	let after: string | undefined;
	for (;;) {
		const page = simulation.page({limit: 100, ...(after === undefined ? {} : {after})});
		raws.push(...page.connections);
		if (!page.hasNextPage || page.connections.length === 0) break;
		after = page.connections.at(-1)!.id;
	}

	const snapshot = {
		...keyRecords(raws.map(raw => parseConnection(raw))),
		fetchedAt: Date.now(),
		clockOffsetMs: 0,
		latencyMs: 10,
		pages: Math.ceil(raws.length / 100),
	};
	return fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot});
}

type FromChild = {url: string} | {renders: number} | {started: true} | {scrapesPerSecond: number};

/**
 * The scraper child: on each 'go', `scrapes` parallel GET /metrics; says when the first is answered and when all are
 * read.
 */
function scrape(url: string) {
	process.on('message', (message: string) => void scrapeRound(url, message));
}

/** One round of the scraper child: `scrapes` parallel GET /metrics, timed. */
async function scrapeRound(url: string, message: string) {
	{
		if (message === 'stop') process.exit(0);
		const start = performance.now();
		let first = true;
		const all = Array.from({length: scrapes}, () =>
			fetch(`${url}/metrics`).then(response => {
				// The first answer's headers: every scrape has reached the exporter, and it is serving them.
				if (first) process.send!({started: true} satisfies FromChild);
				first = false;
				return response.arrayBuffer();
			}),
		);
		await Promise.all(all);
		process.send!({scrapesPerSecond: scrapes / ((performance.now() - start) / 1000)} satisfies FromChild);
	}
}

/** The child: an exporter server over the fleet, refreshed (a poll) when the parent says so. */
async function serve(perScrape: boolean) {
	const state = fleetState();
	const telemetry = createTelemetry();
	const inner = createExposition(() => familySamples(state, telemetry, Date.now(), {perEnvironment: true}));
	// Before issue 17 every scrape rendered: the same as a poll before each one.
	const exposition: Exposition = perScrape
		? {...inner, render: accept => (inner.refresh(), inner.render(accept))}
		: inner;
	const health = {apiUp: true, lastSuccessAt: Date.now(), halted: false, errorKind: null};
	const server = await startExporterServer('127.0.0.1', 0, exposition, () => health, {
		...EXPORTER_LIMITS,
		maxConnections: scrapes * 2,
	});
	process.on('message', (message: string) => {
		if (message === 'poll') inner.refresh();
		else if (message === 'renders') process.send!({renders: inner.renders()} satisfies FromChild);
		else if (message === 'stop') void server.close().then(() => process.exit(0));
	});
	process.send!({url: server.url} satisfies FromChild);
}

async function measure(label: string, perScrape: boolean) {
	const spawn = (...roleArgs: string[]) =>
		fork(fileURLToPath(import.meta.url), [String(rounds), String(size), String(scrapes), ...roleArgs]);
	const next = <T extends FromChild>(child: ReturnType<typeof fork>) =>
		new Promise<T>(resolve => child.once('message', message => resolve(message as T)));
	const exporter = spawn(perScrape ? 'serve-per-scrape' : 'serve-per-poll');
	const {url} = await next<{url: string}>(exporter);
	const scraper = spawn('scrape', url);
	const healthMs: number[] = [];
	const perSecond: number[] = [];
	for (let round_ = 0; round_ < rounds; round_++) {
		exporter.send('poll');
		const started = next(scraper);
		scraper.send('go');
		await started;
		const healthStart = performance.now();
		await (await fetch(`${url}/healthz`)).text();
		healthMs.push(performance.now() - healthStart);
		perSecond.push((await next<{scrapesPerSecond: number}>(scraper)).scrapesPerSecond);
	}

	exporter.send('renders');
	const {renders} = await next<{renders: number}>(exporter);
	exporter.send('stop');
	scraper.send('stop');
	console.log(
		`| ${label} | ${size} | ${scrapes} | ${round(median(healthMs))} ms | ${round(median(perSecond), 0)} scrapes/s | ${round(renders / rounds, 1)} |`,
	);
}

const role = process.argv[5];
if (role === undefined) {
	console.log(
		`Node ${process.version}, ${rounds} rounds (medians), each round one poll and ${scrapes} parallel scrapes plus one /healthz\n`,
	);
	console.log('| exporter | fleet | parallel scrapes | /healthz latency | scrape throughput | renders per poll |');
	console.log('| --- | --- | --- | --- | --- | --- |');
	await measure('before: render per scrape', true);
	await measure('after: render once per poll', false);
} else if (role === 'scrape') {
	scrape(process.argv[6]!);
} else {
	await serve(role === 'serve-per-scrape');
}
