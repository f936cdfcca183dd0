/**
 * Where the live view reads keys: standard input when it is a terminal; otherwise (a pipe,
 * /dev/null, a file) the controlling terminal, opened as less and fzf do, so
 * `echo x | letta-fleet` and `letta-fleet < /dev/null` still take keys. Without any terminal
 * (under setsid, in CI) there is nothing to read keys from, and the caller shows the table once.
 */
import {closeSync, openSync} from 'node:fs';
import tty from 'node:tty';

/** The terminal's input as Node gives it (process.stdin on a terminal, or a tty.ReadStream on /dev/tty). */
export type TerminalInput = NodeJS.ReadableStream & {
	setRawMode: (mode: boolean) => unknown;
	ref?: () => unknown;
	unref?: () => unknown;
};

/** The controlling terminal's device (POSIX). Windows has none: opening it fails, and the table is shown once. */
export const CONTROLLING_TERMINAL = '/dev/tty';

/** The terminal keys come from, and how to let go of it. */
export type Keyboard = {
	input: TerminalInput;
	/** Closes what was opened here (never stdin), so nothing keeps the process alive. */
	close: () => void;
};

/**
 * Standard input if it is a terminal; else the controlling terminal, opened for reading.
 * Returns `{problem}` (why there is no terminal, a few words: `stdin is not one, /dev/tty: ENXIO`) instead of
 * throwing: opening /dev/tty fails with ENXIO without a controlling terminal, ENOENT where
 * there is no such device.
 */
export function openKeyboard(
	stdin: NodeJS.ReadableStream,
	device = CONTROLLING_TERMINAL,
): Keyboard | {problem: string} {
	if (isTerminal(stdin)) {
		return {input: stdin, close() {}};
	}

	let fd: number;
	try {
		fd = openSync(device, 'r');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'failed';
		return {problem: `stdin is not one, ${device}: ${code}`};
	}

	if (!tty.isatty(fd)) {
		closeSync(fd);
		return {problem: `stdin is not one, nor is ${device}`};
	}

	const input = new tty.ReadStream(fd);
	return {
		input,
		close() {
			input.destroy();
		},
	};
}

/** Whether a stream is a terminal whose raw mode can be set, as Ink requires of its stdin. */
export function isTerminal(stream: NodeJS.ReadableStream): stream is TerminalInput {
	const candidate = stream as {isTTY?: unknown; setRawMode?: unknown};
	return candidate.isTTY === true && typeof candidate.setRawMode === 'function';
}
