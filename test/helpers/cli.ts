/** Runs the built binary (bin/letta-fleet.js on dist/) as a user would, on the pinned Node. */
import {type ChildProcessWithoutNullStreams, spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {TEST_STATE_HOME_VARIABLE} from '../global-state-home.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'letta-fleet.js');
/** The project's own Node (>= 22), whatever node is first on the PATH. */
export const NODE = process.execPath;

/**
 * Where the binary under test keeps its history unless a test names a file: a folder of this test
 * process, removed when it exits, never the developer's own ~/.local/state.
 */
export const TEST_STATE_HOME = testStateHome();

/** The run's folder (test/global-state-home.ts); a file run on its own outside vitest's setup makes one. */
function testStateHome(): string {
	const folder = process.env[TEST_STATE_HOME_VARIABLE];
	if (folder) return folder;
	const made = mkdtempSync(path.join(tmpdir(), 'letta-fleet-test-state-'));
	process.on('exit', () => rmSync(made, {recursive: true, force: true}));
	return made;
}

export type CliResult = {code: number | null; stdout: string; stderr: string};

export function startCli(args: string[], env: Record<string, string | undefined> = {}): ChildProcessWithoutNullStreams {
	return spawn(NODE, [BIN, ...args], {
		cwd: ROOT,
		env: {...cleanEnv(), ...env},
	});
}

export function runCli(
	args: string[],
	env: Record<string, string | undefined> = {},
	timeoutMs = 30_000,
): Promise<CliResult> {
	const child = startCli(args, env);
	return collect(child, timeoutMs);
}

export function collect(child: ChildProcessWithoutNullStreams, timeoutMs = 30_000): Promise<CliResult> {
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', chunk => (stdout += String(chunk)));
	child.stderr.on('data', chunk => (stderr += String(chunk)));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(
					`letta-fleet did not exit within ${timeoutMs} ms; stdout: ${stdout.slice(0, 500)} stderr: ${stderr.slice(0, 500)}`,
				),
			);
		}, timeoutMs);
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr});
		});
	});
}

/** The environment without anything that would point the CLI at a real account or a real proxy. */
function cleanEnv(): NodeJS.ProcessEnv {
	const env = {...process.env};
	delete env['LETTA_API_KEY'];
	delete env['LETTA_BASE_URL'];
	// Nor through the developer's own proxy: tests that want one set it themselves.
	for (const name of ['http_proxy', 'https_proxy', 'all_proxy', 'no_proxy']) {
		delete env[name];
		delete env[name.toUpperCase()];
	}

	// NODE_EXTRA_CA_CERTS would change which certificates a TLS test sees refused.
	delete env['NODE_EXTRA_CA_CERTS'];
	// A home without ~/.letta/settings.json, so a developer's own key is never used by tests.
	env['HOME'] = path.join(ROOT, 'test', 'fixtures', 'empty-home');
	env['XDG_CONFIG_HOME'] = path.join(ROOT, 'test', 'fixtures', 'empty-home', '.config');
	env['XDG_STATE_HOME'] = TEST_STATE_HOME;
	return env;
}
