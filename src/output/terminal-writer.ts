/**
 * The one owner of the terminal while the live view is on the alternate
 * screen. Ink writes whole frames (incremental rendering off); the writer
 * applies them to a model of the screen (src/output/screen-model.ts) and, once
 * per turn of the event loop, sends the terminal only the cells that differ
 * from what it shows (src/output/screen-diff.ts), as one write. A resize, or
 * re-entering the alternate screen (which Ink does on resume and on Ctrl-L,
 * src/ui/hooks/use-job-control.ts), makes the terminal's screen unknown: the
 * next write clears it and draws every cell (after a resize, once it has
 * settled). Outside the alternate screen bytes pass through unchanged. An
 * optional transform (the ASCII fallback) applies to what Ink writes; optional
 * modes (mouse tracking) are set on entering the alternate screen and unset on
 * leaving it.
 */
import {type ScreenDiff, diffScreen, type TerminalState, unknownTerminal} from './screen-diff.js';
import {drawOverlay, type OverlayCellCache, type RowOverlay} from './row-overlay.js';
import {clearScreenModel, createScreenModel, feedScreen, resizeScreenModel, type ScreenModel} from './screen-model.js';

export type TerminalWriterOptions = {
	/** Applied to every chunk Ink writes (the ASCII fallback, src/view/ascii.ts). */
	transform?: (text: string) => string;
	/**
	 * Wrap a repaint, or any write over 1 KiB, in synchronized-output markers
	 * (`ESC[?2026h` … `ESC[?2026l`) so the terminal shows it at once. Terminals
	 * that do not know them (tmux before 3.5) drop them. Default true. The markers
	 * Ink writes itself are dropped: the writer decides.
	 */
	synchronizedOutput?: boolean;
	/**
	 * Terminal modes that hold only while the alternate screen does (`--mouse`'s tracking,
	 * src/view/mouse-report.ts's MOUSE_TRACKING): `on` is sent right after each entry, `off`
	 * right before each exit, so every way the screen is given back (quit, a signal, a crash,
	 * Ctrl-Z) turns them off and every way it is taken back (`fg`, Ctrl-L) turns them on.
	 */
	modes?: {on: string; off: string};
	/**
	 * Rows drawn beside Ink (src/output/row-overlay.ts): drawn over each of Ink's frames, and after each commit the
	 * overlay reports (a change of rows alone).
	 */
	overlay?: RowOverlay;
};

/** What the writer has sent (bytes are UTF-8). */
export type WriterStats = {
	bytes: number;
	writes: number;
	repaints: number;
	/** Cells that changed between frames, and the UTF-8 bytes of just their glyphs (the floor). */
	changedCells: number;
	changedBytes: number;
};

export type TerminalWriter<T> = {
	/** The stream to give Ink: `stream` with `write` taken over. */
	stream: T;
	/** Forget what the terminal shows: the next write repaints every cell. */
	invalidate: () => void;
	stats: WriterStats;
	/** Stops listening to the stream's resize events; sends at once what waited for a resize to settle. */
	dispose: () => void;
};

