/**
 * `npm run bench`: how fast letta-fleet is at fleet scale and how frugal over
 * ssh, measured on this machine against the demo server over loopback. Prints
 * a table and writes it, with the machine and date, to docs/benchmarks.md.
 */
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {render, renderToString} from 'ink';
import {createClient} from '../src/api/client.js';
import {parsePage} from '../src/api/parse.js';
import {createSimulation} from '../src/demo/simulation.js';
import {keyRecords} from '../src/fleet/row-keys.js';
import {createFleetFetcher, fetchFleet} from '../src/fleet/fetch-fleet.js';
import {fleetReducer, type FleetState, initialFleetState} from '../src/fleet/reducer.js';
import {selectRows} from '../src/fleet/rows.js';
import type {Snapshot} from '../src/fleet/types.js';
import type {Clock} from '../src/poller/poller.js';
import {App} from '../src/ui/app.js';
import {FleetScreen} from '../src/ui/fleet-screen.js';
import {LIVE_RENDER_OPTIONS} from '../src/ui/run.js';
import {terminalWriter} from '../src/output/terminal-writer.js';
import {COLUMNS} from '../src/view/columns.js';
import {layoutColumns} from '../src/view/layout.js';
import {DEFAULT_SORT, reorder, sortMoved, sortOrder, sortRows} from '../src/view/query.js';
import {UNICODE_SYMBOLS} from '../src/view/symbols.js';
import {initialViewState} from '../src/view/view-state.js';
import {startDemoServer} from '../src/demo/server.js';
import {LONG_RUN_V8_FLAGS} from '../src/process/v8-flags.js';
import {type DemoProcess, startDemoProcess} from './demo-process.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';
import {median, round, sleep, timeRuns} from './measure.js';
import {
	cpuTicks,
	floorCommand,
	installed,
	liveViewCommand,
	residentMb,
	ROOT,
	spawnInPty,
	startInPty,
	type Watched,
	withDemo,
} from './processes.js';
import {label, machine, record, table} from './results.js';

const SIZES = [100, 1000, 10_000, 50_000];
/** The line in docs/benchmarks.md after which its sections are kept when the table is rewritten. */
const KEPT_SECTIONS =
	'<!-- Below: figures measured by commands of their own, kept when npm run bench rewrites the table above. -->';
const quick = process.argv.includes('--quick');

function snapshotFromRaw(raw: unknown[], fetchedAt: number): Snapshot {
	const {connections} = parsePage({connections: raw, hasNextPage: false});
	return {...keyRecords(connections), fetchedAt, clockOffsetMs: 0, latencyMs: 0, pages: 1};
}

/** A second snapshot with about 1% of the fleet changed: disconnects, reconnects, mode and branch changes. */
function churned(raw: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
	return raw.map((record, index) => {
		if (index % 100 !== 7)
			return {
				...record,
				lastHeartbeat: typeof record['lastHeartbeat'] === 'number' ? record['lastHeartbeat'] + 2000 : null,
			};
		switch (index % 4) {
			case 0:
				return {...record, connectionId: null, podId: null, connectedAt: null, lastHeartbeat: null};
			case 1:
				return {...record, connectionId: `conn-new-${index}`};
			case 2:
				return {...record, currentMode: 'unrestricted'};
			default:
				return {...record, metadata: {...(record['metadata'] as object), gitBranch: 'feat/bench'}};
		}
	});
}

