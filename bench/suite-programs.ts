/**
 * Whole programs: launch to first frame, and `--once --json` beside the official SDK.
 */
import {spawn} from 'node:child_process';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {median, round} from './measure.js';
import {FLOOR_STOP_KEY, floorCommand, liveViewCommand, ROOT, spawnInPty, withDemo} from './processes.js';
import {label, record} from './results.js';

/** Listeners in the fleets launch is timed at: a typical organization, and a large one. */
const LAUNCH_SIZES = [40, 1000];
/** The most the live view's launch may take, as a multiple of the floor script's, measured the same way. */
const LAUNCH_TARGET_RATIO = 2.3;

/**
 * Launch to first rows on screen, the live view beside the floor script, each started in a real pseudo-terminal
 * (script(1)) at 120x40 against the same demo server, alternately, median of 7: from spawn to the first output in
 * which a listener's row can be read.
 */
export async function launchBenchmark() {
	process.stderr.write('launch to first rows (a real pseudo-terminal via script(1)), beside the floor script\n');
	// Styles may sit between any two characters: read the text without them.
	const plain = (output: string) => output.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
	const programs = [
		{
			name: 'live view',
			command: (url: string) => liveViewCommand(url),
			stopKey: 'q',
			ready: (text: string) => /STATUS[\s\S]*online/.test(text) && /› /.test(text),
		},
		{
			name: 'floor script',
			command: (url: string) => floorCommand(url),
			stopKey: FLOOR_STOP_KEY,
			ready: (text: string) => /floor \d+ listeners[\s\S]*online/.test(text),
		},
	];
	for (const size of LAUNCH_SIZES) {
		await withDemo(size, 0, async demo => {
			const times = programs.map((): number[] => []);
			for (let run = 0; run < 7; run++) {
				for (const [index, program] of programs.entries()) {
					const start = performance.now();
					const child = spawnInPty(program.command(demo.url), 120, 40);
					child.stdin.on('error', () => {});
					let output = '';
					let seen = false;
					await new Promise<void>(resolve => {
						child.stdout.on('data', chunk => {
							output += String(chunk);
							if (!seen && program.ready(plain(output))) {
								seen = true;
								times[index]!.push(performance.now() - start);
								child.stdin.write(program.stopKey);
								resolve();
							}
						});
					});
					await new Promise(resolve => child.once('exit', resolve));
				}
			}

			const [ours, floor] = times.map(median) as [number, number];
			record('launch to first rows: live view', label(size), `${Math.round(ours)} ms`);
			record('launch to first rows: floor script', label(size), `${Math.round(floor)} ms`);
			const ratio = ours / floor;
			record(
				'launch to first rows: live view / floor script',
				label(size),
				`${round(ratio, 2)}x`,
				`<= ${LAUNCH_TARGET_RATIO}x`,
				ratio <= LAUNCH_TARGET_RATIO,
			);
		});
	}
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
