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
	metafile: true,
	logLevel: 'warning',
});

// Which source modules ended up in which chunk: test/modes/no-ink.test.ts reads it.
mkdirSync('build', {recursive: true});
writeFileSync('build/bundle-meta.json', JSON.stringify(result.metafile));
