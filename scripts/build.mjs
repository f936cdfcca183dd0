/**
 * `npm run build`: bundles src/ into dist/ with esbuild. One file per mode
 * instead of hundreds of modules: Node spent about 180 ms of each launch
 * resolving and reading Ink's, React's and got's modules one by one.
 * Each mode stays a chunk loaded by dynamic import, so --once, --json and
 * --events still never load Ink or React. Types are checked by `tsc` in
 * `npm test` (and `npm run typecheck`); esbuild only strips them.
 */
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {build} from 'esbuild';
import {inkPatches} from './ink-patches.mjs';
import {listFormatPatch} from './list-format-patch.mjs';

/**
 * `node:http` through require(), not import. Node builds an ES module's view of a built-in by reading every export,
 * and node:http's WebSocket, CloseEvent and MessageEvent are getters that load undici (Node's fetch), which got never
 * uses: about 30 ms of every launch. A bundled module that requires it is evaluated where it was imported, and its
 * exports are read only when used.
 */
const httpByRequire = {
	name: 'http-by-require',
	setup(build) {
		build.onResolve({filter: /^(node:)?http$/}, args =>
			args.namespace === 'http-by-require'
				? {path: 'node:http', external: true}
				: {path: 'node:http', namespace: 'http-by-require'},
		);
		build.onLoad({filter: /.*/, namespace: 'http-by-require'}, () => ({
			contents: "module.exports = require('node:http');",
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
	plugins: [httpByRequire, inkPatches, listFormatPatch],
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
