/**
 * The set-up every real-terminal test file shares: one demo server for the
 * file (tmux required), and every terminal a test opens killed after it.
 * Call at the top of a test file; read `server` inside tests and hooks only.
 */
import {afterAll, afterEach, beforeAll} from 'vitest';
import {startDemoServer, type DemoServer, type DemoServerOptions} from '../../src/demo/server.js';
import {assertTmux, openTerminal, type Terminal} from './tmux.js';

export type DemoTerminals = {
	readonly server: DemoServer;
	/** Kills `terminal` after the test; returns it. */
	track(terminal: Terminal): Terminal;
	/** The built binary with `args`, pointed at the demo server, in a terminal of `size`, tracked. */
	watch(args: string, size?: {columns?: number; rows?: number}): Terminal;
};

export function demoInTerminals(options: DemoServerOptions): DemoTerminals {
	let server: DemoServer | undefined;
	const open: Terminal[] = [];
	beforeAll(async () => {
		assertTmux();
		server = await startDemoServer(options);
	});
	afterAll(async () => {
		await server?.close();
	});
	afterEach(() => {
		for (const terminal of open.splice(0)) terminal.kill();
	});
	const demo: DemoTerminals = {
		get server() {
			if (!server) throw new Error('the demo server is read before beforeAll started it');
			return server;
		},
		track(terminal) {
			open.push(terminal);
			return terminal;
		},
		watch(args, size = {}) {
			return demo.track(
				openTerminal(args, {
					...size,
					env: {LETTA_BASE_URL: demo.server.url, LETTA_API_KEY: demo.server.apiKey},
				}),
			);
		},
	};
	return demo;
}
