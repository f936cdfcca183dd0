/**
 * The V8 flags the long-running modes (the live view, --events and the exporter)
 * run with, and the argv that re-executes Node with them.
 *
 * Polling allocates steadily (every page's body and records, every frame), so
 * V8 grows its young generation to the maximum (16 MB a semi-space in Node 24)
 * and keeps it: the live view's resident memory was about 300 MB watching
 * 1 000 listeners whose data is a few MB. A small young generation collects
 * more often, each collection cheaper; see docs/performance.md for the
 * figures. V8 reads the flag only when it starts, so the process replaces
 * itself (execve: the same pid, terminal, signals and exit status) before it
 * does anything else.
 */

/** Each flag with its value; a flag the user already gave (command line or NODE_OPTIONS) is left as they set it. */
export const LONG_RUN_V8_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

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
 * name; both spellings count as given.
 */
export function relaunchArgv(facts: NodeProcessFacts): string[] | null {
	const given = new Set([...facts.execArgv, ...(facts.nodeOptions ?? '').split(/\s+/)].map(flagName));
	const missing = LONG_RUN_V8_FLAGS.filter(flag => !given.has(flagName(flag)));
	if (missing.length === 0) {
		return null;
	}

	return [facts.execPath, ...facts.execArgv, ...missing, ...facts.argv.slice(1)];
}

function flagName(flag: string): string {
	return flag.split('=')[0]!.replaceAll('_', '-');
}
