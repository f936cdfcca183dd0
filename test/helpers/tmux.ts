/** A real pseudo-terminal: tmux runs a command at a fixed size; send-keys types, capture-pane reads. */
import {execFileSync} from 'node:child_process';
import {rmSync} from 'node:fs';
import {BIN, NODE, ROOT, TEST_STATE_HOME} from './cli.js';

let serial = 0;

export type Terminal = {
	screen: () => string;
	/** The screen with its SGR styles, as tmux holds them (capture-pane -e). */
	styledScreen: () => string;
	keys: (...names: string[]) => void;
	type: (text: string) => void;
	/**
	 * Pastes text as a terminal does: bracketed (ESC[200~ … ESC[201~) when the program asked for it, through tmux's
	 * paste buffer.
	 */
	paste: (text: string) => void;
	resize: (columns: number, rows: number) => void;
	/** What the terminal itself says: in the alternate screen? cursor shown? */
	state: () => {alternateScreen: boolean; cursorVisible: boolean};
	/** Which mouse modes the program turned on: any tracking (1000, 1002, 1003), SGR encoding (1006). */
	mouseModes: () => {tracking: boolean; sgr: boolean};
	/** The pane's title, which an OSC 0/2 sequence would change. */
	title: () => string;
	/** tmux's paste buffers, which an OSC 52 sequence would fill. */
	buffers: () => string;
	/** The process id of the program running in the pane (the shell's child). */
	programPid: () => number | undefined;
	/**
	 * The process id of the letta-fleet binary anywhere below the pane's shell (also when an interactive shell started
	 * it).
	 */
	binaryPid: () => number | undefined;
	/** The pane's tty device, which another process can write stray bytes to. */
	tty: () => string;
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
export function openTerminal(
	args: string,
	options: {columns?: number; rows?: number; env?: Record<string, string>; raw?: boolean; tag?: string} = {},
): Terminal {
	// A tag names the test's tmux servers (`tmux ls -L …` tells whose a leftover one is).
	const socket = `letta-fleet-e2e-${options.tag ? `${options.tag}-` : ''}${process.pid}-${++serial}`;
	const tmux = (...rest: string[]) => execFileSync('tmux', ['-L', socket, ...rest], {encoding: 'utf8'});
	const program = options.raw ? args : `${NODE} ${BIN} ${args}`;
	// After the program: its exit code, and whether the tty is back in canonical (cooked) mode.
	const command = `cd ${ROOT} && ${program}; echo "EXIT:$?"; echo "TTY:$(stty -a | tr ' ;' '\\n\\n' | grep -x -- '-\\?icanon')"; sleep 120`;
	const env = {LANG: 'C.UTF-8', TERM: 'xterm-256color', CI: '', XDG_STATE_HOME: TEST_STATE_HOME, ...options.env};
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
	const socketPath = tmux('display-message', '-p', '#{socket_path}').trim();
	return {
		screen: () => tmux('capture-pane', '-p', '-t', 'main'),
		styledScreen: () => tmux('capture-pane', '-p', '-e', '-t', 'main'),
		keys: (...names) => tmux('send-keys', '-t', 'main', ...names),
		type: text => tmux('send-keys', '-t', 'main', '-l', text),
		paste(text) {
			execFileSync('tmux', ['-L', socket, 'load-buffer', '-b', 'pasted', '-'], {input: text});
			tmux('paste-buffer', '-p', '-d', '-b', 'pasted', '-t', 'main');
		},
		resize: (columns, rows) => tmux('resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows)),
		state() {
			const [alternate, cursor] = tmux('display-message', '-p', '-t', 'main', '#{alternate_on} #{cursor_flag}')
				.trim()
				.split(' ');
			return {alternateScreen: alternate === '1', cursorVisible: cursor === '1'};
		},
		mouseModes() {
			const [tracking, sgr] = tmux('display-message', '-p', '-t', 'main', '#{mouse_any_flag} #{mouse_sgr_flag}')
				.trim()
				.split(' ');
			return {tracking: tracking === '1', sgr: sgr === '1'};
		},
		title: () => tmux('display-message', '-p', '-t', 'main', '#{pane_title}').trim(),
		buffers: () => tmux('list-buffers').trim(),
		programPid() {
			const shell = tmux('display-message', '-p', '-t', 'main', '#{pane_pid}').trim();
			const children = execFileSync('ps', ['-o', 'pid=', '--ppid', shell], {encoding: 'utf8'})
				.trim()
				.split(/\s+/)
				.filter(Boolean);
			return children.length > 0 ? Number(children[0]) : undefined;
		},
		binaryPid() {
			const shell = Number(tmux('display-message', '-p', '-t', 'main', '#{pane_pid}').trim());
			const processes = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], {encoding: 'utf8'})
				.split('\n')
				.map(line => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
				.filter(match => match !== null)
				.map(match => ({pid: Number(match[1]), ppid: Number(match[2]), args: match[3]!}));
			const below = new Set([shell]);
			for (let grew = true; grew;) {
				grew = false;
				for (const entry of processes) {
					if (below.has(entry.ppid) && !below.has(entry.pid)) {
						below.add(entry.pid);
						grew = true;
					}
				}
			}

			return processes.find(entry => below.has(entry.pid) && entry.args.includes(BIN))?.pid;
		},
		tty: () => tmux('display-message', '-p', '-t', 'main', '#{pane_tty}').trim(),
		kill() {
			try {
				tmux('kill-server');
			} catch {
				// Already gone.
			}

			// tmux leaves its socket file behind after kill-server; a suite run would leave hundreds.
			rmSync(socketPath, {force: true});
		},
	};
}
