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
import {useLayoutEffect, type ReactNode} from 'react';
import {render} from 'ink';
import type {Io} from '../modes/io.js';
import type {Options} from '../config/flags.js';
import type {FleetSource} from '../source.js';
import type {FleetState} from '../fleet/reducer.js';
import {signalExitStatus, type StopSignal} from '../process/exit-status.js';
import {createRowOverlay} from '../output/row-overlay.js';
import {terminalWriter} from '../output/terminal-writer.js';
import {RowOverlayContext} from './components/row-overlay-context.js';
import {prefersAscii, toAscii} from '../view/ascii.js';
import {App} from './app.js';
import {firstFrame} from './first-frame.js';
import type {TerminalInput} from '../process/controlling-terminal.js';
import {FilteredStdin} from './filtered-stdin.js';
import {createMouseFeed} from './hooks/use-mouse.js';
import {MOUSE_TRACKING} from '../view/mouse-report.js';
import {openRecording, type Recording} from '../modes/recording.js';
import type {LiveHistory} from '../history/live-history.js';
import type {PickerContext} from './components/context-picker.js';
import type {Flash} from '../view/view-state.js';
import {maskUrl} from '../api/url-mask.js';
import {exportFolder} from '../config/export-path.js';

/** How the live view renders; the benchmarks render with the same. */
export const LIVE_RENDER_OPTIONS = {
	// The caller has checked that stdout is a terminal; a CI variable in the environment
	// (Ink's own guess) must not turn the live view into a single frame at exit.
	interactive: true,
	alternateScreen: true,
	// Ink writes whole frames; the terminal writer (src/output/terminal-writer.ts) sends only the cells that changed.
	incrementalRendering: false,
	// Ink throttles rendering and, separately, writing; a frame written up to 1000 / maxFps ms after it was rendered
	// would show the table's rows (drawn after each commit, output/row-overlay.ts) ahead of the rest of the screen.
	// React batches the commits of a turn and the terminal writer sends one write a turn, so a 1 ms throttle costs
	// nothing at idle and keeps every frame whole.
	maxFps: 1000,
	// Ctrl-C is the keymap's (use-keymap.ts), which exits 130 as a SIGINT would; Ink's own exits 0.
	exitOnCtrlC: false,
	patchConsole: true,
} as const;

/**
 * How the live view switches contexts (`x`, among options.contexts): opens the source of one by
 * name (cli.ts: openFleetSource with that context, its first pass started). `open` rejects with a
 * UsageError (a key file gone, a variable unset), which the view shows.
 */
export type ContextSwitcher = {
	open: (name: string) => Promise<FleetSource>;
};

/** Tells `onUnmount` when Ink unmounts the view (q, a signal, a crash): a render after that would mount it anew. */
function Mounted({onUnmount, children}: {onUnmount: () => void; children: ReactNode}): ReactNode {
	useLayoutEffect(() => onUnmount, [onUnmount]);
	return children;
}

/**
 * Polls a view may reduce before its history file is open, at most: the file opens in the turn after the first frame,
 * so one (the first pass) is the most that waits; a bound all the same, as each holds a whole fleet state.
 */
const MAX_WAITING_POLLS = 8;

/**
 * What one context's view runs on: its source, its recording, its history read back. The first context's file is
 * opened after its first frame (creating it, writing its schema and syncing took 10-20 ms of a launch's wall time):
 * until then `recording` and `history` are undefined and the polls reduced wait in `waiting`, so a kill before the
 * open loses at most those. `notice` is the history's line beside the label (recording off, a file set aside).
 */
type Watched = {
	source: FleetSource;
	generation: number;
	recording: Recording | undefined;
	history: LiveHistory | undefined;
	notice: string | undefined;
	waiting: FleetState[];
};

