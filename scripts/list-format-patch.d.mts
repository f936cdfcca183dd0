/** Types of list-format-patch.mjs, for the test that checks the patch still matches @sindresorhus/is. */
type Hooks = {
	onLoad: (options: {filter: RegExp}, callback: (args: {path: string}) => Promise<{contents: string}>) => void;
};
/** The esbuild plugin scripts/build.mjs bundles with. */
export declare const listFormatPatch: {name: string; setup: (build: Hooks) => void};
