/**
 * What the list requests cost through the client as it is (api/client.ts on Node's own `node:http`, api/transport.ts)
 * beside the same GETs through got, configured as the client configured it until it left got (a keep-alive agent, the
 * same headers, `decompress: false`, no retries, a request timeout, the body read by api/body.ts). Each side runs in a
 * process of its own at the live view's V8 flags (process/v8-flags.ts) and fetches every page of one demo fleet PASSES
 * times back to back, decoding and parsing each page alike; its CPU (user + system of all its threads, the
 * collector's too) and garbage collections are counted after a warm-up. The sides take turns, RUNS times each, and the
 * medians are compared (docs/performance.md, "What got costs a poll"). Usage, 1 000 listeners, 150 passes and 3 runs
 * by default: `npm run build && npx tsc -p tsconfig.bench.json`, then
 * `node build/bench/bench/transport-cost.js [LISTENERS] [PASSES] [RUNS]`
 */
import {execFile} from 'node:child_process';
import {PerformanceObserver} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import v8 from 'node:v8';
import got from 'got';
import {MIB, readBoundedBody} from '../src/api/body.js';
import {createClient} from '../src/api/client.js';
import {DEFAULT_MAX_BODY_MIB, DEFAULT_TIMEOUT_MS} from '../src/api/defaults.js';
import {cursorOf, hasNextPage} from '../src/api/parse.js';
import {UTF8} from '../src/api/utf8.js';
import {LONG_RUN_V8_FLAGS} from '../src/process/v8-flags.js';
import {round} from './measure.js';
import {withDemo} from './processes.js';

const SIDES = ['got', 'node:http'] as const;
type Side = (typeof SIDES)[number];
type Cost = {cpuMs: number; collections: number; requests: number};

/** One list page as both sides read it: its JSON object (a failed request throws). */
type GetPage = (after: string | undefined) => Promise<Record<string, unknown>>;

function gotPages(url: string): GetPage {
	const http = got.extend({
		prefixUrl: `${url}/`,
		headers: {accept: 'application/json', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'letta-fleet'},
		timeout: {request: DEFAULT_TIMEOUT_MS},
		retry: {limit: 0},
		throwHttpErrors: false,
		followRedirect: false,
		decompress: false,
	});
	return async after => {
		const searchParams: Record<string, string> = after === undefined ? {limit: '1000'} : {limit: '1000', after};
		const stream = http.stream('v1/environments', {searchParams, headers: {authorization: 'Bearer demo'}});
		const response = await new Promise<{headers: Record<string, string | string[] | undefined>}>(
			(resolve, reject) => {
				stream.once('response', resolve);
				stream.once('error', reject);
			},
		);
		const body = await readBoundedBody(
			stream,
			{
				contentLength: response.headers['content-length'] as string | undefined,
				contentEncoding: response.headers['content-encoding'] as string | undefined,
			},
			DEFAULT_MAX_BODY_MIB * MIB,
		);
		return JSON.parse(UTF8.decode(body)) as Record<string, unknown>;
	};
}

function clientPages(url: string): GetPage {
	const client = createClient({baseUrl: url, apiKey: 'demo', keySource: 'demo'});
	return async after => {
		const response = await client.listEnvironments(after === undefined ? {limit: 1000} : {limit: 1000, after});
		return response.body as Record<string, unknown>;
	};
}

/** One side's cost over `passes` passes of every page, measured in this process after a warm-up; requests counted. */
async function measureSide(side: Side, url: string, passes: number): Promise<Cost> {
	for (const flag of LONG_RUN_V8_FLAGS) v8.setFlagsFromString(flag);
	const getPage = side === 'got' ? gotPages(url) : clientPages(url);
	let requests = 0;
	const pass = async () => {
		let after: string | undefined;
		for (;;) {
			const page = await getPage(after);
			requests++;
			const list = page['connections'] as unknown[];
			if (!hasNextPage(page) || list.length === 0) return;
			after = cursorOf(list.at(-1)) ?? undefined;
		}
	};

	for (let index = 0; index < Math.ceil(passes / 5); index++) await pass();
	let collections = 0;
	const observer = new PerformanceObserver(list => (collections += list.getEntries().length));
	observer.observe({entryTypes: ['gc']});
	requests = 0;
	const before = process.cpuUsage();
	for (let index = 0; index < passes; index++) await pass();
	const used = process.cpuUsage(before);
	// Entries of the last collections are delivered on a later turn.
	await new Promise(resolve => setImmediate(resolve));
	observer.disconnect();
	return {cpuMs: (used.user + used.system) / 1000, collections, requests};
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

if (process.argv[2] === '--side') {
	const [side, url, passes] = process.argv.slice(3);
	process.stdout.write(JSON.stringify(await measureSide(side as Side, url!, Number(passes))) + '\n');
} else {
	const size = Number(process.argv[2] ?? 1000);
	const passes = Number(process.argv[3] ?? 150);
	const runs = Number(process.argv[4] ?? 3);
	const self = fileURLToPath(import.meta.url);
	await withDemo(size, 0, async demo => {
		const costs = new Map<Side, Cost[]>(SIDES.map(side => [side, []]));
		for (let run = 0; run < runs; run++) {
			// Turns alternate, so neither side always runs on a machine warmed by the other.
			for (const side of run % 2 === 0 ? SIDES : [...SIDES].reverse()) {
				const {stdout} = await promisify(execFile)(
					process.execPath,
					[self, '--side', side, demo.url, String(passes)],
					{encoding: 'utf8', env: {...process.env, NODE_OPTIONS: ''}},
				);
				costs.get(side)!.push(JSON.parse(stdout) as Cost);
			}
		}

		const summary = SIDES.map(side => {
			const measured = costs.get(side)!;
			const requests = measured[0]!.requests;
			const cpuMs = median(measured.map(cost => cost.cpuMs));
			const collections = median(measured.map(cost => cost.collections));
			return {side, requests, cpuMs, collections};
		});
		process.stdout.write(
			`${size} listeners, ${passes} passes of ${summary[0]!.requests / passes} pages a side, median of ${runs} runs:\n`,
		);
		for (const {side, requests, cpuMs, collections} of summary) {
			process.stdout.write(
				`  ${side.padEnd(9)} ${Math.round(cpuMs)} ms of CPU (${round((cpuMs / requests) * 1000, 0)} µs a request), ${collections} collections\n`,
			);
		}

		const [got, plain] = summary;
		process.stdout.write(
			`  got / the client on node:http: ${round(got!.cpuMs / plain!.cpuMs, 2)}x the CPU, ${round(got!.collections / plain!.collections, 2)}x the collections\n`,
		);
	});
}
