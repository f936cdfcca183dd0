/**
 * --once, --json and --events must start fast and behave in pipes: nothing
 * they load at start may import Ink or React. This walks the static imports
 * (dynamic import() is how the live view is loaded only when used).
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ROOT} from '../helpers/cli.js';

const STATIC_IMPORT = /^(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm;

function staticGraph(entry: string): {files: Set<string>; packages: Set<string>} {
	const files = new Set<string>();
	const packages = new Set<string>();
	const queue = [entry];
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (files.has(file)) continue;
		files.add(file);
		for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
			if (!specifier!.startsWith('.')) {
				packages.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!);
				continue;
			}

			const base = path.resolve(path.dirname(file), specifier!).replace(/\.js$/, '');
			const resolved = [`${base}.ts`, `${base}.tsx`].find(candidate => existsSync(candidate));
			if (resolved) queue.push(resolved);
		}
	}

	return {files, packages};
}

describe('the modes for pipes', () => {
	for (const entry of ['src/cli.ts', 'src/source.ts', 'src/modes/once.ts', 'src/modes/events.ts']) {
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
