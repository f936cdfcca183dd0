/**
 * Entry point: parse flags, pick a mode, run it, return an exit code.
 * The one-shot and streaming modes never load Ink or React, so they start
 * fast and behave in pipes; the live view is imported only when it is used.
 */
import process from 'node:process';
import {Writable} from 'node:stream';
import {pathToFileURL} from 'node:url';
import v8 from 'node:v8';
import type {Io} from './modes/io.js';
import type {FleetSource} from './source.js';
import type {ContextSwitcher} from './ui/run.js';
import {type ConfigFile, loadConfigFile} from './config/config-file.js';
import {type Keyboard, openKeyboard} from './process/controlling-terminal.js';
import {signalExitStatus, type StopSignal} from './process/exit-status.js';
import {parseOptions} from './config/options.js';
import {UsageError} from './config/usage-error.js';
import type {Options} from './config/flags.js';
import {packageVersion} from './process/version.js';
import {watchMemoryMode} from './process/memory-mode.js';
import {
	EAGER_COMPILE,
	FAVOUR_MEMORY_FLAG,
	FAVOUR_MEMORY_OFF_FLAG,
	LAZY_COMPILE,
	LIVE_VIEW_BUILTINS,
	longRunFlags,
	mayCompileEagerly,
} from './process/v8-flags.js';

export async function main(argv: string[], io: Io): Promise<number> {
	const startup = startupStop(io);
	let options: Options;
	let configFile: ConfigFile;
	try {
		configFile = await loadConfigFile(io.env);
		options = parseOptions(argv, configFile.values, configFile.path);
	} catch (error) {
		return usageFailure(error, io);
	}

	if (options.help) {
		// Loaded only here: --help's key line loads the keymap, which no other mode's checks need.
		const {helpText} = await import('./config/help-text.js');
		io.stdout.write(helpText(packageVersion()));
		return 0;
	}

	if (options.version) {
		io.stdout.write(`${packageVersion()}\n`);
		return 0;
	}

	if (options.command === 'config') {
		const {runConfig} = await import('./modes/config.js');
		try {
			return await runConfig(options, configFile, io, startup.signal);
		} catch (error) {
			const status = startup.status();
			if (status !== undefined) return status;
			throw error;
		}
	}

	if (options.command === 'serve-demo') {
		const {runServeDemo} = await import('./demo/serve-demo.js');
		const {demoFaults} = await import('./source.js');
		let faults;
		try {
			faults = await demoFaults(options.faults);
		} catch (error) {
			return usageFailure(error, io);
		}

		const server = await runServeDemo(
			{
				port: options.port,
				seed: options.demoSeed,
				size: options.demoSize,
				churnPerMinute: options.demoChurn,
				faults,
			},
			io.stdout,
		);
		const signal = await io.stopSignal;
		await server.close();
		return signalExitStatus(signal);
	}

	if (options.command === 'history') {
		const {runHistory} = await import('./modes/history.js');
		try {
			return await runHistory(options, io);
		} catch (error) {
			return usageFailure(error, io);
		}
	}

	if (options.command === 'availability') {
		const [{runAvailability}, {recordedIntervals}] = await Promise.all([
			import('./modes/availability.js'),
			import('./modes/recorded-source.js'),
		]);
		return runAvailability(options, io, {now: Date.now, readHistory: recordedIntervals(options, io.env)});
	}

	if (options.command === 'exporter') {
		setLongRunFlags(io);
		return runExporterCommand(options, io, startup);
	}

	let oneShot = !options.events && (options.once || options.json || !io.isTTY || io.env['TERM'] === 'dumb');
	// The live view's keys: stdin, or the controlling terminal when stdin is a pipe or a file.
	// With no terminal at all it has nothing to read keys from and shows the table once instead.
	let keyboard: Keyboard | undefined;
	if (!oneShot && !options.events) {
		const opened = openKeyboard(io.stdin);
		if ('problem' in opened) {
			io.stderr.write(
				`letta-fleet: no terminal to read keys from (${opened.problem}): showing the table once, as --once does\n`,
			);
			oneShot = true;
		} else {
			keyboard = opened;
		}
	}

	if (!oneShot) setLongRunFlags(io);

	try {
		return await runMode(options, oneShot, keyboard ? {...io, stdin: keyboard.input} : io, startup);
	} finally {
		keyboard?.close();
	}
}

/**
 * The one-shot table or JSON, `--events`, or the live view (whose keys come from `io.stdin`, a terminal).
 * `startup` aborts opening the source (a key file that is a silent pipe) at the first stop signal.
 */
