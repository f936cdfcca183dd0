/**
 * A REAL Letta Code listener (`letta server`, 0.32.18, fetched by scripts/fetch-letta-code.mjs)
 * joins `letta-fleet serve-demo`, and the built binary watches it come and go, as a user
 * would see it: --once --json, and --events while the listener is stopped and started.
 * Everything runs on loopback; the listener's HOME is a fresh temporary directory, so its
 * deviceId is made there and nothing of the developer's is read or written.
 */
import {type ChildProcess, execFileSync, spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {LETTA_CODE_VERSION, lettaCodePath} from '../../scripts/fetch-letta-code.mjs';
import {NODE, runCli, startCli} from '../helpers/cli.js';
import {parseJson, type EventJson, type RowJson} from '../helpers/json.js';

const LETTA_JS = lettaCodePath();
/** Generous: the listener parses a 35 MB bundle, on a slow shared machine. */
const START_MS = 90_000;
const children: ChildProcess[] = [];
const temporary: string[] = [];

/** A row of --once --json; the listener's record is the demo server's, as Letta Code registered it. */
type Row = RowJson;

/** Every test fails, none is skipped, when the listener is not there to run. */
function needLettaCode(): void {
	if (!existsSync(LETTA_JS)) {
		throw new Error(
			`Letta Code ${LETTA_CODE_VERSION} is missing at ${LETTA_JS}: run \`node scripts/fetch-letta-code.mjs\` (\`npm test\` runs it first)`,
		);
	}
}

type Exit = {code: number | null; signal: NodeJS.Signals | null};
type Started = {child: ChildProcess; output: () => string; exited: Promise<Exit>};

function track(child: ChildProcess): Started {
	children.push(child);
	let output = '';
	const keep = (chunk: Buffer) => {
		// The tail is enough to say why a listener did not show up; its status screen's escapes would only blur it.
		output = (output + String(chunk).replaceAll(/\x1b\[[0-9;?]*[A-Za-z]/g, '')).slice(-6000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const exited = new Promise<Exit>(resolve => child.once('exit', (code, signal) => resolve({code, signal})));
	return {child, output: () => output, exited};
}

/** Polls an async probe until it gives a value; the deadline is a hang guard, not a speed claim. */
async function eventually<T>(
	probe: () => Promise<T | undefined>,
	what: () => string,
	timeoutMs = START_MS,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) {
			return value;
		}

		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what()}`);
		}

		await new Promise(resolve => setTimeout(resolve, 250));
	}
}

describe(`a real Letta Code ${LETTA_CODE_VERSION} listener on the demo server`, () => {
	let url = '';
	let home = '';
	let work = '';
	let watcher: Started;
	const events: EventJson[] = [];
	const listeners = new Map<string, Started>();

	const fleetEnv = () => ({LETTA_BASE_URL: url, LETTA_API_KEY: 'demo'});

	/** `letta server --computer-name NAME`, as the reference says to run it against a stand-in platform. */
	function startListener(name: string): Started {
		const child = spawn(NODE, [LETTA_JS, 'server', '--computer-name', name], {
			// The listener writes .letta/settings.local.json into its working directory.
			cwd: work,
			env: {
				PATH: process.env['PATH'] ?? '',
				HOME: home,
				XDG_CONFIG_HOME: path.join(home, '.config'),
				IGNORE_SELF_HOSTED_LISTENER_ERROR: '1',
				LETTA_CODE_TELEM: '0',
				DO_NOT_TRACK: '1',
				LETTA_API_KEY: 'demo',
				LETTA_BASE_URL: url,
			},
		});
		const started = track(child);
		listeners.set(name, started);
		return started;
	}

	async function stopListener(name: string): Promise<void> {
		const started = listeners.get(name)!;
		started.child.kill('SIGINT');
		// Its own SIGINT handler exits 0; with its status screen up, the signal may end it first. Either is a normal
		// stop.
		const {code, signal} = await started.exited;
		expect(code === 0 || signal === 'SIGINT', `exit ${code} ${signal}: ${started.output()}`).toBe(true);
	}

	async function fleet(): Promise<Row[]> {
		const {code, stdout, stderr} = await runCli(['--once', '--json'], fleetEnv());
		expect(code, stderr).toBe(0);
		return parseJson<{connections: Row[]}>(stdout).connections;
	}

	/** The row of the listener called `name`, once `check` holds for it. */
	function row(name: string, check: (row: Row) => boolean, what: string): Promise<Row> {
		let last: Row | undefined;
		return eventually(
			async () => {
				last = (await fleet()).find(item => item.connectionName === name);
				return last && check(last) ? last : undefined;
			},
			() => `${name} ${what}; its row: ${JSON.stringify(last)}; its output: ${listeners.get(name)?.output()}`,
		);
	}

	/** The first --events line from position `from` on for which `check` holds. */
	function event(check: (event: EventJson) => boolean, what: string, from = 0): Promise<EventJson> {
		return eventually(
			() => Promise.resolve(events.slice(from).find(check)),
			() => `${what}; events so far: ${JSON.stringify(events)}`,
		);
	}

	beforeAll(async () => {
		if (!existsSync(LETTA_JS)) {
			return;
		}

		home = realpathSync(mkdtempSync(path.join(tmpdir(), 'letta-fleet-e2e-home-')));
		temporary.push(home);
		work = path.join(home, 'project');
		mkdirSync(work);
		// A git checkout on a known branch, which the listener reports over its socket.
		execFileSync('git', ['init', '-q'], {cwd: work, env: {PATH: process.env['PATH'] ?? '', HOME: home}});
		execFileSync('git', ['symbolic-ref', 'HEAD', 'refs/heads/feat/fleet-e2e'], {
			cwd: work,
			env: {PATH: process.env['PATH'] ?? '', HOME: home},
		});

		const server = track(startCli(['serve-demo', '--demo-size', '3', '--demo-churn', '0', '--port', '0']));
		url = await eventually(
			() => Promise.resolve(/LETTA_BASE_URL=(\S+)/.exec(server.output())?.[1]),
			() => `serve-demo to print its URL: ${server.output()}`,
			30_000,
		);

		// Watching from before any listener exists, so every arrival and departure is a line.
		watcher = track(startCli(['--events', '--interval', '1'], fleetEnv()));
		let pending = '';
		watcher.child.stdout?.on('data', chunk => {
			pending += String(chunk);
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			events.push(...lines.filter(Boolean).map(line => parseJson<EventJson>(line)));
		});

		// The watcher's first poll is a silent baseline: only once a row added after it shows up as a line
		// is every later arrival sure to be one. Each probe is a registration that never connects.
		let probes = 0;
		await eventually(
			async () => {
				const response = await fetch(`${url}/v1/environments/register`, {
					method: 'POST',
					headers: {authorization: 'Bearer demo', 'content-type': 'application/json'},
					body: JSON.stringify({
						deviceId: `e2e-probe-${++probes}`,
						listenerInstanceId: 'server-0000000000000000',
						connectionName: 'e2e-probe',
						metadata: {},
					}),
				});
				expect(response.status).toBe(200);
				return events.find(item => item.type === 'appeared' && item.connectionName === 'e2e-probe');
			},
			() => `the --events watcher to report a new row; its output: ${watcher.output()}`,
			60_000,
		);
	}, 120_000);

	afterAll(() => {
		for (const child of children) {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGKILL');
			}
		}

		for (const directory of temporary) {
			rmSync(directory, {recursive: true, force: true});
		}
	});

	it('lists the listener online with the metadata it registered and the status it reported', async () => {
		needLettaCode();
		startListener('e2e-alpha');
		const alpha = await row(
			'e2e-alpha',
			item => item.status === 'online' && item.metadata?.gitBranch !== undefined,
			'online with its git branch',
		);
		const {deviceId} = parseJson<{deviceId: string}>(
			readFileSync(path.join(home, '.letta', 'settings.json'), 'utf8'),
		);
		expect(alpha).toMatchObject({
			deviceId,
			// Letta Code derives it from the name: "server-" and the first 16 hex digits of its SHA-256.
			listenerInstanceId: `server-${createHash('sha256').update('e2e-alpha').digest('hex').slice(0, 16)}`,
			connectionName: 'e2e-alpha',
			currentMode: 'unrestricted',
			metadata: {
				lettaCodeVersion: LETTA_CODE_VERSION,
				os: process.platform,
				nodeVersion: process.version,
				workingDirectory: work,
				gitBranch: 'feat/fleet-e2e',
			},
		});
		expect(alpha.connectionId).toMatch(/^conn-/);
	}, 150_000);

	it('prints disconnected when the listener is stopped, and connected when it starts again', async () => {
		needLettaCode();
		const alpha = (await fleet()).find(item => item.connectionName === 'e2e-alpha')!;
		// The watcher must have seen it online, or stopping it would change nothing the watcher saw.
		await event(
			item =>
				item.id === alpha.id &&
				item.status === 'online' &&
				(item.type === 'appeared' || item.type === 'connected'),
			'the watcher to see e2e-alpha online',
		);

		const beforeStop = events.length;
		await stopListener('e2e-alpha');
		const gone = await event(
			item => item.id === alpha.id && item.type === 'disconnected',
			'a disconnected line for e2e-alpha',
			beforeStop,
		);
		expect(gone).toMatchObject({
			deviceId: alpha.deviceId,
			connectionName: 'e2e-alpha',
			from: alpha.connectionId,
			to: null,
			status: 'offline',
		});

		const beforeStart = events.length;
		startListener('e2e-alpha');
		const back = await event(
			item => item.id === alpha.id && item.type === 'connected',
			'a connected line for e2e-alpha',
			beforeStart,
		);
		// A restart registers again: same record, a new session.
		expect(back.to).toMatch(/^conn-/);
		expect(back.to).not.toBe(alpha.connectionId);
		expect(watcher.child.exitCode).toBeNull();
	}, 300_000);

	it('shows a second listener on the same machine as a second row of the same device', async () => {
		needLettaCode();
		startListener('e2e-beta');
		const beta = await row('e2e-beta', item => item.status === 'online', 'online');
		const alpha = await row('e2e-alpha', item => item.status === 'online', 'online');
		expect(beta.deviceId).toBe(alpha.deviceId);
		expect(beta.id).not.toBe(alpha.id);
		expect(beta.listenerInstanceId).toMatch(/^server-[0-9a-f]{16}$/);
		expect(beta.listenerInstanceId).not.toBe(alpha.listenerInstanceId);
		expect((await fleet()).filter(item => item.deviceId === alpha.deviceId)).toHaveLength(2);
	}, 150_000);
});
