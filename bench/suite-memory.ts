/** Memory: of the poll loop alone in a fresh process, and of the real binary beside the floor script. */
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {LONG_RUN_V8_FLAGS} from '../src/process/v8-flags.js';
import {type DemoProcess, startDemoProcess} from './demo-process.js';
import {quick, round, sleep} from './measure.js';
import {
	FLOOR_STOP_KEY,
	floorCommand,
	liveViewCommand,
	residentMb,
	ROOT,
	startInPty,
	type Watched,
} from './processes.js';
import {label, record} from './results.js';

/**
 * Memory of the poll loop alone, measured in a fresh process that loads only the loop (bench/poll-loop-memory.ts),
 * so neither the other benchmarks' allocations nor the bench's own modules (Ink, React, the fake terminal) are
 * counted.
 */
export async function memoryBenchmark() {
	process.stderr.write(
		`memory over 1 000 polls of 10 000 devices (parse + diff + reduce, churning fleet), in a fresh process that sets ${LONG_RUN_V8_FLAGS.join(' ')}\n`,
	);
	const entry = fileURLToPath(new URL('poll-loop-memory.js', import.meta.url));
	const args = ['--expose-gc', entry, ...(quick ? ['--quick'] : [])];
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

/** The most the live view's resident memory may be, as a multiple of the floor script's, by listeners. */
const MEMORY_TARGETS: ReadonlyArray<readonly [size: number, ratio: number]> = [
	[1000, 1.2],
	[10_000, 1.0],
];

/**
 * Resident memory of the real binary in a pseudo-terminal, as a user runs it (recording history), beside the floor
 * script (bench/floor-monitor.mjs) watching the same churning fleet, at each size of MEMORY_TARGETS, all four at once
 * at 120x40 and 2 s polls (the floor's), sampled every 30 s. The live view runs with LONG_RUN_V8_FLAGS, as it starts
 * itself, at its defaults.
 */
export async function liveMemoryBenchmark() {
	// `--memory-seconds N` runs it longer (an hour: whether memory stays flat); samples are every 30 s.
	const secondsIndex = process.argv.indexOf('--memory-seconds');
	const seconds = secondsIndex === -1 ? (quick ? 30 : 90) : Number(process.argv[secondsIndex + 1]);
	process.stderr.write(
		`memory of the live view and the floor script (1 000 and 10 000 listeners, 2 s polls) over ${seconds} s\n`,
	);
	const demos: DemoProcess[] = [];
	const watched: Array<Watched & {size: number}> = [];
	try {
		for (const [size] of MEMORY_TARGETS) {
			const demo = await startDemoProcess(ROOT, size, 600);
			demos.push(demo);
			watched.push({
				size,
				...(await startInPty('live view', liveViewCommand(demo.url), 120, 40)),
			});
			watched.push({
				size,
				...(await startInPty('floor script', floorCommand(demo.url), 120, 40, FLOOR_STOP_KEY)),
			});
		}

		const samples: string[][] = watched.map(() => []);
		// Every 30 s sample of each program, MB: the flatness check reads them.
		const series: number[][] = watched.map(() => []);
		const last: number[] = [];
		for (let elapsed = 30; elapsed <= seconds; elapsed += 30) {
			await sleep(30_000);
			for (const [index, program] of watched.entries()) {
				last[index] = residentMb(program.pid);
				series[index]!.push(last[index]);
				// Over a long run, a sample every 10 minutes is what the table shows.
				if (seconds <= 300 || elapsed % 600 === 0 || elapsed === 30)
					samples[index]!.push(`${formatElapsed(elapsed)}: ${Math.round(last[index])} MB`);
			}
		}

		for (const [size, target] of MEMORY_TARGETS) {
			const ours = watched.findIndex(program => program.size === size && program.name === 'live view');
			const floor = watched.findIndex(program => program.size === size && program.name === 'floor script');
			record('resident memory (RSS), 2 s poll: live view (history on)', label(size), samples[ours]!.join(', '));
			record('resident memory (RSS), 2 s poll: floor script', label(size), samples[floor]!.join(', '));
			const ratio = last[ours]! / last[floor]!;
			record(
				`resident memory at ${seconds} s: live view / floor script`,
				label(size),
				`${round(ratio, 2)}x`,
				`<= ${target}x`,
				ratio <= target,
			);
			if (seconds >= FLAT_MIN_SECONDS) {
				for (const index of [ours, floor]) {
					const growth = lateGrowth(series[index]!);
					record(
						`resident memory growth, last three quarters of ${formatElapsed(seconds)}: ${watched[index]!.name}`,
						label(size),
						`${growth.mb >= 0 ? '+' : ''}${round(growth.mb, 1)} MB (${round(growth.percent, 1)} %)`,
						index === ours ? `<= ${FLAT_MAX_PERCENT} %` : '',
						index === ours ? growth.percent <= FLAT_MAX_PERCENT : null,
					);
				}
			}
		}
	} finally {
		await Promise.all(watched.map(program => program.stop()));
		await Promise.all(demos.map(demo => demo.stop()));
	}
}

/**
 * The shortest run that is judged for flatness, s: a shorter one is mostly its warm-up (the first pass, caches of a
 * few minutes' churn filling).
 */
const FLAT_MIN_SECONDS = 1200;
/** How much resident memory may grow over a long run's last three quarters, percent, and still be called flat. */
const FLAT_MAX_PERCENT = 5;

/**
 * How much `samples` (resident MB, oldest first) grew from the end of its first quarter to its end: the mean of the
 * five samples (2.5 min at 30 s) around each point, so one collection's peak is not read as a trend.
 */
export function lateGrowth(samples: readonly number[]): {mb: number; percent: number} {
	const around = (at: number) => {
		const window = samples.slice(Math.max(0, at - 2), at + 3);
		return window.reduce((sum, value) => sum + value, 0) / window.length;
	};
	const start = around(Math.floor(samples.length / 4));
	const end = around(samples.length - 3);
	return {mb: end - start, percent: ((end - start) / start) * 100};
}

/** 30 s, 10 min, 1 h. */
function formatElapsed(seconds: number): string {
	if (seconds < 600) return `${seconds} s`;
	return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${Math.round(seconds / 60)} min`;
}