async function runMode(options: Options, oneShot: boolean, io: Io, startup: StartupStop): Promise<number> {
	// Each mode loads only what it uses: --help and --version load nothing more.
	const {openFleetSource, withFirstFetchStarted, DEFAULT_RETRY_POLICY, POLLING_RETRY_POLICY} =
		await import('./source.js');
	let source: FleetSource;
	// The live view's source, once it has started its first pass: closing it aborts that pass too.
	let live: FleetSource | undefined;
	try {
		source = await openFleetSource(
			options,
			io.env,
			oneShot ? DEFAULT_RETRY_POLICY : POLLING_RETRY_POLICY,
			undefined,
			startup.signal,
			// A one-shot may burst its pass; --events (never a one-shot) runs for hours, maybe restarted in a loop by a
			// supervisor, so even its first pass keeps to --max-rps.
			oneShot,
		);
	} catch (error) {
		return startup.status() ?? usageFailure(error, io);
	}

	try {
		if (options.events) {
			const {runEvents} = await import('./modes/events.js');
			return await runEvents(options, source, io);
		}

		if (oneShot) {
			const {runOnce} = await import('./modes/once.js');
			// Ctrl-C during a slow pass stops it now, and aborts the request that would keep the process alive.
			const stop = new AbortController();
			const stopped = io.stopSignal.then(signal => {
				stop.abort();
				return signalExitStatus(signal);
			});
			const pass = source;
			// The aborted request's failure is not news to the operator who stopped it.
			// It is the terminal when stderr is: the waiting line (modes/progress.ts) is written only to one.
			const stderr = Object.assign(
				new Writable({
					write(chunk: Buffer, _encoding, done) {
						if (!stop.signal.aborted) io.stderr.write(chunk);
						done();
					},
				}),
				{isTTY: (io.stderr as {isTTY?: boolean}).isTTY === true},
			);
			return await Promise.race([
				runOnce(
					options,
					{...pass, fetch: (_signal, onPage) => pass.fetch(stop.signal, onPage)},
					{...io, stderr},
				),
				stopped,
			]);
		}

		live = withFirstFetchStarted(source);
		applyColorChoice(options, io.env);
		// React picks its build when it loads: without this it runs the development build, whose
		// per-render bookkeeping cost several times the rendering itself (seen in a CPU profile). The bundle
		// holds only the production build (scripts/build.mjs); this is for the sources run as they are.
		io.env['NODE_ENV'] ??= 'production';
		const {runLive} = await withoutFetch(async () => compiledEagerly(io, async () => import('./ui/run.js')));
		return await runLive(options, live, io, contextSwitcher(options, io));
	} finally {
		await (live ?? source).close();
	}
}

/**
 * How the live view's `x` opens another context: the source `--context NAME` would open, its first
 * pass started. None without contexts, or with --demo (which watches its own server).
 */
function contextSwitcher(options: Options, io: Io): ContextSwitcher | undefined {
	if (options.contexts.length === 0 || options.demo) return undefined;
	return {
		async open(name) {
			const {openFleetSource, withFirstFetchStarted, POLLING_RETRY_POLICY} = await import('./source.js');
			const chosen = {...options, context: name, sources: {...options.sources, context: 'flag' as const}};
			return withFirstFetchStarted(await openFleetSource(chosen, io.env, POLLING_RETRY_POLICY));
		},
	};
}

/** `letta-fleet exporter`: the same source and poller as the live view, its output served to Prometheus. */
async function runExporterCommand(options: Options, io: Io, startup: StartupStop): Promise<number> {
	const {openFleetSource, POLLING_RETRY_POLICY} = await import('./source.js');
	const {createTelemetry} = await import('./exporter/telemetry.js');
	const {runExporter} = await import('./modes/exporter.js');
	const telemetry = createTelemetry();
	let source: FleetSource;
	try {
		source = await openFleetSource(options, io.env, POLLING_RETRY_POLICY, telemetry.wrapClient, startup.signal);
	} catch (error) {
		return startup.status() ?? usageFailure(error, io);
	}

	try {
		return await runExporter(options, source, telemetry, io);
	} finally {
		await source.close();
	}
}

/**
 * Runs `load` with the global `fetch` hidden. Ink's layout engine (yoga-layout, WebAssembly) loads its
 * bytes with `fetch` when there is one, and reading the global loads undici, Node's fetch, which nothing
 * else of ours uses: about 20 ms of the live view's launch on a 2-core machine (docs/performance.md).
 * Without it the bytes are decoded in place. The global is put back as it was, unread.
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
	const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	if (!fetch?.configurable) return load();
	Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
	try {
		return await load();
	} finally {
		Object.defineProperty(globalThis, 'fetch', fetch);
	}
}

/**
 * Runs `load` (the live view's import) with V8 compiling every function as it loads (src/process/v8-flags.ts
 * EAGER_COMPILE: cached whole, the first frame compiles nothing), then back to compiling each at its first call for
 * everything after. The built-ins it needs are loaded first, with Node's own compiled code (LIVE_VIEW_BUILTINS).
 * Left alone when the user set V8's compile mode.
 */
