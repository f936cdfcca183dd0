/** The built bundle's esbuild metafile (build/bundle-meta.json, written by `npm run build`), and walks over it. */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';
import {ROOT} from './cli.js';

/** The parts of esbuild's metafile the tests read: each output chunk's source inputs and what it imports. */
export type Metafile = {
	outputs: Record<string, {inputs: Record<string, unknown>; imports: Array<{path: string; kind: string}>}>;
};

/** build/bundle-meta.json, parsed; fails the test when the bundle was not built. */
export function readBundleMeta(): Metafile {
	const metaPath = path.join(ROOT, 'build', 'bundle-meta.json');
	expect(existsSync(metaPath), 'npm run build writes build/bundle-meta.json').toBe(true);
	return JSON.parse(readFileSync(metaPath, 'utf8')) as Metafile;
}

/**
 * Every input (a source path, or `builtins-by-require:node:NAME` for a Node built-in) of the chunk that holds
 * `source` and of every chunk it imports statically: all a chunk loads before it runs.
 */
export function bundledInputs(meta: Metafile, source: string): string[] {
	const start = Object.keys(meta.outputs).find(output => source in meta.outputs[output]!.inputs);
	expect(start, `${source} is in the bundle`).toBeDefined();
	const seen = new Set<string>();
	const queue = [start!];
	while (queue.length > 0) {
		const output = queue.pop()!;
		if (seen.has(output)) continue;
		seen.add(output);
		// Node's built-ins (and the optional devtools) stay outside the bundle: not chunks to walk.
		queue.push(
			...meta.outputs[output]!.imports.filter(
				entry => entry.kind === 'import-statement' && entry.path in meta.outputs,
			).map(entry => entry.path),
		);
	}

	return [...seen].flatMap(output => Object.keys(meta.outputs[output]!.inputs));
}
