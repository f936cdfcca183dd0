/** Debian's `prometheus` package on this machine: the tests that need it fail, never skip, without it. */
import {execFileSync} from 'node:child_process';

/** The path of `name` on the PATH, or an Error saying how to get it (`.ci/run` installs it). */
export function requireTool(name: 'prometheus' | 'promtool'): string {
	try {
		return execFileSync('sh', ['-c', `command -v ${name}`], {encoding: 'utf8'}).trim();
	} catch {
		throw new Error(
			`${name} is not installed: these tests need Debian's prometheus package (apt-get install prometheus; .ci/run installs it when missing)`,
		);
	}
}