async function compiledEagerly<T>(io: Io, load: () => Promise<T>): Promise<T> {
	if (!io.setV8Flags || !mayCompileEagerly({execArgv: process.execArgv, nodeOptions: io.env['NODE_OPTIONS']})) {
		return load();
	}

	for (const name of LIVE_VIEW_BUILTINS) process.getBuiltinModule(name);
	io.setV8Flags([EAGER_COMPILE]);
	try {
		return await load();
	} finally {
		io.setV8Flags([LAZY_COMPILE]);
	}
}

/**
 * --no-color, then FORCE_COLOR, then NO_COLOR. Ink's colour library reads
 * FORCE_COLOR when it loads, so this runs before the live view is imported.
 */
function applyColorChoice(options: Options, env: NodeJS.ProcessEnv): void {
	if (options.noColor || (env['NO_COLOR'] && env['FORCE_COLOR'] === undefined)) {
		env['FORCE_COLOR'] = '0';
	}
}

/** A stop signal seen during start-up: `signal` aborts what start-up waits on, `status` is then its exit status. */
type StartupStop = {signal: AbortSignal; status(): number | undefined};

/**
 * Start-up can wait on an --api-key-file that is a pipe whose writer has not
 * come yet, for ever; a stop signal then aborts that wait and start-up exits
 * with the signal's status (130 for SIGINT, 143 for SIGTERM) at once.
 */
function startupStop(io: Io): StartupStop {
	const controller = new AbortController();
	let stoppedBy: StopSignal | undefined;
	void io.stopSignal.then(signal => {
		stoppedBy = signal;
		controller.abort();
	});
	return {
		signal: controller.signal,
		status: () => (stoppedBy === undefined ? undefined : signalExitStatus(stoppedBy)),
	};
}

function usageFailure(error: unknown, io: Io): number {
	if (error instanceof UsageError) {
		io.stderr.write(`letta-fleet: ${error.message}\nTry letta-fleet --help.\n`);
		return 2;
	}

	throw error;
}

/**
 * Resolves on the first SIGINT, SIGTERM or SIGHUP so each mode can stop cleanly
 * (the live view restores the terminal) and exit with the signal's status
 * (src/process/exit-status.ts). The listeners stay registered: with none of ours left,
 * Ink's exit hook would re-raise the signal and kill the process before it
 * restored anything. A second signal forces the exit, with its own status.
 */
function stopSignal(): Promise<StopSignal> {
	return new Promise(resolve => {
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
			process.on(signal, () => {
				if (stopReceived) {
					process.exit(signalExitStatus(signal));
				}

				stopReceived = true;
				resolve(signal);
			});
		}
	});
}

/** Set by the first stop signal: a second one forces the exit. */
let stopReceived = false;

export function processIo(): Io {
	return {
		stdout: process.stdout,
		stderr: process.stderr,
		stdin: process.stdin,
		env: process.env,
		columns: process.stdout.isTTY ? process.stdout.columns : undefined,
		isTTY: Boolean(process.stdout.isTTY),
		stopSignal: stopSignal(),
		setV8Flags(flags) {
			for (const flag of flags) v8.setFlagsFromString(flag);
		},
	};
}

/**
 * The live view, --events and the exporter poll for hours: they run with LONG_RUN_V8_FLAGS
 * (src/process/v8-flags.ts), set in this process before it opens anything, and with V8 told to favour
 * memory while its heap is large (src/process/memory-mode.ts); a flag the user gave Node wins.
 */
function setLongRunFlags(io: Io): void {
	const {setV8Flags} = io;
	if (!setV8Flags) return;
	const facts = {execArgv: process.execArgv, nodeOptions: io.env['NODE_OPTIONS']};
	setV8Flags(longRunFlags(facts));
	if (longRunFlags(facts, [FAVOUR_MEMORY_FLAG]).length > 0)
		watchMemoryMode({
			committedBytes: () => v8.getHeapStatistics().total_heap_size,
			setV8Flags,
			on: FAVOUR_MEMORY_FLAG,
			off: FAVOUR_MEMORY_OFF_FLAG,
		});
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main(process.argv.slice(2), processIo()).then(
		code => {
			process.exitCode = code;
		},
		(error: unknown) => {
			process.stderr.write(
				`letta-fleet: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
			);
			process.exitCode = 1;
		},
	);
}
