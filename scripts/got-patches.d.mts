/** Types of got-patches.mjs, for the test that checks the patches still match got. */
type Hooks = {
	onLoad: (
		options: {filter: RegExp},
		callback: (args: {path: string}) => Promise<{contents: string} | undefined>,
	) => void;
};
/** One patched file's replacements (each text found exactly once) and what is appended. */
export type GotPatch = {replacements: Array<[string, string | (() => string)]>; append?: string};
/** `source` with `patch` applied; throws naming `path` and the text when a text is not there exactly once. */
export declare function applyGotPatch(source: string, patch: GotPatch, path: string): string;
/** The esbuild plugin scripts/build.mjs bundles with. */
export declare const gotPatches: {name: string; setup: (build: Hooks) => void};
/** The files of got patched, each as its path under node_modules. */
export declare const GOT_PATCHED_FILES: string[];
