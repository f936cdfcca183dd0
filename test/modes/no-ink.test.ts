/**
 * --once, --json and --events must start fast and behave in pipes: nothing
 * they load at start may import Ink or React. This walks the static imports
 * (dynamic import() is how the live view is loaded only when used).
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ROOT} from '../helpers/cli.js';
import {staticGraph} from '../helpers/import-graph.js';
import {bundledInputs, readBundleMeta} from '../helpers/bundle-meta.js';

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

describe('the modes for pipes, as built', () => {
	const heavy = /node_modules\/(ink|react|react-reconciler|date-fns|yoga-layout)\//;

	for (const source of ['src/cli.ts', 'src/modes/once.ts', 'src/modes/events.ts', 'src/modes/exporter.ts']) {
		it(`the chunk of ${source} loads neither Ink nor React (nor date-fns)`, () => {
			expect(
				bundledInputs(readBundleMeta(), source).filter(
					input => heavy.test(input) || input.startsWith('src/ui/'),
				),
			).toEqual([]);
		});
	}

	it('the bundle walker does see Ink where it is', () => {
		expect(bundledInputs(readBundleMeta(), 'src/ui/run.tsx').some(input => heavy.test(input))).toBe(true);
	});
});

describe('the live view, as built, loads nothing its first frame does not use', () => {
	const meta = readBundleMeta;

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
