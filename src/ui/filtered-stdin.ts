/**
 * The stream Ink reads keys from: the terminal's input (stdin, or /dev/tty) through the input
 * filter (src/view/input-filter.ts), which takes mouse reports out and holds an escape sequence
 * cut between reads until its rest arrives.
 *
 * To Ink it is a terminal (`isTTY`, `setRawMode`, `ref`/`unref`, all passed to the real one), so
 * raw mode, bracketed paste and Ink's suspend and resume (src/ui/hooks/use-job-control.ts) work
 * as on the terminal itself. It reads the terminal only once Ink asks for input, and stops when
 * Ink stops reading (backpressure), so nothing piles up while the view is suspended.
 *
 * The wait for a held sequence's rest counts only time the process ran: a timer that fires well
 * past its time means the process was stopped (Ctrl-Z, SIGSTOP), and the wait starts again
 * instead of giving the sequence up; and nothing is given up before the input that arrived
 * meanwhile (while stopped, or while the loop was busy) has been read. After `fg` a report cut
 * before the stop is still a report, never keys.
 */
import type {TerminalInput} from '../process/controlling-terminal.js';
import {Readable} from 'node:stream';
import type {Clock} from '../poller/poller.js';
import {createInputFilter} from '../view/input-filter.js';
import type {MouseReport} from '../view/mouse-report.js';

/**
 * How long a cut escape sequence or mouse report waits for its rest (ms of running time) before
 * it is given up: a lone `Esc` then passes to Ink (which adds its own 20 ms), a report's start is
 * dropped. Neovim's default `ttimeoutlen`; a report split by ssh or tmux arrives well within it.
 */
export const HOLD_MS = 50;

/**
 * How long a bracketed paste may go without a byte before its end is taken to be lost (ms of
 * running time). Ink holds every byte after `ESC[200~` until `ESC[201~`, so a stray start marker
 * would leave the view deaf to every key, `q` and `Ctrl-C` included; after this the paste is ended
 * for Ink (handed over as a paste: ignored outside the filter) and keys act again. A terminal sends
 * a paste in one burst; the wait is long so that a slow link's pause does not cut a real one.
 */
export const PASTE_IDLE_MS = 3000;

/**
 * A wait's timer this late (ms past its time) did not run its course: the process was stopped
 * (Ctrl-Z, SIGSTOP; a person's `fg` takes far longer) and the wait starts again. A loop merely
 * busy for less (a big frame) needs no new wait: what arrived meanwhile is read first anyway.
 */
const LATE_MS = 250;

/** Time that only moves forward: a wall clock set back (NTP) must not look like a late timer. */
const monotonicClock: Clock = {
	// The global performance: the same clock as node:perf_hooks', without loading that module (and its histograms)
	// with the live view.
	now: () => performance.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout),
};

export type FilteredStdinOptions = {
	/** Time for the hold (monotonic ms); tests pass a fake clock. */
	clock?: Clock;
	/**
	 * Each mouse report taken out, with when it was read (ms on `clock`, which a double-click is timed on). The live
	 * view passes one only with `--mouse`; without it reports are dropped.
	 */
	onReport?: (report: MouseReport, at: number) => void;
};

/** Ink's stdin: the terminal's input without mouse reports (see the file's comment). */
export class FilteredStdin extends Readable {
	/** Ink takes a stream for a terminal only if this is exactly `true`. */
	readonly isTTY = true;
	readonly #source: TerminalInput;
	readonly #filter = createInputFilter();
	readonly #clock: Clock;
	readonly #onReport: ((report: MouseReport, at: number) => void) | undefined;
	#timer: unknown;
	#decision: NodeJS.Immediate | undefined;
	#reading = false;

	constructor(source: TerminalInput, options: FilteredStdinOptions = {}) {
		super();
		this.#source = source;
		this.#clock = options.clock ?? monotonicClock;
		this.#onReport = options.onReport;
	}

	/** Passed to the terminal; returns this, as tty.ReadStream does. */
	setRawMode(mode: boolean): this {
		this.#source.setRawMode(mode);
		return this;
	}

	ref(): this {
		this.#source.ref?.();
		return this;
	}

	unref(): this {
		this.#source.unref?.();
		return this;
	}

	/** Stops reading the terminal (keys typed from now on are the shell's) and gives up what is held. */
	close(): void {
		this.#clearTimer();
		this.#source.off('data', this.#take);
		this.#source.off('end', this.#end);
		this.#source.off('error', this.#end);
		this.#source.pause();
		this.#reading = false;
	}

	override _read(): void {
		if (!this.#reading) {
			this.#reading = true;
			this.#source.on('data', this.#take);
			// A terminal that hangs up (or fails to read) ends the input; the view's end is the SIGHUP's.
			this.#source.on('end', this.#end);
			this.#source.on('error', this.#end);
		}

		this.#source.resume();
	}

	override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
		this.close();
		callback(error);
	}

	readonly #take = (chunk: Buffer | string) => {
		const out = this.#filter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
		if (this.#onReport && out.reports.length > 0) {
			const at = this.#clock.now();
			for (const report of out.reports) this.#onReport(report, at);
		}

		this.#clearTimer();
		if (this.#filter.pasting()) this.#wait(PASTE_IDLE_MS, () => this.#filter.endPaste());
		else if (this.#filter.holding()) this.#wait(HOLD_MS, () => this.#filter.expire());
		if (out.bytes.length > 0 && !this.push(out.bytes)) this.#source.pause();
	};

	readonly #end = () => {
		this.close();
		this.push(null);
	};

	/** Waits `ms` of running time for more input, then passes on what `giveUp` returns. */
	#wait(ms: number, giveUp: () => Buffer): void {
		const setAt = this.#clock.now();
		this.#timer = this.#clock.setTimeout(() => {
			this.#timer = undefined;
			const late = this.#clock.now() - setAt - ms;
			// Node runs timers before it reads input: input that arrived while the process was stopped
			// or busy is still unread. Decide after the loop has read it (an immediate runs after I/O).
			this.#decision = setImmediate(() => {
				this.#decision = undefined;
				if (late > LATE_MS) {
					// Stopped meanwhile: that time was not waiting. Wait again, on time the process runs.
					this.#wait(ms, giveUp);
					return;
				}

				const rest = giveUp();
				if (rest.length > 0) this.push(rest);
			});
		}, ms);
	}

	#clearTimer(): void {
		if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
		if (this.#decision !== undefined) clearImmediate(this.#decision);
		this.#timer = undefined;
		this.#decision = undefined;
	}
}