async function pollBenchmarks() {
	process.stderr.write('one poll: fetch + parse over loopback, then diff + reduce\n');
	for (const size of SIZES) {
		await withDemo(size, 0, async demo => {
			const client = createClient({baseUrl: demo.url, apiKey: demo.apiKey});
			await fetchFleet(client, {query: {pageSize: 100}});
			const fetchMs = await timeRuns(size >= 50_000 ? 3 : 5, () => fetchFleet(client, {query: {pageSize: 100}}));
			record(
				'poll: fetch all pages + parse, first pass',
				label(size),
				`${round(fetchMs)} ms (${Math.ceil(size / 100)} pages)`,
			);
			// A poller's later passes: a record unchanged since the last pass keeps its Connection.
			const fetcher = createFleetFetcher(client, {query: {pageSize: 100}});
			await fetcher();
			const nextMs = await timeRuns(size >= 50_000 ? 3 : 5, () => fetcher());
			record('poll: fetch all pages + parse, next passes', label(size), `${round(nextMs)} ms`);
			const first = await fetchFleet(client, {query: {pageSize: 100}});
			const raw = first.connections.map(connection => connection.raw as Record<string, unknown>);
			const next = snapshotFromRaw(churned(raw), first.fetchedAt + 2000);
			const base = fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot: first});
			const reduceMs = await timeRuns(9, () => fleetReducer(base, {type: 'poll-succeeded', snapshot: next}));
			const target = size === 10_000 ? 10 : size === 50_000 ? 60 : undefined;
			record(
				'poll: diff + reduce (1% changed)',
				label(size),
				`${round(reduceMs)} ms`,
				target ? `< ${target} ms` : '',
				target ? reduceMs < target : null,
			);
		});
	}
}

function stateFor(size: number, now: number): FleetState {
	const simulation = createSimulation({seed: 3, size, now: () => now, churnPerMinute: 0});
	return fleetReducer(initialFleetState(), {
		type: 'poll-succeeded',
		snapshot: snapshotFromRaw(simulation.list(), now),
	});
}

function screenProps(state: FleetState, now: number, columns: number, rows: number) {
	const layout = layoutColumns(COLUMNS, columns);
	const allRows = selectRows(state, now);
	const shownRows = sortRows(allRows, DEFAULT_SORT);
	return {
		state,
		view: initialViewState,
		now,
		columns,
		rows,
		layout,
		allRows,
		shownRows,
		selectedIndex: 0,
		detail: null,
		paneMaxScroll: 0,
		label: 'bench',
		keySource: 'demo',
		intervalMs: 2000,
		symbols: UNICODE_SYMBOLS,
	};
}

async function frameBenchmarks() {
	process.stderr.write('one frame\n');
	for (const size of SIZES) {
		const now = Date.now();
		const state = stateFor(size, now);
		const deriveMs = await timeRuns(7, () => sortRows(selectRows(state, now), DEFAULT_SORT));
		record('rows at now + sort (a new snapshot)', label(size), `${round(deriveMs)} ms`);
		const all = selectRows(state, now);
		const sorted = sortRows(all, DEFAULT_SORT);
		const order = sortOrder(sorted);
		const tickMs = await timeRuns(7, () => reorder(selectRows(state, now + 1000), order, sorted));
		record('rows at now, order kept (a tick)', label(size), `${round(tickMs)} ms`);
		// The next snapshot: about 1% of the fleet changed; only the rows that moved are sorted.
		const raw = state.snapshot!.connections.map(connection => connection.raw as Record<string, unknown>);
		const next = fleetReducer(state, {type: 'poll-succeeded', snapshot: snapshotFromRaw(churned(raw), now + 2000)});
		const nextRows = selectRows(next, now + 2000);
		const movedMs = await timeRuns(7, () => sortMoved(nextRows, sorted, DEFAULT_SORT));
		const fullMs = await timeRuns(7, () => sortRows(nextRows, DEFAULT_SORT));
		record(
			'sort a new snapshot (1% changed): only what moved / all',
			label(size),
			`${round(movedMs)} / ${round(fullMs)} ms`,
		);
		for (const [columns, rows] of [
			[80, 24],
			[200, 60],
		] as const) {
			const props = screenProps(state, now, columns, rows);
			// Warm the JIT first: a frame in a running monitor is never its first.
			for (let warm = 0; warm < 30; warm++) renderToString(<FleetScreen {...props} />, {columns});
			const frameMs = await timeRuns(25, () => renderToString(<FleetScreen {...props} />, {columns}));
			record(`render one frame ${columns}x${rows}`, label(size), `${round(frameMs)} ms`, '< 16 ms', frameMs < 16);
		}
	}
}

