/** Types of ink-patches.mjs, for the test that checks the patches still match Ink. */
type Hooks = {
	onLoad: (options: {filter: RegExp}, callback: (args: {path: string}) => Promise<{contents: string}>) => void;
};
/** The esbuild plugin scripts/build.mjs bundles with. */
export declare const inkPatches: {name: string; setup: (build: Hooks) => void};
/** Texts each of Ink's measure and wrap caches keeps (QuickLRU's maxSize: it holds up to twice as many). */
export declare const TEXT_CACHE_ENTRIES: number;
/** Styled characters in Ink's output caches before they start afresh. */
export declare const OUTPUT_CACHE_CHARACTERS: number;
/** Frames a generation of Ink's output caches serves before the next starts. */
export declare const TURNOVER_FRAMES: number;
