/**
 * --once, --json and --events must start fast and behave in pipes: nothing
 * they load at start may import Ink or React. This walks the static imports
 * (dynamic import() is how the live view is loaded only when used).
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ROOT} from '../helpers/cli.js';
import {staticGraph} from '../helpers/import-graph.js';

describe('the modes for pipes', () => {
	for (const entry of [
		'src/cli.ts',
		'src/source.ts',
		'src/modes/once.ts',
		'src/modes/events.ts',
		'src/modes/exporter.ts',
	]) {
		it(`${entry} loads neither Ink nor React (nor date-fns)`, () => {
			const {packages, files} = staticGraph(path.join(ROOT, entry));
			expect([...packages].filter(name => name === 'ink' || name === 'react' || name === 'date-fns')).toEqual([]);
			expect([...files].filter(file => file.includes(`${path.sep}ui${path.sep}`))).toEqual([]);
		});
	}

	it('the walker does see Ink where it is (so the check above can fail)', () => {
		expect(staticGraph(path.join(ROOT, 'src/ui/run.tsx')).packages).toContain('ink');
	});
});

type Metafile = {
	outputs: Record<string, {inputs: Record<string, unknown>; imports: Array<{path: string; kind: string}>}>;
};

/** Every source module a chunk of the built bundle loads before it runs: its own and its static imports'. */
function bundledInputs(meta: Metafile, source: string): string[] {
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

describe('the modes for pipes, as built', () => {
	const metaPath = path.join(ROOT, 'build', 'bundle-meta.json');
	const heavy = /node_modules\/(ink|react|react-reconciler|date-fns|yoga-layout)\//;

	for (const source of ['src/cli.ts', 'src/modes/once.ts', 'src/modes/events.ts', 'src/modes/exporter.ts']) {
		it(`the chunk of ${source} loads neither Ink nor React (nor date-fns)`, () => {
			expect(existsSync(metaPath), 'npm run build writes build/bundle-meta.json').toBe(true);
			const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Metafile;
			expect(
				bundledInputs(meta, source).filter(input => heavy.test(input) || input.startsWith('src/ui/')),
			).toEqual([]);
		});
	}

	it('the bundle walker does see Ink where it is', () => {
		const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Metafile;
		expect(bundledInputs(meta, 'src/ui/run.tsx').some(input => heavy.test(input))).toBe(true);
	});
});

describe('the live view, as built, loads nothing its first frame does not use', () => {
	const meta = () => JSON.parse(readFileSync(path.join(ROOT, 'build', 'bundle-meta.json'), 'utf8')) as Metafile;

	it("never imports a Node built-in as an ES module (its module view reads every export's getter: node:http's load undici)", () => {
		// node:module is the banner's, for require itself; an import() is loaded only when it runs.
		const imported = Object.entries(meta().outputs).flatMap(([name, output]) =>
			output.imports
				.filter(entry => entry.path.startsWith('node:') && entry.path !== 'node:module')
				.filter(entry => entry.kind === 'import-statement')
				.map(entry => `${name}: ${entry.path}`),
		);
		expect(imported).toEqual([]);
		// It is still there, required where it is used.
		expect(
			Object.values(meta().outputs).some(output =>
				output.imports.some(entry => entry.path === 'node:http' && entry.kind === 'require-call'),
			),
		).toBe(true);
	});

	it("bundles src/view/cell-width.ts in string-width's place (string-width is required only when needed)", () => {
		const inputs = Object.values(meta().outputs).flatMap(output => Object.keys(output.inputs));
		expect(inputs.filter(input => input.includes('node_modules/string-width/'))).toEqual([]);
		expect(inputs).toContain('src/view/cell-width.ts');
	});
});
