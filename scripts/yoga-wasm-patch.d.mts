/** Types of yoga-wasm-patch.mjs, for the test that checks the patch still matches yoga-layout. */
type Hooks = {
	onLoad: (options: {filter: RegExp}, callback: (args: {path: string}) => Promise<{contents: string}>) => void;
};
/** The esbuild plugin scripts/build.mjs bundles with. */
export declare const yogaWasmPatch: {name: string; setup: (build: Hooks) => void};
