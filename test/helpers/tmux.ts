/** A real pseudo-terminal: tmux runs a command at a fixed size; send-keys types, capture-pane reads. */
import {execFileSync} from 'node:child_process';
import {BIN, NODE, ROOT} from './cli.js';

let serial = 0;

export type Terminal = {
	screen: () => string;
	keys: (...names: string[]) => void;
	type: (text: string) => void;
	resize: (columns: number, rows: number) => void;
	kill: () => void;
};

export function assertTmux(): void {
	try {
		execFileSync('tmux', ['-V']);
	} catch {
		throw new Error('tmux is needed for the end-to-end tests: apt-get install tmux (.ci/run does this)');
	}
}

/**
 * Starts `letta-fleet ARGS` (or any shell line) in its own tmux server, so one
 * test's teardown never races the next one's start. The shell line prints how
 * the program exited, then keeps the pane open to be read.
 */
export function openTerminal(args: string, options: {columns?: number; rows?: number; env?: Record<string, string>; raw?: boolean} = {}): Terminal {
	const socket = `letta-fleet-e2e-${process.pid}-${++serial}`;
	const tmux = (...rest: string[]) => execFileSync('tmux', ['-L', socket, ...rest], {encoding: 'utf8'});
	const program = options.raw ? args : `${NODE} ${BIN} ${args}`;
	const command = `cd ${ROOT} && ${program}; echo "EXIT:$?"; sleep 120`;
	const env = {LANG: 'C.UTF-8', TERM: 'xterm-256color', CI: '', ...options.env};
	tmux(
		'new-session',
		'-d',
		'-s',
		'main',
		'-x',
		String(options.columns ?? 100),
		'-y',
		String(options.rows ?? 30),
		...Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]),
		command,
	);
	return {
		screen: () => tmux('capture-pane', '-p', '-t', 'main'),
		keys: (...names) => tmux('send-keys', '-t', 'main', ...names),
		type: text => tmux('send-keys', '-t', 'main', '-l', text),
		resize: (columns, rows) => tmux('resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows)),
		kill() {
			try {
				tmux('kill-server');
			} catch {
				// Already gone.
			}
		},
	};
}