/** A clock on which the first poll happens at once and nothing after: keypress timings see only keypresses. */
const stillClock: Clock = {
	now: () => Date.now(),
	setTimeout(callback, ms) {
		return ms === 0 ? setImmediate(callback) : undefined;
	},
	clearTimeout(handle) {
		if (handle) clearImmediate(handle as NodeJS.Immediate);
	},
};

async function keypressBenchmarks() {
	process.stderr.write('keypress to updated frame\n');
	for (const size of [1000, 10_000, 50_000]) {
		const now = Date.now();
		const simulation = createSimulation({seed: 3, size, now: () => now, churnPerMinute: 0});
		const snapshot = snapshotFromRaw(simulation.list(), now);
		const stdout = new FakeStdout(80, 24);
		const stdin = new FakeStdin();
		const client = createClient({baseUrl: 'http://127.0.0.1:9', apiKey: undefined});
		const instance = render(
			<App
				client={client}
				fetch={() => Promise.resolve(snapshot)}
				label="bench"
				keySource="demo"
				intervalMs={2000}
				staleAfterMs={75_000}
				lingerMs={30_000}
				clock={stillClock}
			/>,
			{
				...LIVE_RENDER_OPTIONS,
				stdout: terminalWriter(stdout).stream as unknown as NodeJS.WriteStream,
				stdin: stdin as unknown as NodeJS.ReadStream,
				patchConsole: false,
			},
		);
		await sleep(size >= 10_000 ? 1500 : 500);
		const press = async (key: string) => {
			await sleep(120); // past the frame throttle, as a person's keys are
			const written = stdout.nextWrite();
			const start = performance.now();
			stdin.write(key);
			await written;
			return performance.now() - start;
		};

		const timings: Record<string, number[]> = {j: [], PgDn: [], '/ typing': []};
		for (let index = 0; index < 15; index++) timings['j']!.push(await press('j'));
		for (let index = 0; index < 5; index++) timings['PgDn']!.push(await press('\u001B[6~'));
		await press('/');
		for (const character of 'build-run') timings['/ typing']!.push(await press(character));
		instance.unmount();
		for (const [key, values] of Object.entries(timings)) {
			const value = median(values);
			record(
				`keypress to frame: ${key}`,
				label(size),
				`${round(value)} ms`,
				size === 10_000 ? '< 50 ms' : '',
				size === 10_000 ? value < 50 : null,
			);
		}
	}
}

/**
 * Bytes written by a steady view, in this process against a fake terminal that
 * counts them: 300 devices whose only change is heartbeat ages, a 1 s poll.
 * Colour is on (the npm script sets FORCE_COLOR), as in a user's terminal:
 * styled text costs bytes and work. Beside it, the floor: the bytes of just
 * the characters that changed (what no writer can go under), counted by the
 * terminal writer (src/output/terminal-writer.ts) over the same frames.
 */
