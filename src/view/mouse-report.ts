/**
 * Mouse reports as terminals send them, read from raw input bytes. Pure: no Node stream, no Ink.
 *
 * The live view turns mouse tracking on only with `--mouse` (MOUSE_TRACKING), but a terminal or tmux can send
 * reports anyway (a crashed program left tracking on, tmux's mouse mode): `input-filter.ts` takes them out of the
 * input before Ink sees them, so none of their bytes is ever read as a key; with `--mouse`, `mouse-gesture.ts` reads
 * the SGR ones as clicks and the wheel. The encodings, as
 * xterm's ctlseqs ("Mouse Tracking") defines them:
 * - X10/normal: `ESC [ M Cb Cx Cy`, each one byte of value + 32 (so a byte >= 32, >= 128 past
 *   column or row 95);
 * - UTF-8 (mode 1005): the same, a value past 95 sent as a two-byte UTF-8 character;
 * - SGR (mode 1006): `ESC [ < Cb ; Cx ; Cy M` (press) or `m` (release), decimal, no offset;
 * - urxvt (mode 1015): `ESC [ Cb ; Cx ; Cy M`, decimal, Cb + 32.
 */

/**
 * The modes `--mouse` sets while the live view is on the alternate screen, and unsets as it leaves
 * (src/output/terminal-writer.ts follows the alternate screen with them): 1000 reports presses and
 * releases (and the wheel, as buttons 64 and 65), 1006 encodes them as SGR, decimal and unbounded by
 * 223 columns. Motion (1002, 1003) is not asked for: nothing in the view follows a drag.
 * Source: xterm's ctlseqs, "Mouse Tracking".
 */
export const MOUSE_TRACKING = {on: '\u001B[?1000h\u001B[?1006h', off: '\u001B[?1006l\u001B[?1000l'} as const;

/** One mouse report, decoded. */
export type MouseReport = {
	/** How it was encoded: `x10` (one byte a value), `utf8` (1005), `sgr` (1006), `urxvt` (1015). */
	encoding: 'x10' | 'utf8' | 'sgr' | 'urxvt';
	/**
	 * The button code without its +32 offset, as xterm sends it: the low two bits are the button
	 * (3 a release in X10), +4 Shift, +8 Meta, +16 Ctrl, +32 motion, +64 wheel, +128 buttons 8-11.
	 */
	code: number;
	/** Cell column, 1 at the left edge. */
	column: number;
	/** Cell row, 1 at the top. */
	row: number;
	/** Whether SGR said this is a release (`m`); X10 and urxvt say so with button 3 in `code`. */
	release: boolean;
};

/** What reading a report at a position found. */
export type ReportScan =
	| {kind: 'report'; report: MouseReport; end: number}
	/** The bytes so far are a report's start beyond doubt; its rest has not arrived. */
	| {kind: 'partial'}
	/** Not a report (`end` is unused). */
	| {kind: 'none'};

const ESC = 0x1b;
const BRACKET = 0x5b;
const M = 0x4d;
const LOWER_M = 0x6d;
const LESS_THAN = 0x3c;
const SEMICOLON = 0x3b;

/**
 * Decimal digits an SGR number may have: more than any screen's cells (or pixels, mode 1016); a longer one is not a
 * report.
 */
export const MAX_SGR_DIGITS = 6;

/**
 * The X10 or UTF-8 (1005) report at `start` (which holds `ESC [ M`), or `partial` if the input
 * ends inside it. A byte below 32 where a value belongs means this is no report.
 *
 * A value byte from 0xC2 to 0xDF followed by a UTF-8 continuation byte (0x80-0xBF) is read as one
 * 1005 value; X10 would read two (a column and a row past 130 and 95). Either way no byte of the
 * report is left to be read as a key: a key never starts with a continuation byte. So a report
 * whose last value is such a lead byte waits for the next byte before it is known to be whole.
 */
