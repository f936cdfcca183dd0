/**
 * `npm run build`: bundles src/ into dist/ with esbuild. One file per mode
 * instead of hundreds of modules: Node spent about 180 ms of each launch
 * resolving and reading Ink's, React's and got's modules one by one.
 * Each mode stays a chunk loaded by dynamic import, so --once, --json and
 * --events still never load Ink or React. Types are checked by `tsc` in
 * `npm test` (and `npm run typecheck`); esbuild only strips them.
 */
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {builtinModules} from 'node:module';
import {build} from 'esbuild';
import {gotPatches} from './got-patches.mjs';
import {inkPatches} from './ink-patches.mjs';
import {listFormatPatch} from './list-format-patch.mjs';
import {yogaWasmPatch} from './yoga-wasm-patch.mjs';

/**
 * Node's built-ins through require(), not import. Node builds an ES module's view of a built-in by reading every
 * export, and many are getters that load more: node:http's WebSocket, CloseEvent and MessageEvent load undici
 * (Node's fetch, which got never uses: about 30 ms), node:util's `diff` loads the assertion differ, node:process's
 * `report` and `finalization` their modules, and so on; each view also copies every export. A bundled module that
 * requires a built-in is evaluated where it was imported, and its exports are read only when used. node:module stays
 * an import: the banner below makes `require` from it.
 */
const builtinsByRequire = {
	name: 'builtins-by-require',
	setup(build) {
		// Names only reachable with the prefix (node:sqlite, node:test) are in builtinModules with it.
		const builtins = new Set(
			builtinModules
				.filter(name => name !== 'module')
				.flatMap(name => (name.startsWith('node:') ? [name] : [name, `node:${name}`])),
		);
		build.onResolve({filter: /^[a-z_:/0-9]+$/}, args => {
			if (!builtins.has(args.path)) return undefined;
			const path = args.path.startsWith('node:') ? args.path : `node:${args.path}`;
			// A dynamic import() stays one, loaded when it runs: esbuild would give it a CommonJS module's namespace,
			// `default` alone, where the source reads its named exports.
			return args.namespace === 'builtins-by-require' || args.kind === 'dynamic-import'
				? {path, external: true}
				: {path, namespace: 'builtins-by-require'};
		});
		build.onLoad({filter: /.*/, namespace: 'builtins-by-require'}, args => ({
			contents: `module.exports = require(${JSON.stringify(args.path)});`,
			loader: 'js',
		}));
	},
};

rmSync('dist', {recursive: true, force: true});
const result = await build({
	entryPoints: ['src/cli.ts'],
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node22',
	// Ink imports React's devtools only when asked to (DEV=true); it is not a dependency.
	external: ['react-devtools-core'],
	// Bundled CommonJS (React, parts of Ink's dependencies) calls require() for Node's built-ins.
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
	// Every bundled importer of string-width (Ink, wrap-ansi, cli-truncate) counts cells through ours, which counts
	// a screen's usual strings itself and loads string-width only for the rest (src/view/cell-width.ts says why).
	alias: {'string-width': './src/view/cell-width.ts'},
	plugins: [builtinsByRequire, gotPatches, inkPatches, listFormatPatch, yogaWasmPatch],
	// React, its reconciler and scheduler ship a development and a production build, picked by NODE_ENV when
	// they load; cli.ts asks for the production one unless NODE_ENV is set, and the bundle now holds only it:
	// the other (about 800 KB, half the live view's chunk) was read and compiled at every launch.
	define: {'process.env.NODE_ENV': '"production"'},
	metafile: true,
	logLevel: 'warning',
});

// Which source modules ended up in which chunk: test/modes/no-ink.test.ts reads it.
mkdirSync('build', {recursive: true});
writeFileSync('build/bundle-meta.json', JSON.stringify(result.metafile));