async function steadyViewBenchmarks() {
	process.stderr.write('a steady view: bytes written\n');
	await withDemo(300, 0, async demo => {
		const client = createClient({baseUrl: demo.url, apiKey: demo.apiKey});
		const seconds = 8;
		for (const [columns, rows, target] of [
			[80, 24, 300],
			[200, 60, 900],
		] as const) {
			const stdout = new FakeStdout(columns, rows);
			const stdin = new FakeStdin();
			const writer = terminalWriter(stdout);
			const instance = render(
				<App
					client={client}
					fetch={createFleetFetcher(client, {query: {pageSize: 100}})}
					label="bench"
					keySource="demo"
					intervalMs={1000}
					staleAfterMs={75_000}
					lingerMs={30_000}
				/>,
				{
					...LIVE_RENDER_OPTIONS,
					stdout: writer.stream as unknown as NodeJS.WriteStream,
					stdin: stdin as unknown as NodeJS.ReadStream,
					patchConsole: false,
				},
			);
			await sleep(3000);
			const bytesBefore = stdout.bytes;
			const writesBefore = stdout.writes;
			const floorBefore = writer.stats.changedBytes;
			const start = performance.now();
			await sleep(seconds * 1000);
			const elapsed = (performance.now() - start) / 1000;
			instance.unmount();
			writer.dispose();
			const bytesPerSecond = (stdout.bytes - bytesBefore) / elapsed;
			const floorPerSecond = (writer.stats.changedBytes - floorBefore) / elapsed;
			record(
				`bytes/s, steady view ${columns}x${rows}, 1 s poll, colour`,
				'300',
				`${Math.round(bytesPerSecond)} B/s (${round((stdout.writes - writesBefore) / elapsed)} writes/s; floor ${Math.round(floorPerSecond)} B/s of changed characters, ${floorPerSecond > 0 ? round(bytesPerSecond / floorPerSecond) : '-'}× the floor)`,
				`<= ${target} B/s`,
				bytesPerSecond <= target,
			);
		}
	});
}

/** Memory is measured in a fresh process, so nothing the other benchmarks allocated is counted. */
async function memoryBenchmark() {
	process.stderr.write(
		`memory over 1 000 polls of 10 000 devices (parse + diff + reduce, churning fleet), in a fresh process with ${LONG_RUN_V8_FLAGS.join(' ')}\n`,
	);
	const args = [
		'--expose-gc',
		...LONG_RUN_V8_FLAGS,
		fileURLToPath(import.meta.url),
		'--memory-only',
		...(quick ? ['--quick'] : []),
	];
	const output = await new Promise<string>((resolve, reject) => {
		const child = spawn(process.execPath, args, {stdio: ['ignore', 'pipe', 'inherit']});
		let text = '';
		child.stdout.on('data', chunk => (text += String(chunk)));
		child.on('exit', code => (code === 0 ? resolve(text) : reject(new Error(`memory benchmark exited ${code}`))));
	});
	const samples = JSON.parse(output) as Array<[number, number, number]>;
	const last = samples.at(-1)!;
	const second = samples[1]!;
	record(
		'resident memory (RSS) after N polls',
		'10k',
		samples.map(([poll, rss]) => `${poll}: ${Math.round(rss)} MB`).join(', '),
		'< 150 MB, flat',
		last[1] < 150 && last[1] < second[1] * 1.25,
	);
	record(
		'live heap after GC after N polls',
		'10k',
		samples.map(([poll, , heap]) => `${poll}: ${Math.round(heap)} MB`).join(', '),
	);
}

/**
 * [poll, RSS MB, heap used MB] every fifth of the run. Each poll goes the way a
 * real one does, short of the socket: 100 pages of JSON text, each parsed, then
 * diff and reduce. The simulated fleet and the page text (the server's side, about
 * 20 MB) live in this process too, so the figure errs high.
 */
function memorySamples(): Array<[number, number, number]> {
	let now = Date.now();
	const simulation = createSimulation({seed: 4, size: 10_000, now: () => now, churnPerMinute: 600});
	let state = initialFleetState();
	const samples: Array<[number, number, number]> = [];
	const polls = quick ? 200 : 1000;
	for (let poll = 1; poll <= polls; poll++) {
		now += 2000;
		const records = simulation.list();
		const connections = [];
		for (let start = 0; start < records.length; start += 100) {
			const body = JSON.stringify({
				connections: records.slice(start, start + 100),
				hasNextPage: start + 100 < records.length,
			});
			connections.push(...parsePage(JSON.parse(body), state.snapshot?.byId).connections);
		}

		const snapshot: Snapshot = {
			...keyRecords(connections),
			fetchedAt: now,
			clockOffsetMs: 0,
			latencyMs: 0,
			pages: 100,
		};
		state = fleetReducer(state, {type: 'poll-succeeded', snapshot});
		state = fleetReducer(state, {type: 'tick', now});
		if (poll === 1 || poll % (polls / 5) === 0) {
			globalThis.gc?.();
			const memory = process.memoryUsage();
			samples.push([poll, memory.rss / 1024 / 1024, memory.heapUsed / 1024 / 1024]);
		}
	}

	return samples;
}