export async function runLive(
	options: Options,
	source: FleetSource,
	io: Io,
	switcher?: ContextSwitcher,
): Promise<number> {
	// The table's rows are drawn beside Ink, straight into the writer's model (output/row-overlay.ts).
	const overlay = createRowOverlay();
	const writer = terminalWriter(io.stdout as NodeJS.WriteStream, {
		overlay,
		transform: prefersAscii(options.ascii, io.env) ? toAscii : undefined,
		// Mouse tracking only while the alternate screen is up: the writer sets and unsets it with the screen.
		modes: options.mouse ? MOUSE_TRACKING : undefined,
	});
	const stdout = writer.stream;
	// Ink reads the terminal through the input filter: mouse reports never reach it as keys. With
	// --mouse the reports taken out are clicks and the wheel; without it they are dropped.
	const mouse = options.mouse ? createMouseFeed() : undefined;
	const stdin = new FilteredStdin(io.stdin as TerminalInput, {onReport: mouse?.emit});
	const watch = (watched: FleetSource, generation: number): Watched => ({
		source: watched,
		generation,
		recording: undefined,
		history: undefined,
		notice: undefined,
		waiting: [],
	});
	// Opens a context's history file once, and records the polls reduced before it opened.
	const openHistory = (watched: Watched): void => {
		if (watched.recording) return;
		const recording = openRecording(options, io.env, watched.source.client.baseUrl, 'live view');
		watched.recording = recording;
		watched.history = recording.readBack();
		let stopped: string | undefined;
		for (const state of watched.waiting.splice(0)) stopped ??= recording.recorder?.record(state);
		watched.notice = stopped ?? recording.notice;
	};

	// The picker's list: names and base URLs, a password in one masked.
	const contexts: PickerContext[] | undefined = switcher
		? options.contexts.map(context => ({name: context.name, host: maskUrl(context.baseUrl)}))
		: undefined;
	let current = watch(source, 0);
	// Only the first context's first frame: a switched-to context starts as it always did.
	const first = await firstFrame(source);
	let notice: Flash | undefined;
	let switching = false;
	const record = (watched: Watched, state: FleetState): string | undefined => {
		// A poll the old view finishes after a switch is not recorded as the new context's.
		if (watched.generation !== current.generation) return undefined;
		if (watched.recording) return watched.recording.recorder?.record(state);
		if (watched.waiting.length < MAX_WAITING_POLLS) watched.waiting.push(state);
		return undefined;
	};
	const view = (watched: Watched) => {
		// A new key per context: the view starts over (fleet state, panes, time travel) and its poller with it.
		return (
			<Mounted onUnmount={onUnmount}>
				<RowOverlayContext value={overlay}>
					<App
						key={watched.generation}
						client={watched.source.client}
						fetch={watched.source.fetch}
						firstSnapshot={watched.generation === 0 ? first.snapshot : undefined}
						firstPage={watched.generation === 0 ? first.page : undefined}
						label={watched.source.label}
						keySource={watched.source.keySource}
						credential={watched.source.credential}
						intervalMs={options.intervalMs}
						staleAfterMs={options.staleAfterMs}
						lingerMs={options.lingerMs}
						bell={options.bell ? () => stdout.write('\u0007') : undefined}
						exportDirectory={exportFolder(options.exportDirectory, io.env)}
						options={options}
						record={state => record(watched, state)}
						historyNotice={watched.notice}
						history={watched.history}
						contexts={contexts}
						context={watched.source.context}
						switchContext={switcher ? switchContext : undefined}
						notice={notice}
						mouse={mouse}
					/>
				</RowOverlayContext>
			</Mounted>
		);
	};
	// A view shown again (a switch, the history opened) only while Ink has it mounted: else it would start anew, its
	// poller keeping the process alive after q.
	let unmounted = false;
	const onUnmount = () => {
		unmounted = true;
	};
	const show = () => {
		if (!unmounted) instance.rerender(view(current));
	};

	function switchContext(name: string): void {
		if (!switcher || switching) return;
		switching = true;
		notice = {text: `switching to ${name}…`, at: Date.now(), tone: 'info'};
		show();
		switcher.open(name).then(
			next => {
				const old = current;
				// Ended before the new one opens the same file.
				const closing = old.recording?.recorder?.close();
				current = watch(next, old.generation + 1);
				openHistory(current);
				notice = closing ? {text: closing, at: Date.now(), tone: 'error'} : undefined;
				show();
				old.history?.close();
				// The first source is cli.ts's to close; a switched-to one is this view's.
				if (old.source !== source) void old.source.close();
				switching = false;
			},
			(error: unknown) => {
				notice = {text: `cannot switch to ${name}: ${(error as Error).message}`, at: Date.now(), tone: 'error'};
				show();
				switching = false;
			},
		);
	}

	const instance = render(view(current), {
		...LIVE_RENDER_OPTIONS,
		stdout,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stderr: io.stderr,
	});
	// The first frame is written (the writer flushes on the next tick); the history file opens after it.
	const firstContext = current;
	const opening = setImmediate(() => {
		openHistory(firstContext);
		if (current === firstContext) show();
	});

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

	// After the screen is restored, so its one line is not lost in the alternate screen. A view ended before its
	// file opened (a signal in the first turns) still records its first poll.
	clearImmediate(opening);
	openHistory(current);
	current.history?.close();
	const closing = current.recording?.recorder?.close();
	if (closing) io.stderr.write(`letta-fleet: ${closing}\n`);
	if (current.source !== source) await current.source.close();

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
