import type {StopSignal} from '../process/exit-status.js';

/** The process's streams and environment, passed in so that tests can capture them. */
export type Io = {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	stdin: NodeJS.ReadableStream;
	env: NodeJS.ProcessEnv;
	/** Terminal width when stdout is a terminal. */
	columns: number | undefined;
	isTTY: boolean;
	/**
	 * Resolves on SIGINT, SIGTERM or SIGHUP, with its name; the mode then exits with its status
	 * (src/process/exit-status.ts).
	 */
	stopSignal: Promise<StopSignal>;
	/**
	 * Sets V8 flags in this process (`v8.setFlagsFromString`, src/process/v8-flags.ts says which and
	 * why). Only the real process has it: tests' Io leaves it out, so nothing changes the test runner's heap.
	 */
	setV8Flags?: (flags: readonly string[]) => void;
};

/**
 * Writes `text` to stdout and waits until it is out. Returns the exit code:
 * 0, also when the reader closed the pipe (`| head` read enough); 1 with one
 * line on stderr for any other failure (a full disk).
 */
export async function print(io: Io, text: string): Promise<number> {
	const failure = await new Promise<NodeJS.ErrnoException | null | undefined>(resolve => {
		io.stdout.once('error', resolve);
		io.stdout.write(text, resolve);
	});
	if (!failure || failure.code === 'EPIPE') {
		return 0;
	}

	io.stderr.write(`letta-fleet: could not write the output: ${failure.code ?? failure.message}\n`);
	return 1;
}