/**
 * The field, side by side in one window: the live view (the real binary), the
 * plain-fetch floor script (bench/floor.mjs) and, at 1 000, the watch + curl + jq
 * loop a user would write (bench/watch-fleet.sh), each in a pseudo-terminal at
 * 80x24 polling every 2 s, at 1 000 and 10 000 listeners. CPU is user + system
 * time from /proc (for watch, with its waited-for children: every curl and jq);
 * bytes are what each wrote to its terminal, which is what crosses ssh. The live
 * view's demo server runs in this process so that its requests can be counted.
 */
async function fieldBenchmarks() {
	const seconds = quick ? 12 : 30;
	const withWatch = installed('watch') && installed('curl') && installed('jq');
	process.stderr.write(
		`the field: live view, floor script${withWatch ? ', watch + curl + jq' : ''} at 80x24, 2 s polls, ${seconds} s\n`,
	);
	const seed = 7;
	const servers: Array<{close: () => Promise<void>}> = [];
	const watched: Array<Watched & {size: number}> = [];
	const counted = new Map<number, () => number>();
	try {
		for (const size of [1000, 10_000]) {
			const own = await startDemoServer({seed, size, churnPerMinute: 0});
			const shared = await startDemoProcess(ROOT, size, 0, ['--demo-seed', String(seed)]);
			servers.push(own, {close: () => shared.stop()});
			counted.set(size, () => own.requests());
			watched.push({size, ...(await startInPty('live view', liveViewCommand(own.url, 2), 80, 24))});
			watched.push({size, ...(await startInPty('floor script', floorCommand(shared.url, 2), 80, 24))});
			if (withWatch && size === 1000) {
				watched.push({
					size,
					...(await startInPty(
						'watch -n 2 -d + curl + jq',
						[
							`watch -n 2 -d ${path.join(ROOT, 'bench', 'watch-fleet.sh')}`,
							{LETTA_BASE_URL: shared.url, LETTA_API_KEY: 'demo'},
						],
						80,
						24,
						'\u0003',
					)),
				});
			}
		}

		// A 10 000 pass takes about 10 s within the default budget of 10 requests a second.
		await sleep(11_000);
		const before = watched.map(program => ({cpu: cpuTicks(program.pid, true), bytes: program.bytes()}));
		const requestsBefore = new Map([...counted].map(([size, requests]) => [size, requests()]));
		const start = performance.now();
		await sleep(seconds * 1000);
		const elapsed = (performance.now() - start) / 1000;
		const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
		const results = watched.map((program, index) => ({
			...program,
			cpu: ((cpuTicks(program.pid, true) - before[index]!.cpu) / ticksPerSecond / elapsed) * 100,
			bytesPerSecond: (program.bytes() - before[index]!.bytes) / elapsed,
			rss: residentMb(program.pid),
		}));
		for (const size of [1000, 10_000]) {
			const here = results.filter(result => result.size === size);
			const ours = here.find(result => result.name === 'live view')!;
			const floor = here.find(result => result.name === 'floor script')!;
			for (const result of here) {
				record(
					`CPU at idle, 2 s poll, 80x24: ${result.name}`,
					label(size),
					`${round(result.cpu, 2)} % of a core; ${Math.round(result.bytesPerSecond)} B/s to the terminal; ${Math.round(result.rss)} MB resident`,
				);
			}

			const ratio = ours.cpu / floor.cpu;
			record(
				'CPU at idle: live view / floor script',
				label(size),
				`${round(ratio, 2)}x`,
				'<= 1.5x',
				ratio <= 1.5,
			);
			const other = here.find(result => result.name.startsWith('watch'));
			if (other)
				record(
					'CPU at idle: live view / watch + curl + jq',
					label(size),
					`${round(ours.cpu / other.cpu, 2)}x (bytes: ${round(ours.bytesPerSecond / other.bytesPerSecond, 2)}x)`,
				);
			const requestsPerSecond = (counted.get(size)!() - requestsBefore.get(size)!) / elapsed;
			record(
				'list requests a second, live view at the defaults',
				label(size),
				`${round(requestsPerSecond, 1)} req/s`,
				'<= 10',
				requestsPerSecond <= 10,
			);
		}
	} finally {
		await Promise.all(watched.map(program => program.stop()));
		await Promise.all(servers.map(server => server.close()));
	}
}

