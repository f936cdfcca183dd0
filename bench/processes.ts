/**
 * The benchmark's processes: the project root, programs run in a real pseudo-terminal and watched
 * from outside (their pid, the bytes they sent the terminal, their memory and CPU from /proc), the
 * commands a user runs (the live view, the floor script), and a demo server in a process of its own.
 */
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {type DemoProcess, startDemoProcess} from './demo-process.js';
import {sleep} from './measure.js';

function findRoot(start: string): string {
	let directory = start;
	while (!existsSync(path.join(directory, 'package.json'))) directory = path.dirname(directory);
	return directory;
}

/** The project's root folder (the nearest one up with a package.json). */
export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A program running in a real pseudo-terminal, watched from outside: its pid, the bytes it wrote, how to stop it. */
export type Watched = {name: string; pid: string; bytes: () => number; stop: () => Promise<void>};

/**
 * Runs `command` (a shell command line, with `env` added) in a pseudo-terminal of `columns`x`rows` via script(1);
 * stdout is what the terminal was sent.
 */
export function spawnInPty([command, env]: [string, NodeJS.ProcessEnv], columns: number, rows: number) {
	return spawn('script', ['-qfec', `stty cols ${columns} rows ${rows}; exec ${command}`, '/dev/null'], {
		env: {...process.env, ...env, LANG: 'C.UTF-8', TERM: 'xterm-256color', CI: ''},
		stdio: ['pipe', 'pipe', 'ignore'],
	});
}

/** Runs a command in a pseudo-terminal (spawnInPty) and watches it from outside; its output is only counted. */
export async function startInPty(
	name: string,
	command: [string, NodeJS.ProcessEnv],
	columns: number,
	rows: number,
	stopKey = 'q',
): Promise<Watched> {
	const child = spawnInPty(command, columns, rows);
	child.stdin.on('error', () => {});
	let bytes = 0;
	child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
	const exited = new Promise(resolve => child.once('exit', resolve));
	await sleep(1000);
	const pid = execFileSync('pgrep', ['-P', String(child.pid)], {encoding: 'utf8'})
		.trim()
		.split('\n')[0]!;
	return {
		name,
		pid,
		bytes: () => bytes,
		async stop() {
			child.stdin.write(stopKey);
			const timer = setTimeout(() => child.kill('SIGTERM'), 3000);
			await exited;
			clearTimeout(timer);
		},
	};
}

/**
 * The live view as a user starts it, with `args` added, against the demo server at `url`; no NODE_OPTIONS of the
 * caller's. It records history, as a user's does, each view into a state folder of its own inside the bench's
 * (never the runner's state), so that views running side by side do not share a file.
 */
export function liveViewCommand(url: string, args: readonly string[] = []): [string, NodeJS.ProcessEnv] {
	return [
		[process.execPath, path.join(ROOT, 'bin', 'letta-fleet.js'), ...args].join(' '),
		{
			LETTA_BASE_URL: url,
			LETTA_API_KEY: 'demo',
			NODE_OPTIONS: '',
			XDG_STATE_HOME: mkdtempSync(path.join(benchStateRoot(), 'view-')),
		},
	];
}

/**
 * The live view's flags beside the floor script, which paces nothing: the request budget lifted, so both fetch every
 * page every 2 s (the default interval) and do the same work.
 */
export const BESIDE_FLOOR_ARGS: readonly string[] = ['--max-rps', '1000'];

let stateRoot: string | undefined;

/** A temporary folder for the bench's live views' state, made once and removed when the bench exits. */
function benchStateRoot(): string {
	if (stateRoot === undefined) {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'letta-fleet-bench-state-'));
		process.on('exit', () => rmSync(folder, {recursive: true, force: true}));
		stateRoot = folder;
	}

	return stateRoot;
}

/**
 * The floor script (bench/floor-monitor.mjs, the team's shared floor kept byte for byte): Node's own fetch of every
 * page every 2 s, no request budget, a status a listener, only changed lines redrawn. It has no flags: its interval is
 * 2 s and its page size 100, so the live view beside it runs at those. It stops on Ctrl-C (FLOOR_STOP_KEY).
 */
export function floorCommand(url: string): [string, NodeJS.ProcessEnv] {
	return [
		`${process.execPath} ${path.join(ROOT, 'bench', 'floor-monitor.mjs')} ${url}`,
		{LETTA_API_KEY: 'demo', NODE_OPTIONS: ''},
	];
}

/** What stops the floor script in its terminal: it reads no keys, so Ctrl-C (SIGINT from the terminal). */
export const FLOOR_STOP_KEY = '\u0003';

/** Whether a command is on the PATH. */
export function installed(command: string): boolean {
	try {
		execFileSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

/** Resident memory of a process, in MB (VmRSS in /proc/PID/status). */
export function residentMb(pid: string): number {
	return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/**
 * User plus system time of a process so far, in clock ticks (/proc/PID/stat fields 14 and 15; with `children`, 16 and
 * 17 too: its waited-for children's).
 */
export function cpuTicks(pid: string, children = false): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
}

/**
 * CPU of a process's V8 worker threads so far, in clock ticks: the threads Node names `V8Worker`
 * (/proc/PID/task/TID/comm), where V8 runs its parallel and concurrent garbage collection and background compiles.
 * A thread that ended took its ticks with it, so read this beside cpuTicks over the same window.
 */
export function v8WorkerTicks(pid: string): number {
	let ticks = 0;
	for (const thread of readdirSync(`/proc/${pid}/task`)) {
		try {
			if (readFileSync(`/proc/${pid}/task/${thread}/comm`, 'utf8').trim() !== 'V8Worker') continue;
			const fields = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8').split(') ')[1]!.split(' ');
			ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// The thread ended between the listing and the read.
		}
	}

	return ticks;
}

/**
 * Runs `measure` against a demo server (churning `churnPerMinute` devices) in a process of its own, stopped however
 * `measure` ends.
 */
export async function withDemo(
	size: number,
	churnPerMinute: number,
	measure: (demo: DemoProcess) => Promise<void>,
): Promise<void> {
	const demo = await startDemoProcess(ROOT, size, churnPerMinute);
	try {
		await measure(demo);
	} finally {
		await demo.stop();
	}
}
