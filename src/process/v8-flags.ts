/**
 * The V8 flags the long-running modes (the live view, --events and the exporter)
 * run with, and the argv that re-executes Node with them.
 *
 * Polling allocates steadily (every page's body and records, every frame). V8
 * answers with its largest young generation (16 MB a semi-space in Node 24)
 * and lets the old generation grow to several times what is alive before it
 * collects it: the live view was about 300 MB resident watching 1 000
 * listeners whose data is a few MB, and 240–380 MB at 10 000. A 2 MB semi-space
 * and an old generation collected at 1.3× its live size bring 10 000 to about
 * 160 MB, for about a fifth more CPU (docs/performance.md has the figures).
 * V8 reads these flags only when it starts, so the process replaces itself
 * (execve: the same pid, terminal, signals and exit status) before it does
 * anything else.
 */

/**
 * Each flag with its value; a flag the user already gave (on Node's command line, or in NODE_OPTIONS where Node allows
 * it) is left as they set it.
 */
export const LONG_RUN_V8_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--heap-growing-percent=30'];

/** The parts of `process` the decision reads. */
export type NodeProcessFacts = {
	/** process.execPath. */
	execPath: string;
	/** process.execArgv: Node's own flags, before the script. */
	execArgv: readonly string[];
	/** process.argv: [execPath, script, ...arguments]. */
	argv: readonly string[];
	/** NODE_OPTIONS from the environment, if set. */
	nodeOptions: string | undefined;
};

/**
 * The argv for execve(2) that runs the same script with the same arguments
 * and LONG_RUN_V8_FLAGS added, or null when nothing is missing: every flag is
 * already in execArgv or NODE_OPTIONS (given by the user, or this process was
 * relaunched already, so it can never loop). V8 accepts `_` for `-` in a flag's
 * name, and NODE_OPTIONS may quote a flag; all count as given. Also null under
 * a debugger or profiler (`--inspect…`, `--cpu-prof`, `--heap-prof`, `--prof`):
 * a new process image would drop the attached debugger or start a second profile.
 */
export function relaunchArgv(facts: NodeProcessFacts): string[] | null {
	const given = new Set(
		[...facts.execArgv, ...(facts.nodeOptions ?? '').split(/\s+/)].map(flag =>
			flagName(flag.replace(/^"(.*)"$/, '$1')),
		),
	);
	if ([...given].some(name => OBSERVED.test(name))) {
		return null;
	}

	const missing = LONG_RUN_V8_FLAGS.filter(flag => !given.has(flagName(flag)));
	if (missing.length === 0) {
		return null;
	}

	return [facts.execPath, ...facts.execArgv, ...missing, ...facts.argv.slice(1)];
}

/** Flags under which the process is being debugged or profiled. */
const OBSERVED = /^--(?:inspect(?:-brk|-wait)?|inspect-port|cpu-prof|heap-prof|prof)$/;

function flagName(flag: string): string {
	return flag.split('=')[0]!.replaceAll('_', '-');
}