const ALTERNATE_SCREEN = /^\u001B\[\?(1049|1047|47)([hl])$/;
const SYNCHRONIZED = /^\u001B\[\?2026[hl]$/;
const BEGIN_SYNC = '\u001B[?2026h';
const END_SYNC = '\u001B[?2026l';
const SYNC_ABOVE_BYTES = 1024;
/**
 * How long after a resize the writer waits before it repaints (ms). Ink draws
 * at once, with the old tree laid out at the new width (taller than a shrunk
 * screen, so it scrolls the title away), and the app's own frame for the new
 * size follows once React has re-rendered for it; a drag sends a burst of
 * resizes. Only the frame standing at the end is sent.
 */
export const RESIZE_SETTLE_MS = 100;

type Sized = NodeJS.WritableStream & {columns?: number; rows?: number};

/** Takes over `stream.write`; see the module comment. */
export function terminalWriter<T extends Sized>(stream: T, options: TerminalWriterOptions = {}): TerminalWriter<T> {
	const transform = options.transform ?? ((text: string) => text);
	const synchronized = options.synchronizedOutput ?? true;
	const modes = options.modes;
	const overlay = options.overlay;
	const size = () => [stream.columns ?? 80, stream.rows ?? 24] as const;
	const model: ScreenModel = createScreenModel(...size());
	let terminal: TerminalState = unknownTerminal();
	// Whether we are on the alternate screen, which the writer owns.
	let owning = false;
	let out = '';
	// Whether what is drawn since the last diff still has to be sent.
	let drawn = false;
	let repainted = false;
	let callbacks: Array<(error?: Error | null) => void> = [];
	let scheduled = false;
	// Set while a resize settles: nothing is sent until it fires.
	let settling: NodeJS.Timeout | undefined;
	const stats: WriterStats = {bytes: 0, writes: 0, repaints: 0, changedCells: 0, changedBytes: 0};

	function sendDiff() {
		if (!owning || !drawn) return;
		drawn = false;
		drawRows();
		const diff: ScreenDiff = diffScreen(terminal, model.grid, model.table);
		out += diff.text;
		if (diff.repaint) {
			repainted = true;
			stats.repaints++;
		} else {
			stats.changedCells += diff.changedCells;
			stats.changedBytes += diff.changedBytes;
		}
	}

	function other(sequence: string) {
		if (SYNCHRONIZED.test(sequence)) return;
		// While a resize settles, what was drawn so far is not sent: the repaint after it draws the end state.
		if (!settling) sendDiff();
		const alternate = ALTERNATE_SCREEN.exec(sequence);
		if (alternate?.[2] === 'l' && owning && terminal.style !== 0) {
			// Leave the shell's screen in its default style.
			out += '\u001B[m';
		}

		if (alternate && modes) out += alternate[2] === 'h' ? sequence + modes.on : modes.off + sequence;
		else out += sequence;
		if (alternate) {
			owning = alternate[2] === 'h';
			terminal = unknownTerminal();
			if (owning) {
				clearScreenModel(model);
				drawn = true;
				overlayDue = true;
			}
		} else if (sequence === '\u001Bc') {
			terminal = unknownTerminal();
		}
	}

	function flush() {
		scheduled = false;
		if (settling) return;
		sendDiff();
		let text = out;
		if (synchronized && text !== '' && (repainted || text.length > SYNC_ABOVE_BYTES))
			text = BEGIN_SYNC + text + END_SYNC;
		out = '';
		repainted = false;
		const done = callbacks;
		callbacks = [];
		if (text === '' && done.length === 0) return;
		if (text !== '') {
			stats.bytes += Buffer.byteLength(text);
			stats.writes++;
		}

		stream.write(text, error => {
			for (const callback of done) callback(error);
		});
	}

	function schedule() {
		if (!scheduled && !settling) {
			scheduled = true;
			process.nextTick(flush);
		}
	}

	function write(chunk: unknown, encodingOrCallback?: unknown, maybeCallback?: unknown): boolean {
		const callback = [encodingOrCallback, maybeCallback].find(value => typeof value === 'function') as
			((error?: Error | null) => void) | undefined;
		feed(transform(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')));
		if (callback) callbacks.push(callback);
		schedule();
		return true;
	}

	function feed(text: string) {
		if (owning) {
			feedScreen(model, text, other);
			overlayDue = true;
			drawn = true;
			return;
		}

		// Not ours (before the alternate screen, or after it was left): passed on, but watched for its return.
		const match = /\u001B\[\?(1049|1047|47)h/.exec(text);
		if (!match) {
			out += text;
			return;
		}

		out += text.slice(0, match.index);
		other(match[0]);
		feed(text.slice(match.index + match[0].length));
	}

	// Drawn over each of Ink's frames, once, just before the cells that changed are found.
	let overlayCells: OverlayCellCache = new Map();
	let overlayDue = false;
	function drawRows() {
		if (!overlay || !overlayDue || !owning) return;
		overlayDue = false;
		const {region, lines} = overlay.current();
		overlayCells = drawOverlay(model, region, lines, overlayCells, transform);
	}

	overlay?.onChange(() => {
		overlayDue = true;
		if (!owning) return;
		drawn = true;
		schedule();
	});

	function invalidate() {
		terminal = unknownTerminal();
		drawn = true;
		schedule();
	}

	const onResize = () => {
		const [columns, rows] = size();
		resizeScreenModel(model, columns, rows);
		terminal = unknownTerminal();
		drawn = true;
		overlayDue = true;
		clearTimeout(settling);
		settling = setTimeout(settled, RESIZE_SETTLE_MS);
	};

	function settled() {
		settling = undefined;
		flush();
	}

	stream.on('resize', onResize);
	const proxy = new Proxy(stream, {
		get(target, property) {
			if (property === 'write') return write;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
	function dispose() {
		stream.off('resize', onResize);
		// What waited for a resize to settle (the alternate screen left at exit, say) goes now.
		if (settling) {
			clearTimeout(settling);
			settled();
		}
	}

	return {stream: proxy, invalidate, stats, dispose};
}