/**
 * Resident memory of the real binary in a pseudo-terminal, as a user runs it,
 * at 1 000 and 10 000 listeners at a 1 s poll over 90 s, beside the floor
 * script (bench/floor.mjs) watching the same churning fleets. The live view
 * runs with LONG_RUN_V8_FLAGS, as it starts itself.
 */
async function liveMemoryBenchmark() {
	const seconds = quick ? 30 : 90;
	process.stderr.write(
		`memory of the live view and the floor script (1 000 and 10 000 listeners, 1 s polls) over ${seconds} s\n`,
	);
	const demos: DemoProcess[] = [];
	const watched: Array<Watched & {size: number}> = [];
	try {
		for (const size of [1000, 10_000]) {
			const demo = await startDemoProcess(ROOT, size, 600);
			demos.push(demo);
			watched.push({size, ...(await startInPty('live view', liveViewCommand(demo.url, 1), 120, 40))});
			watched.push({size, ...(await startInPty('floor script', floorCommand(demo.url, 1), 120, 40))});
		}

		const samples: string[][] = watched.map(() => []);
		const last: number[] = [];
		for (let elapsed = 30; elapsed <= seconds; elapsed += 30) {
			await sleep(30_000);
			for (const [index, program] of watched.entries()) {
				last[index] = residentMb(program.pid);
				samples[index]!.push(`${elapsed} s: ${Math.round(last[index])} MB`);
			}
		}

		for (const [index, program] of watched.entries()) {
			const target = program.name === 'live view' ? (program.size === 1000 ? 100 : 150) : undefined;
			record(
				`resident memory (RSS), 1 s poll: ${program.name}`,
				label(program.size),
				samples[index]!.join(', '),
				target ? `<= ${target} MB` : '',
				target ? last[index]! <= target : null,
			);
		}
	} finally {
		await Promise.all(watched.map(program => program.stop()));
		await Promise.all(demos.map(demo => demo.stop()));
	}
}

async function launchBenchmark() {
	process.stderr.write('launch to first frame (a real pseudo-terminal via script(1))\n');
	await withDemo(1000, 0, async demo => {
		const times: number[] = [];
		for (let run = 0; run < 7; run++) {
			const start = performance.now();
			const child = spawnInPty(liveViewCommand(demo.url), 100, 30);
			child.stdin.on('error', () => {});
			let output = '';
			let seen = false;
			await new Promise<void>(resolve => {
				child.stdout.on('data', chunk => {
					output += String(chunk);
					// Styles may sit between any two characters: read the text without them.
					const text = output.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
					if (!seen && /STATUS[\s\S]*online/.test(text) && /› /.test(text)) {
						seen = true;
						times.push(performance.now() - start);
						child.stdin.write('q');
						resolve();
					}
				});
			});
			await new Promise(resolve => child.once('exit', resolve));
		}

		const value = median(times);
		record('launch to first frame of the table', '1k', `${Math.round(value)} ms`, '< 500 ms', value < 500);
	});
}

