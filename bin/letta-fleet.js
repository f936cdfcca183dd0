#!/usr/bin/env node
// Checks the runtime before loading anything that needs Node 22, so an old
// Node gets one clear line instead of a syntax error from deep in a dependency.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
	process.stderr.write(`letta-fleet needs Node.js 22.19 or newer; this is ${process.versions.node}.\n`);
	process.exit(1);
}

// Node keeps the compiled code of every module it loads (Ink, React, got, ours) on disk
// and reuses it next time: start-up skips most parsing and compiling.
const {enableCompileCache} = await import('node:module');
enableCompileCache?.();

const {main, processIo} = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2), processIo());
