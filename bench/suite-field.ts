/**
 * The field, side by side in one window: the live view (the real binary, recording history) beside the floor script
 * (bench/floor-monitor.mjs), at idle, and at 1 000 listeners the watch + curl + jq loop a user would write.
 */
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {startDemoServer} from '../src/demo/server.js';
import {quick, round, sleep} from './measure.js';
import {
	BESIDE_FLOOR_ARGS,
	cpuTicks,
	FLOOR_STOP_KEY,
	floorCommand,
	installed,
	liveViewCommand,
	residentMb,
	ROOT,
	startInPty,
	v8WorkerTicks,
	type Watched,
} from './processes.js';
import {label, record} from './results.js';

/** Listeners in the fleets the field is measured at, and the most the live view may spend beside the floor there. */
const CPU_TARGETS: ReadonlyArray<readonly [size: number, ratio: number]> = [
	[40, 4],
	[1000, 1.5],
	[10_000, 1.3],
];

/** The terminal both programs run in: the size the issue that set the targets measured at. */
const COLUMNS = 120;
const ROWS = 40;

/** Where the request budget binds: 100 pages a pass. */
const LIFTED_SIZE = 10_000;

type Measured = {cpu: number; v8Workers: number; bytesPerSecond: number; rss: number; requestsPerSecond: number};

/**
 * CPU (user + system from /proc, in % of one core; for watch with its waited-for children: every curl and jq; of it,
 * `v8Workers`, V8's worker threads: garbage collection and compiles off the main thread), bytes
 * sent to the terminal a second (what crosses ssh), resident MB at the end, and list requests a second, of programs
 * already running, over the same `seconds`.
 */
async function measureTogether(
	programs: ReadonlyArray<Watched & {requests: () => number}>,
	seconds: number,
): Promise<Measured[]> {
	const before = programs.map(program => ({
		cpu: cpuTicks(program.pid, true),
		v8Workers: v8WorkerTicks(program.pid),
		bytes: program.bytes(),
		requests: program.requests(),
	}));
	const start = performance.now();
	await sleep(seconds * 1000);
	const elapsed = (performance.now() - start) / 1000;
	const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
	const percent = (ticks: number) => (ticks / ticksPerSecond / elapsed) * 100;
	return programs.map((program, index) => ({
		cpu: percent(cpuTicks(program.pid, true) - before[index]!.cpu),
		v8Workers: percent(v8WorkerTicks(program.pid) - before[index]!.v8Workers),
		bytesPerSecond: (program.bytes() - before[index]!.bytes) / elapsed,
		rss: residentMb(program.pid),
		requestsPerSecond: (program.requests() - before[index]!.requests) / elapsed,
	}));
}

function describe(result: Measured, counted = true): string {
	const requests = counted ? `${round(result.requestsPerSecond, 1)} req/s; ` : '';
	// Only Node programs have V8's workers (watch, curl and jq have none).
	const workers = result.v8Workers > 0 ? ` (V8's worker threads ${round(result.v8Workers, 2)})` : '';
	return `${round(result.cpu, 2)} % of a core${workers}; ${requests}${Math.round(result.bytesPerSecond)} B/s to the terminal; ${Math.round(result.rss)} MB resident`;
}

/**
 * Idle CPU beside the floor at each size of CPU_TARGETS, all seven programs at once at 120x40, each against a demo
 * server of its own (the same seed, no churn: idle is ages moving and nothing else) in this process, so that each
 * one's requests are counted. The live view runs at its defaults, as users run it: a 2 s interval within a budget of
 * 10 requests a second, which binds at 10 000 (100 pages a pass) while the floor paces nothing; so at that size a
 * third program, the live view with the budget lifted (BESIDE_FLOOR_ARGS), gives the cost a request. Then, in a
 * window of its own (it spends a third of a core), the live view beside the watch + curl + jq loop at 1 000.
 */
