/**
 * The filter between the terminal and Ink's input parser: takes mouse reports out of the raw
 * bytes, and holds an escape sequence cut between two reads until its rest arrives. Pure: bytes
 * in, bytes and reports out; the wait for a held sequence's rest is the caller's
 * (`src/ui/filtered-stdin.ts`).
 *
 * Why before Ink rather than after: Ink 8's parser (ink/build/input-parser.js) reads `ESC [ M` as
 * a whole CSI sequence and hands the report's three value bytes on as typed text (`ESC[M#!1`
 * would be the keys `#`, `!`, `1`; a value byte can be `q`), and it decodes UTF-8 first, so a
 * value byte past 127 is lost in a U+FFFD or glued to the next byte. Only the bytes tell a report
 * from keys. Ink also flushes a sequence cut between reads after 20 ms of wall-clock time, as keys
 * (`ESC[<0;1` then `2;5M` would be Esc and eleven typed characters); here a cut sequence is held
 * whole, and the caller's wait counts only time the process ran.
 *
 * What passes is exactly the input without its reports: keys, escape sequences, bracketed pastes
 * (passed untouched from `ESC[200~` to `ESC[201~`, up to MAX_PASTE_BYTES) and type-ahead keep
 * every byte and their order.
 */
import {type MouseReport, opensReport, scanSgr, scanX10, urxvtReport} from './mouse-report.js';

const ESC = 0x1b;
const BRACKET = 0x5b;
const SS3 = 0x4f;
const DOLLAR = 0x24;
const PASTE_START = Buffer.from('\u001B[200~');
const PASTE_END = Buffer.from('\u001B[201~');

/**
 * The longest escape sequence held while its rest is awaited (bytes). Keys and reports are far
 * shorter (an SGR report is at most 27); a longer run without a final byte is no sequence a
 * terminal sends, and passes on as it is rather than growing the hold.
 */
export const MAX_HELD_BYTES = 64;

/**
 * The longest bracketed paste passed on (bytes). Ink keeps a paste whole in memory until its end,
 * and re-reads it all with every read; nothing in the live view takes more than a filter's worth
 * of text. A longer paste is ended for Ink at this length (handed over as a paste, never as keys)
 * and the rest, up to its end marker, dropped.
 */
export const MAX_PASTE_BYTES = 64 * 1024;

export type FilterOutput = {
	/** What Ink may read: the input without its reports. */
	bytes: Buffer;
	/** The reports taken out, in order. */
	reports: MouseReport[];
};

export type InputFilter = {
	/** Takes the next bytes read from the terminal. */
	push: (chunk: Uint8Array) => FilterOutput;
	/** Whether the end of the input so far is held: an escape sequence waiting for its rest. */
	holding: () => boolean;
	/**
	 * The held bytes' rest is taken not to be coming: returns what to pass on. A report's start
	 * beyond doubt (`ESC [ M`, `ESC [ <`) is dropped, since read as keys its bytes would run
	 * commands; anything else (a lone `Esc`, a cut key sequence) passes on as it came, for Ink.
	 */
	expire: () => Buffer;
	/**
	 * Whether a bracketed paste is open: its start marker passed, its end not yet (also while the rest of one cut short
	 * is dropped).
	 */
	pasting: () => boolean;
	/**
	 * The open paste's end is taken not to be coming (a stray `ESC[200~`, or an end lost): returns
	 * the end marker to pass on, so that Ink, which holds all input until a paste ends, hands the
	 * paste over (as a paste, never as keys) and reads keys again.
	 */
	endPaste: () => Buffer;
};

/** What the escape sequence at a position is. */
type Scan =
	| {kind: 'pass'; end: number}
	| {kind: 'report'; report: MouseReport; end: number}
	| {kind: 'paste'; end: number}
	| {kind: 'hold'};

const HOLD: Scan = {kind: 'hold'};

