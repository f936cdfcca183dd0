/**
 * The V8 flags the long-running modes (the live view, --events and the exporter) run with, set in
 * the running process.
 *
 * Polling allocates steadily (every page's body and records, every frame). V8 answers by growing
 * its young generation to its largest (16 MB a semi-space and more) and letting the old generation
 * grow to several times what is alive before it collects it: the live view was about 300 MB
 * resident watching 1 000 listeners whose data is a few MB, and 240–380 MB at 10 000. A young
 * generation that mostly keeps its first size (1 MB a semi-space) and an old generation
 * collected at 1.3× its live size keep it near the floor script's (docs/performance.md has the
 * figures). Both are read by V8's collector each time it sizes the heap, not only when the heap
 * is made, so `v8.setFlagsFromString` sets them at start: the process used to re-execute Node with
 * `--max-semi-space-size=2` (read only at start-up), a second Node start-up of about 100 ms before
 * the first frame (docs/performance.md, Issue 21, launch).
 *
 * At twice its live size V8 collects the old generation less often: about a sixth less idle CPU at 1 000
 * listeners, but 1.32× the floor's memory there against 1.2× allowed (docs/performance.md, "Idle CPU later in the
 * run").
 *
 * Without `--optimize-for-size` the pages V8 had once committed stayed resident: the view at 10 000 listeners climbed
 * to its highest, a few MB at a time, for most of an hour, and never came down. V8 gives such pages back in a
 * collection that reduces memory, which its memory reducer starts only when the allocation rate is low (a poll every
 * 2 s never is; MemoryReducer in V8's memory-reducer.cc). Told to favour memory (Heap::ShouldOptimizeForMemoryUsage in
 * heap.cc), V8 makes every full collection one that reduces memory (`Mark-Compact (reduce)` under `--trace-gc`): it
 * compacts fragmented pages and gives free ones back, so resident memory comes back down after a busy pass, for some
 * more CPU (docs/performance.md, "Memory at 10 000: V8 told to favour memory"). It is FAVOUR_MEMORY_FLAG.
 */

/**
 * Each flag with its value, set in the running process. Not on Node's command line: given there,
 * --semi-space-growth-factor=1 left the young generation at its largest (the bench's poll loop at 10 000 listeners:
 * about 270 MB resident, against 145 MB set at start-up's end).
 */
export const LONG_RUN_V8_FLAGS: readonly string[] = ['--semi-space-growth-factor=1', '--heap-growing-percent=30'];

/**
 * V8 told to favour memory (the module's comment says why), as a flag of V8's and its opposite. Set only while V8's
 * heap is large (src/process/memory-mode.ts says when): each full collection then costs more, and a small heap, which
 * is collected often and has little to give back, paid 41 % more CPU for it at 1 000 listeners.
 */
export const FAVOUR_MEMORY_FLAG = '--optimize-for-size';
export const FAVOUR_MEMORY_OFF_FLAG = '--no-optimize-for-size';

/**
 * For each flag of LONG_RUN_V8_FLAGS and FAVOUR_MEMORY_FLAG, by name, the flags with which a user has made the
 * same choice themselves (sized that part of the heap, or chosen V8's memory mode): then theirs is left as they set it.
 */
const SAME_CHOICE: Readonly<Record<string, readonly string[]>> = {
	'--semi-space-growth-factor': ['--semi-space-growth-factor', '--max-semi-space-size', '--min-semi-space-size'],
	'--heap-growing-percent': ['--heap-growing-percent'],
	[FAVOUR_MEMORY_FLAG]: [FAVOUR_MEMORY_FLAG, FAVOUR_MEMORY_OFF_FLAG],
};

/** The parts of `process` the decision reads. */
export type NodeProcessFacts = {
	/** process.execArgv: Node's own flags, before the script. */
	execArgv: readonly string[];
	/** NODE_OPTIONS from the environment, if set. */
	nodeOptions: string | undefined;
};

/**
 * The flags of `flags` (LONG_RUN_V8_FLAGS, or [FAVOUR_MEMORY_FLAG]) to set in this process: each, unless the user
 * made the same choice on Node's command line or in NODE_OPTIONS (SAME_CHOICE). V8 accepts `_` for `-` in a flag's
 * name, and NODE_OPTIONS may quote a flag; all count as given.
 */
export function longRunFlags(facts: NodeProcessFacts, flags: readonly string[] = LONG_RUN_V8_FLAGS): string[] {
	const given = givenFlagNames(facts);
	return flags.filter(flag => !(SAME_CHOICE[flagName(flag)] ?? []).some(name => given.has(name)));
}

/**
 * The flags that have V8 compile every function of a script as the script is compiled, and back to compiling each
 * at its first call (V8's default). Node's compile cache (bin/letta-fleet.js) keeps only the code V8 compiled when a
 * module loaded, so every launch compiled React's, Ink's and the view's functions again while drawing the first
 * frame, about 30 ms of its 70 ms of CPU (docs/performance.md, Issue 21, "Launch and one-shot"). The live view's
 * chunk is loaded with EAGER_COMPILE on, then LAZY_COMPILE: its code is compiled once and comes from the cache after.
 */
export const EAGER_COMPILE = '--no-lazy';
export const LAZY_COMPILE = '--lazy';

/**
 * Node's built-ins the live view's chunk requires as it loads that the command line's chunks have not: loaded before
 * EAGER_COMPILE is set. Node ships its built-ins' compiled code, made with V8's default flags; one loaded while
 * EAGER_COMPILE is set cannot use it (the flags differ) and is compiled whole, with what it loads in turn
 * (node:child_process brings node:dgram and node:assert). The live view's import took 72 ms of CPU with them inside,
 * 54 with them loaded just before: about 7 ms less to the first rows in all (docs/performance.md, Issue 21, "Launch,
 * third round"; node:fs/promises and node:perf_hooks were on the list then, and are no longer loaded at launch).
 * test/process/v8-flags.test.ts holds this list to the built bundle's.
 */
export const LIVE_VIEW_BUILTINS: readonly string[] = [
	'node:assert',
	'node:child_process',
	'node:events',
	'node:sqlite',
];

/**
 * Whether a module may be loaded with EAGER_COMPILE and LAZY_COMPILE set around it: not when the user chose V8's
 * compile mode on Node's command line or in NODE_OPTIONS (either flag, in either spelling), which is left as set.
 */
export function mayCompileEagerly(facts: NodeProcessFacts): boolean {
	const given = givenFlagNames(facts);
	return !['--lazy', '--no-lazy'].some(name => given.has(name));
}

/** The names of the flags given on Node's command line and in NODE_OPTIONS, `_` read as `-`, quotes taken off. */
function givenFlagNames(facts: NodeProcessFacts): Set<string> {
	return new Set(
		[...facts.execArgv, ...(facts.nodeOptions ?? '').split(/\s+/)].map(flag =>
			flagName(flag.replace(/^"(.*)"$/, '$1')),
		),
	);
}

function flagName(flag: string): string {
	return flag.split('=')[0]!.replaceAll('_', '-');
}
