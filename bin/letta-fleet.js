#!/usr/bin/env node
// Checks the runtime before loading anything that needs Node 22, so an old
// Node gets one clear line instead of a syntax error from deep in a dependency.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
	process.stderr.write(`letta-fleet needs Node.js 22.19 or newer; this is ${process.versions.node}.\n`);
	process.exit(1);
}

// Built-ins by process.getBuiltinModule, not import(): an ES module's view of node:fs reads
// every export, and its stream getters load Node's streams and node:fs/promises (a few ms).
// Node keeps the compiled code of every module it loads (Ink, React, got, ours) on disk
// and reuses it next time: start-up skips most parsing and compiling.
process.getBuiltinModule('node:module').enableCompileCache?.();

// dist/ is esbuild's chunks side by side, each importing its siblings as './name.js' (scripts/build.mjs): some 200 such
// imports on the way to the live view's first rows. Node's resolver checks each against the file system (a stat, a
// realpath, the package scope's type), about 18 ms of CPU of a 200 ms launch (docs/performance.md, Issue 21, "Launch,
// third round"); such an import names its sibling file exactly, an ES module, so it is resolved here by its URL alone.
// Only from Node 24, the Node these hooks are tested on; anything else resolves as Node does.
if (major >= 24) {
	const dist = new URL('../dist/', import.meta.url).href;
	process.getBuiltinModule('node:module').registerHooks?.({
		resolve(specifier, context, nextResolve) {
			if (context.parentURL?.startsWith(dist) && /^\.\/[\w-]+\.js$/.test(specifier)) {
				return {url: new URL(specifier, context.parentURL).href, format: 'module', shortCircuit: true};
			}

			return nextResolve(specifier, context);
		},
	});
}

// A clone that was never built (npm ci builds through "prepare"; --ignore-scripts skips it)
// gets one line saying how, not a module-not-found stack trace.
const cli = new URL('../dist/cli.js', import.meta.url);
if (!process.getBuiltinModule('node:fs').existsSync(cli)) {
	const {fileURLToPath} = process.getBuiltinModule('node:url');
	const root = fileURLToPath(new URL('..', import.meta.url));
	process.stderr.write(`letta-fleet is not built yet: run \`npm run build\` in ${root} (npm ci builds it too).\n`);
	process.exit(1);
}

const {main, processIo} = await import(cli.href);
process.exitCode = await main(process.argv.slice(2), processIo());