async function onceJsonBenchmark() {
	process.stderr.write('--once --json beside the official SDK\n');
	await withDemo(10_000, 0, async demo => {
		const env = {...process.env, LETTA_BASE_URL: demo.url, LETTA_API_KEY: demo.apiKey};
		const timeCommand = async (args: string[]) => {
			const start = performance.now();
			let bytes = 0;
			await new Promise<void>((resolve, reject) => {
				const child = spawn(process.execPath, args, {env, stdio: ['ignore', 'pipe', 'inherit']});
				child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
				child.on('exit', code =>
					code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`)),
				);
			});
			return {ms: performance.now() - start, bytes};
		};

		const ours: number[] = [];
		const sdk: number[] = [];
		for (let run = 0; run < 5; run++) {
			// Like for like with the SDK script, which paces nothing: the request budget (10 req/s by default)
			// would spread these 100 pages over 9 s, which measures politeness, not the client.
			ours.push(
				(
					await timeCommand([
						path.join(ROOT, 'bin', 'letta-fleet.js'),
						'--once',
						'--json',
						'--page-size',
						'100',
						'--max-rps',
						'1000',
					])
				).ms,
			);
			sdk.push((await timeCommand([path.join(ROOT, 'bench', 'sdk-list.mjs')])).ms);
		}

		const ratio = median(ours) / median(sdk);
		record('--once --json', '10k', `${Math.round(median(ours))} ms`);
		record('SDK script paging the same server', '10k', `${Math.round(median(sdk))} ms`);
		record('--once --json / SDK', '10k', `${round(ratio, 2)}x`, '<= 1.5x', ratio <= 1.5);
	});
}

if (process.argv.includes('--memory-only')) {
	process.stdout.write(JSON.stringify(memorySamples()));
	process.exit(0);
}

// `--only poll,memory` runs a subset (for profiling one figure); the document is written only for a full run.
const SUITES: Record<string, () => Promise<void>> = {
	poll: pollBenchmarks,
	frame: frameBenchmarks,
	keypress: keypressBenchmarks,
	// Launch and --once --json time whole processes: run before the long memory runs churn the machine.
	launch: launchBenchmark,
	json: onceJsonBenchmark,
	steady: steadyViewBenchmarks,
	field: fieldBenchmarks,
	// Both measure memory, not time, each in processes of its own: run side by side, they save a minute.
	memory: async () => {
		await Promise.all([memoryBenchmark(), liveMemoryBenchmark()]);
	},
};
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? Object.keys(SUITES) : (process.argv[onlyIndex + 1] ?? '').split(',');
const unknown = only.filter(name => !(name in SUITES));
if (unknown.length > 0) {
	process.stderr.write(`bench: unknown suite ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}\n`);
	process.exit(2);
}

const started = performance.now();
for (const name of only) {
	const suiteStarted = performance.now();
	await SUITES[name]!();
	process.stderr.write(`  (${name}: ${Math.round((performance.now() - suiteStarted) / 1000)} s)\n`);
}
const took = Math.round((performance.now() - started) / 1000);

const output = table();
process.stdout.write(`\n${output}\n\n${machine()}; ${took} s\n`);
if (!quick && onlyIndex === -1) {
	const document = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, on ${machine()}. The demo server runs in its own
process and is reached over loopback. Medians of repeated runs; the whole suite took ${took} s.

${output}

How each figure is taken is in \`bench/run.tsx\`; what the numbers mean, and what was done to reach them, is in
\`docs/performance.md\`.
`;
	// Sections below the marker are measured by commands of their own (bench/exporter-scrapes.ts,
	// bench/hostile-bodies.sh): the table is rewritten, they are kept.
	const file = path.join(ROOT, 'docs', 'benchmarks.md');
	const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
	const kept = previous.includes(KEPT_SECTIONS) ? previous.slice(previous.indexOf(KEPT_SECTIONS)) : '';
	writeFileSync(file, kept ? `${document}\n${kept}` : document);
}

process.exit(0);
