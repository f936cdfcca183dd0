/**
 * When the long-running modes tell V8 to favour memory (FAVOUR_MEMORY_FLAG, src/process/v8-flags.ts): while its heap
 * is large. Side by side at 120x40 and 2 s polls, the mode kept the view at 10 000 listeners (55-81 MB committed
 * in V8's heap) 35 MB smaller after an hour, its pages coming back down instead of only climbing, for 7-25 % more
 * CPU; at 1 000 (27 MB committed), where the view was already flat, it cost 41 % more CPU. Switched this way, one
 * hour's bench at 10 000 still grew 6.1 % (5 % allowed; docs/performance.md, "Memory at 10 000: V8 told to favour
 * memory"), and 4.1 %, then 1.4 % and 2.3 % in two quiet hours back to back, once the page reader let the last
 * pass's pages go as a pass goes (src/api/page-reader.ts; docs/benchmarks.md).
 */

/** V8's committed heap (`v8.getHeapStatistics().total_heap_size`) from which V8 is told to favour memory, bytes. */
export const FAVOUR_MEMORY_FROM_BYTES = 48 * 1024 * 1024;

/**
 * The committed heap below which it is told no longer to, bytes: lower than FAVOUR_MEMORY_FROM_BYTES, so that a heap
 * near the line, which the mode itself makes smaller, does not switch at every check.
 */
export const FAVOUR_MEMORY_UNTIL_BYTES = 32 * 1024 * 1024;

/**
 * How often the heap is read, ms. The first reading is this long after start, well after the first rows (0.4 s at
 * 40 listeners, a few seconds at 50 000): set at start, the mode slowed them at 40 listeners from 1.68x the floor
 * script's to 1.98x (three launches of each, side by side; 2.3x allowed).
 */
export const MEMORY_MODE_CHECK_MS = 10_000;

/** Whether V8 should favour memory, given its committed heap (bytes) and whether it does now. */
export function shouldFavourMemory(committedBytes: number, favouring: boolean): boolean {
	return committedBytes >= (favouring ? FAVOUR_MEMORY_UNTIL_BYTES : FAVOUR_MEMORY_FROM_BYTES);
}

/** What watchMemoryMode reads and sets: V8's committed heap, bytes, and V8's flags. */
export type MemoryModeHooks = {
	committedBytes: () => number;
	setV8Flags: (flags: readonly string[]) => void;
	/** The flag that turns the mode on, and the one that turns it off. */
	on: string;
	off: string;
};

/**
 * Every MEMORY_MODE_CHECK_MS (the first after as long), reads the committed heap and sets `on` or `off` when
 * shouldFavourMemory's answer changes. The timer never holds the process. Returns a function that stops it.
 */
export function watchMemoryMode(hooks: MemoryModeHooks): () => void {
	let favouring = false;
	const timer = setInterval(() => {
		const wanted = shouldFavourMemory(hooks.committedBytes(), favouring);
		if (wanted === favouring) return;
		favouring = wanted;
		hooks.setV8Flags([wanted ? hooks.on : hooks.off]);
	}, MEMORY_MODE_CHECK_MS);
	timer.unref();
	return () => clearInterval(timer);
}