/** Creates a filter for one input stream; it keeps what it holds and whether a paste is open. */
export function createInputFilter(): InputFilter {
	let held: Buffer = Buffer.alloc(0);
	// The bracketed paste that is open, if any: how many bytes of its end marker were matched so far,
	// how many bytes it has had, and whether it went past MAX_PASTE_BYTES (ended for Ink, its rest dropped).
	let paste: {endMatched: number; length: number; dropping: boolean} | undefined;

	/**
	 * Reads the open paste in `input` from `position`: returns where reading goes on (past its end
	 * marker, or the input's end) and the start of what passes from there (past anything dropped),
	 * pushing to `parts` what passes up to a cut.
	 */
	function readPaste(
		input: Buffer,
		position: number,
		from: number,
		parts: Buffer[],
	): {position: number; from: number} {
		const open = paste!;
		for (; position < input.length; position++) {
			const byte = input[position]!;
			if (byte === PASTE_END[open.endMatched]) {
				open.endMatched++;
				if (open.endMatched === PASTE_END.length) {
					paste = undefined;
					// A paste cut short already had its end marker; this one is dropped with the rest.
					return {position: position + 1, from: open.dropping ? position + 1 : from};
				}
			} else {
				// The marker holds only one ESC, at its start: a mismatch can restart only there.
				open.endMatched = byte === ESC ? 1 : 0;
			}

			if (!open.dropping && ++open.length > MAX_PASTE_BYTES) {
				parts.push(input.subarray(from, position), PASTE_END);
				open.dropping = true;
			}
		}

		return {position, from: open.dropping ? position : from};
	}

	return {
		push(chunk) {
			const input =
				held.length > 0
					? Buffer.concat([held, chunk])
					: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
			held = Buffer.alloc(0);
			const parts: Buffer[] = [];
			const reports: MouseReport[] = [];
			// The start of the run of bytes passed as they are.
			let from = 0;
			let position = 0;
			while (position < input.length) {
				if (paste) {
					({position, from} = readPaste(input, position, from, parts));
					continue;
				}

				const escape = input.indexOf(ESC, position);
				if (escape === -1) break;
				const scan = scanEscape(input, escape);
				if (scan.kind === 'hold') {
					parts.push(input.subarray(from, escape));
					held = Buffer.from(input.subarray(escape));
					return {bytes: Buffer.concat(parts), reports};
				}

				if (scan.kind === 'report') {
					parts.push(input.subarray(from, escape));
					reports.push(scan.report);
					from = scan.end;
				} else if (scan.kind === 'paste') {
					paste = {endMatched: 0, length: 0, dropping: false};
				}

				position = scan.end;
			}

			parts.push(input.subarray(from));
			return {bytes: Buffer.concat(parts), reports};
		},
		holding: () => held.length > 0,
		pasting: () => paste !== undefined,
		endPaste() {
			const open = paste;
			paste = undefined;
			// A paste cut short already had its end marker.
			return open && !open.dropping ? Buffer.from(PASTE_END) : Buffer.alloc(0);
		},
		expire() {
			const rest = held;
			held = Buffer.alloc(0);
			if (opensReport(rest, 0)) return Buffer.alloc(0);
			// Esc, then a report cut short: the Esc alone.
			if (rest[1] === ESC && opensReport(rest, 1)) return rest.subarray(0, 1);
			return rest;
		},
	};
}

/**
 * The escape sequence that starts at `start` (an ESC), as Ink's parser would cut it, with
 * reports told apart. `hold` when the input ends before it is known.
 */
function scanEscape(input: Buffer, start: number): Scan {
	if (start + 1 >= input.length) return HOLD;
	const next = input[start + 1]!;
	if (next === ESC) {
		// `ESC ESC [ A` is one key to Ink (Alt+↑); `ESC` and then a report is Esc and then the report.
		// Hold both while the second is undecided, so neither is flushed alone.
		if (start + 2 >= input.length) return HOLD;
		if (input[start + 2] === ESC) return {kind: 'pass', end: start + 1};
		const inner = scanEscape(input, start + 1);
		return inner.kind === 'hold' ? HOLD : {kind: 'pass', end: start + 1};
	}

	if (next === SS3) return scanSs3(input, start);
	// Esc followed by a key (Meta+key to Ink): the key is scanned as itself.
	if (next !== BRACKET) return {kind: 'pass', end: start + 1};
	if (start + 2 >= input.length) return HOLD;
	const opens = opensReport(input, start);
	if (opens) {
		const report = opens === 'x10' ? scanX10(input, start) : scanSgr(input, start);
		if (report.kind === 'report') return report;
		if (report.kind === 'partial') return HOLD;
		// `ESC [ M` and then a control byte: a cut report. Ink drops `ESC[M` (no key has it); what follows is scanned
		// as itself.
		if (opens === 'x10') return {kind: 'pass', end: start + 3};
	}

	return scanCsi(input, start);
}

/**
 * A CSI sequence (`ESC [ params intermediates final`), as Ink 8's parser delimits it (legacy `ESC[[A`, rxvt's
 * `ESC[2$`).
 */
function scanCsi(input: Buffer, start: number): Scan {
	const payload = start + 2;
	for (let position = payload; position < input.length; position++) {
		if (position - start >= MAX_HELD_BYTES) return {kind: 'pass', end: start + 1};
		const byte = input[position]!;
		if (byte === BRACKET && position === payload) continue;
		const rxvtShift =
			byte === DOLLAR && position === payload + 1 && '235678'.includes(String.fromCodePoint(input[payload]!));
		if (rxvtShift || (byte >= 0x40 && byte <= 0x7e)) {
			const end = position + 1;
			const report = urxvtReport(input, start, end);
			if (report) return {kind: 'report', report, end};
			if (end - start === PASTE_START.length && input.subarray(start, end).equals(PASTE_START))
				return {kind: 'paste', end};
			return {kind: 'pass', end};
		}

		// Not a CSI sequence after all: Ink reads the ESC on its own; the rest is scanned as itself.
		if (byte < 0x20 || byte > 0x3f) return {kind: 'pass', end: start + 1};
	}

	return HOLD;
}

/** An SS3 sequence (`ESC O`, optional digits and `;`, a final byte), as Ink 8's parser delimits it. */
function scanSs3(input: Buffer, start: number): Scan {
	for (let position = start + 2; position < input.length; position++) {
		if (position - start >= MAX_HELD_BYTES) return {kind: 'pass', end: start + 1};
		const byte = input[position]!;
		if (byte >= 0x40 && byte <= 0x7e) return {kind: 'pass', end: position + 1};
		if (byte !== 0x3b && (byte < 0x30 || byte > 0x39)) return {kind: 'pass', end: start + 1};
	}

	return HOLD;
}