export function scanX10(input: Uint8Array, start: number): ReportScan {
	let position = start + 3;
	const values: number[] = [];
	let utf8 = false;
	while (values.length < 3) {
		if (position >= input.length) return {kind: 'partial'};
		const byte = input[position]!;
		if (byte < 0x20) return {kind: 'none'};
		if (byte >= 0xc2 && byte <= 0xdf) {
			if (position + 1 >= input.length) return {kind: 'partial'};
			const next = input[position + 1]!;
			if (next >= 0x80 && next <= 0xbf) {
				values.push(((byte & 0x1f) << 6) | (next & 0x3f));
				utf8 = true;
				position += 2;
				continue;
			}
		}

		values.push(byte);
		position += 1;
	}

	const [code, column, row] = values as [number, number, number];
	return {
		kind: 'report',
		report: {encoding: utf8 ? 'utf8' : 'x10', code: code - 32, column: column - 32, row: row - 32, release: false},
		end: position,
	};
}

/**
 * The SGR (1006) report at `start` (which holds `ESC [ <`), `partial` if the input ends inside
 * one, or `none` if a byte rules it out (the caller then reads it as any other CSI sequence).
 */
export function scanSgr(input: Uint8Array, start: number): ReportScan {
	const numbers = readNumbers(input, start + 3, MAX_SGR_DIGITS);
	if (numbers.kind !== 'numbers') return numbers;
	const final = input[numbers.end];
	if (numbers.values.length !== 3 || (final !== M && final !== LOWER_M)) return {kind: 'none'};
	const [code, column, row] = numbers.values as [number, number, number];
	return {
		kind: 'report',
		report: {encoding: 'sgr', code, column, row, release: final === LOWER_M},
		end: numbers.end + 1,
	};
}

/**
 * The urxvt (1015) report that the complete CSI sequence `input[start, end)` is, or null.
 * Three decimal numbers and `M`: no key is sent that way.
 */
export function urxvtReport(input: Uint8Array, start: number, end: number): MouseReport | null {
	if (input[start] !== ESC || input[start + 1] !== BRACKET || input[end - 1] !== M) return null;
	const numbers = readNumbers(input, start + 2, MAX_SGR_DIGITS);
	if (numbers.kind !== 'numbers' || numbers.end !== end - 1 || numbers.values.length !== 3) return null;
	const [code, column, row] = numbers.values as [number, number, number];
	return {encoding: 'urxvt', code: code - 32, column, row, release: false};
}

/** Up to three `;`-separated decimal numbers of 1 to `maxDigits` digits from `position`, and where they end. */
function readNumbers(
	input: Uint8Array,
	position: number,
	maxDigits: number,
): {kind: 'numbers'; values: number[]; end: number} | {kind: 'partial'} | {kind: 'none'} {
	const values: number[] = [];
	let digits = 0;
	let value = 0;
	for (; position < input.length; position++) {
		const byte = input[position]!;
		if (byte >= 0x30 && byte <= 0x39) {
			if (++digits > maxDigits) return {kind: 'none'};
			value = value * 10 + (byte - 0x30);
			continue;
		}

		if (digits === 0) return {kind: 'none'};
		values.push(value);
		if (byte !== SEMICOLON) return {kind: 'numbers', values, end: position};
		if (values.length === 3) return {kind: 'none'};
		digits = 0;
		value = 0;
	}

	return {kind: 'partial'};
}

/**
 * The bytes that open an X10/1005 report (`ESC [ M`) or an SGR one (`ESC [ <`) at `start`: a report's start beyond
 * doubt.
 */
export function opensReport(input: Uint8Array, start: number): 'x10' | 'sgr' | null {
	if (input[start] !== ESC || input[start + 1] !== BRACKET) return null;
	if (input[start + 2] === M) return 'x10';
	if (input[start + 2] === LESS_THAN) return 'sgr';
	return null;
}