export async function fieldBenchmarks() {
	const seconds = quick ? 15 : 60;
	// Past the start: the first pass, and the recorder's first polls, which write at most 1 000 listeners each
	// (history/recorder.ts): at 10 000 within the default budget, a poll every 10 s, ten polls before it is idle.
	// `--field-warm-seconds N` measures later: V8 still compiles the view's functions in its third minute, as polls
	// make them hot one by one, and a monitor runs for hours (docs/performance.md, "Idle CPU later in the run").
	const warmIndex = process.argv.indexOf('--field-warm-seconds');
	const warmSeconds = warmIndex === -1 ? (quick ? 12 : 110) : Number(process.argv[warmIndex + 1]);
	process.stderr.write(
		`the field: live view beside the floor script at ${COLUMNS}x${ROWS}, 2 s polls, ${seconds} s after ${warmSeconds} s\n`,
	);
	const servers: Array<{close: () => Promise<void>}> = [];
	const running: Array<Watched & {size: number; requests: () => number}> = [];
	try {
		const start = async (size: number, name: string, command: (url: string) => [string, NodeJS.ProcessEnv]) => {
			const server = await startDemoServer({seed: 7, size, churnPerMinute: 0});
			servers.push(server);
			const stopKey = name === 'floor script' ? FLOOR_STOP_KEY : 'q';
			const program = await startInPty(name, command(server.url), COLUMNS, ROWS, stopKey);
			running.push({size, requests: () => server.requests(), ...program});
		};
		for (const [size] of CPU_TARGETS) {
			await start(size, 'live view', url => liveViewCommand(url));
			await start(size, 'floor script', url => floorCommand(url));
		}
		// Per request, at the size where the budget binds: the live view fetching as often as the floor does.
		await start(LIFTED_SIZE, 'live view, budget lifted', url => liveViewCommand(url, BESIDE_FLOOR_ARGS));

		await sleep(warmSeconds * 1000);
		const results = await measureTogether(running, seconds);
		const find = (size: number, name: string) =>
			results[running.findIndex(program => program.size === size && program.name === name)]!;
		for (const [size, target] of CPU_TARGETS) {
			const ours = find(size, 'live view');
			const floor = find(size, 'floor script');
			record(`CPU at idle, 2 s poll, ${COLUMNS}x${ROWS}: live view (history on)`, label(size), describe(ours));
			record(`CPU at idle, 2 s poll, ${COLUMNS}x${ROWS}: floor script`, label(size), describe(floor));
			const ratio = ours.cpu / floor.cpu;
			record(
				'CPU at idle: live view / floor script',
				label(size),
				`${round(ratio, 2)}x`,
				`<= ${target}x`,
				ratio <= target,
			);
		}

		const lifted = find(LIFTED_SIZE, 'live view, budget lifted');
		const floor = find(LIFTED_SIZE, 'floor script');
		record(
			`CPU at idle, 2 s poll, ${COLUMNS}x${ROWS}: live view, --max-rps lifted`,
			label(LIFTED_SIZE),
			describe(lifted),
		);
		record(
			'CPU per list request: live view, --max-rps lifted / floor script',
			label(LIFTED_SIZE),
			`${round(lifted.cpu / lifted.requestsPerSecond / (floor.cpu / floor.requestsPerSecond), 2)}x`,
		);
	} finally {
		await Promise.all(running.map(program => program.stop()));
		await Promise.all(servers.map(server => server.close()));
	}

	if (installed('watch') && installed('curl') && installed('jq')) await besideWatch(quick ? 12 : 30);
}

/** The live view at its defaults beside `watch -n 2 -d` running curl and jq (bench/watch-fleet.sh), at 1 000. */
async function besideWatch(seconds: number) {
	const size = 1000;
	process.stderr.write(`the field: live view beside watch + curl + jq at ${COLUMNS}x${ROWS}, ${seconds} s\n`);
	const server = await startDemoServer({seed: 7, size, churnPerMinute: 0});
	const running: Array<Watched & {requests: () => number}> = [];
	try {
		const watchCommand: [string, NodeJS.ProcessEnv] = [
			`watch -n 2 -d ${path.join(ROOT, 'bench', 'watch-fleet.sh')}`,
			{LETTA_BASE_URL: server.url, LETTA_API_KEY: 'demo'},
		];
		// Both read one server: requests are counted together and not reported.
		running.push({
			requests: () => 0,
			...(await startInPty('live view', liveViewCommand(server.url), COLUMNS, ROWS)),
		});
		running.push({
			requests: () => 0,
			...(await startInPty('watch -n 2 -d + curl + jq', watchCommand, COLUMNS, ROWS, FLOOR_STOP_KEY)),
		});
		await sleep(5000);
		const [ours, watch] = await measureTogether(running, seconds);
		record(
			`CPU at idle, 2 s poll, ${COLUMNS}x${ROWS}: watch -n 2 -d + curl + jq`,
			label(size),
			describe(watch!, false),
		);
		record(
			'CPU at idle: live view / watch + curl + jq',
			label(size),
			`${round(ours!.cpu / watch!.cpu, 2)}x (bytes to the terminal: ${round(ours!.bytesPerSecond / watch!.bytesPerSecond, 2)}x)`,
		);
	} finally {
		await Promise.all(running.map(program => program.stop()));
		await server.close();
	}
}
