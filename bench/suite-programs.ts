/**
 * Whole programs: the live view beside the floor script and watch + curl + jq at idle, launch to
 * first frame, and `--once --json` beside the official SDK.
 */
import {execFileSync, spawn} from 'node:child_process';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {startDemoServer} from '../src/demo/server.js';
import {startDemoProcess} from './demo-process.js';
import {median, quick, round, sleep} from './measure.js';
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
import {label, record} from './results.js';

/**
 * The field, side by side in one window: the live view (the real binary), the
 * plain-fetch floor script (bench/floor.mjs) and, at 1 000, the watch + curl + jq
 * loop a user would write (bench/watch-fleet.sh), each in a pseudo-terminal at
 * 80x24 polling every 2 s, at 1 000 and 10 000 listeners. CPU is user + system
 * time from /proc (for watch, with its waited-for children: every curl and jq);
 * bytes are what each wrote to its terminal, which is what crosses ssh. The live
 * view's demo server runs in this process so that its requests can be counted.
 */
export async function fieldBenchmarks() {
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

export async function launchBenchmark() {
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

export async function onceJsonBenchmark() {
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

		// Like for like with the SDK script, which paces nothing: the request budget lifted, its page size.
		const lifted: number[] = [];
		// What a user gets with no flags: a one-shot's burst budget (fleet/request-budget.ts), pages learned.
		const defaults: number[] = [];
		const sdk: number[] = [];
		const bin = path.join(ROOT, 'bin', 'letta-fleet.js');
		for (let run = 0; run < 5; run++) {
			lifted.push((await timeCommand([bin, '--once', '--json', '--page-size', '100', '--max-rps', '1000'])).ms);
			defaults.push((await timeCommand([bin, '--once', '--json'])).ms);
			sdk.push((await timeCommand([path.join(ROOT, 'bench', 'sdk-list.mjs')])).ms);
		}

		const sdkMs = median(sdk);
		record('SDK script paging the same server', '10k', `${Math.round(sdkMs)} ms`);
		record('--once --json, request budget lifted', '10k', `${Math.round(median(lifted))} ms`);
		const liftedRatio = median(lifted) / sdkMs;
		record('--once --json, budget lifted / SDK', '10k', `${round(liftedRatio, 2)}x`, '<= 1.5x', liftedRatio <= 1.5);
		record('--once --json at the defaults (no flags)', '10k', `${Math.round(median(defaults))} ms`);
		const defaultsRatio = median(defaults) / sdkMs;
		record(
			'--once --json at the defaults / SDK',
			'10k',
			`${round(defaultsRatio, 2)}x`,
			'<= 1.5x',
			defaultsRatio <= 1.5,
		);
	});
}
