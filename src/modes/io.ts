/** The process's streams and environment, passed in so that tests can capture them. */
export type Io = {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	stdin: NodeJS.ReadableStream;
	env: NodeJS.ProcessEnv;
	/** Terminal width when stdout is a terminal. */
	columns: number | undefined;
	isTTY: boolean;
	/** Resolves on SIGINT, SIGTERM or SIGHUP. */
	stopSignal: Promise<string>;
};
