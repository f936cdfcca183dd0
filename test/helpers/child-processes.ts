/** Child processes a test starts (Prometheus, the exporter), with their last output kept, and a free port. */
import type {ChildProcess} from 'node:child_process';
import {createServer} from 'node:net';

/** A child and its last 8 000 characters of stdout and stderr together, for a failure's message. */
export type TrackedChild = {child: ChildProcess; output: () => string};

/**
 * Keeps every child handed to `track`, to read their output, and `stopAll` ends those still
 * running (SIGTERM, then waits for each to exit).
 */
export function childTracker(): {
	track: (child: ChildProcess) => TrackedChild;
	children: TrackedChild[];
	stopAll: () => Promise<void>;
} {
	const children: TrackedChild[] = [];
	const track = (child: ChildProcess): TrackedChild => {
		let output = '';
		const keep = (chunk: Buffer) => (output = (output + String(chunk)).slice(-8000));
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		const tracked = {child, output: () => output};
		children.push(tracked);
		return tracked;
	};

	const stopAll = async (): Promise<void> => {
		for (const {child} of children) {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise(resolve => child.once('exit', resolve));
				child.kill('SIGTERM');
				await exited;
			}
		}
	};

	return {track, children, stopAll};
}

/** A port free a moment ago (Prometheus takes no port 0 for its web server). */
export async function freePort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
	const {port} = probe.address() as {port: number};
	await new Promise(resolve => probe.close(resolve));
	return port;
}
