/**
 * Starts the live view full-screen in the alternate screen buffer and gives
 * the terminal back on every way out: q, Ctrl-C, SIGTERM, SIGHUP, and a
 * crash, whose message is printed after the screen is restored, not lost in it.
 * With `--mouse`, mouse tracking is on exactly while the alternate screen is
 * (the terminal writer sets and unsets it with the screen).
 * The terminal is restored before the exit status is returned: q 0, Ctrl-C and
 * SIGINT 130, SIGHUP 129, SIGTERM 143 (src/process/exit-status.ts). Ctrl-Z and SIGTSTP
 * suspend (src/ui/hooks/use-job-control.ts). Keys come from `io.stdin`, a terminal
 * (stdin, or /dev/tty: src/process/controlling-terminal.ts), through src/ui/filtered-stdin.ts.
 */
import {inspect} from 'node:util';
import {render} from 'ink';
import type {Io} from '../modes/io.js';
import type {Options} from '../config/flags.js';
import type {FleetSource} from '../source.js';
import {signalExitStatus, type StopSignal} from '../process/exit-status.js';
import {terminalWriter} from '../output/terminal-writer.js';
import {prefersAscii, toAscii} from '../view/ascii.js';
import {App} from './app.js';
import type {TerminalInput} from '../process/controlling-terminal.js';
import {FilteredStdin} from './filtered-stdin.js';
import {createMouseFeed} from './hooks/use-mouse.js';
import {MOUSE_TRACKING} from '../view/mouse-report.js';
import {openRecording} from '../modes/recording.js';
import {exportFolder} from '../config/export-path.js';

/** How the live view renders; the benchmarks render with the same. */
export const LIVE_RENDER_OPTIONS = {
	// The caller has checked that stdout is a terminal; a CI variable in the environment
	// (Ink's own guess) must not turn the live view into a single frame at exit.
	interactive: true,
	alternateScreen: true,
	// Ink writes whole frames; the terminal writer (src/output/terminal-writer.ts) sends only the cells that changed.
	incrementalRendering: false,
	maxFps: 15,
	// Ctrl-C is the keymap's (use-keymap.ts), which exits 130 as a SIGINT would; Ink's own exits 0.
	exitOnCtrlC: false,
	patchConsole: true,
} as const;

export async function runLive(options: Options, source: FleetSource, io: Io): Promise<number> {
	const writer = terminalWriter(io.stdout as NodeJS.WriteStream, {
		transform: prefersAscii(options.ascii, io.env) ? toAscii : undefined,
		// Mouse tracking only while the alternate screen is up: the writer sets and unsets it with the screen.
		modes: options.mouse ? MOUSE_TRACKING : undefined,
	});
	const stdout = writer.stream;
	// Ink reads the terminal through the input filter: mouse reports never reach it as keys. With
	// --mouse the reports taken out are clicks and the wheel; without it they are dropped.
	const mouse = options.mouse ? createMouseFeed() : undefined;
	const stdin = new FilteredStdin(io.stdin as TerminalInput, {onReport: mouse?.emit});
	const recording = openRecording(options, io.env, source.client.baseUrl, 'live view');
	const recorder = recording.recorder;
	const history = recording.readBack();
	const instance = render(
		<App
			client={source.client}
			fetch={source.fetch}
			label={source.label}
			keySource={source.keySource}
			credential={source.credential}
			intervalMs={options.intervalMs}
			staleAfterMs={options.staleAfterMs}
			lingerMs={options.lingerMs}
			bell={options.bell ? () => stdout.write('\u0007') : undefined}
			exportDirectory={exportFolder(options.exportDirectory, io.env)}
			options={options}
			record={recorder ? state => recorder.record(state) : undefined}
			historyNotice={recording.notice}
			history={history}
			mouse={mouse}
		/>,
		{
			...LIVE_RENDER_OPTIONS,
			stdout,
			stdin: stdin as unknown as NodeJS.ReadStream,
			stderr: io.stderr,
		},
	);

	let crash: unknown;
	const onCrash = (error: unknown) => {
		crash ??= error;
		instance.unmount();
	};

	// After an ssh drop the terminal is gone and writes fail: that ends the view, it must not crash it.
	const onWriteError = () => instance.unmount();
	io.stdout.on('error', onWriteError);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	let stoppedBy: StopSignal | undefined;
	void io.stopSignal.then(signal => {
		stoppedBy = signal;
		instance.unmount();
	});
	let status: unknown;
	try {
		// What the App exited with (app.tsx): 0 for q, 130 for Ctrl-C.
		status = await instance.waitUntilExit();
	} catch (error) {
		crash ??= error;
	} finally {
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		io.stdout.off('error', onWriteError);
		writer.dispose();
		// Keys typed while the process winds down (closing the source) are the shell's: stop reading them.
		stdin.close();
	}

	// After the screen is restored, so its one line is not lost in the alternate screen.
	history?.close();
	const closing = recorder?.close();
	if (closing) io.stderr.write(`letta-fleet: ${closing}\n`);

	if (crash !== undefined) {
		const message = crash instanceof Error ? (crash.stack ?? crash.message) : inspect(crash);
		io.stderr.write(`letta-fleet crashed: ${message}\n`);
		return 1;
	}

	if (stoppedBy) {
		return signalExitStatus(stoppedBy);
	}

	return typeof status === 'number' ? status : 0;
}
