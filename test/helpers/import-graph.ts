/**
 * The source's import graph, read from the files as text: every relative import and re-export,
 * `import type` and dynamic `import()` included, resolved to the .ts/.tsx file it names. Used by
 * the boundary tests (which mode loads Ink) and the layering test (arrows point down, no cycles).
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

export type ImportEdge = {
	/** Absolute paths of the importing and the imported file. */
	from: string;
	to: string;
	/** `import type` / `export type`: gone after compiling, but still a dependency of the design. */
	typeOnly: boolean;
	/** `import('…')`: loaded only when that code runs. */
	dynamic: boolean;
};

const STATIC = /^(?:import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const NAMED_PACKAGE = /^(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'".][^'"]*)['"]/gm;

function resolve(file: string, specifier: string): string | undefined {
	const base = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '');
	return [`${base}.ts`, `${base}.tsx`].find(candidate => existsSync(candidate));
}

/** The relative imports of one source file. */
export function importsOf(file: string): ImportEdge[] {
	const text = readFileSync(file, 'utf8');
	const edges: ImportEdge[] = [];
	for (const [, type, specifier] of text.matchAll(STATIC)) {
		const to = specifier!.startsWith('.') ? resolve(file, specifier!) : undefined;
		if (to) edges.push({from: file, to, typeOnly: type !== undefined, dynamic: false});
	}

	for (const [, specifier] of text.matchAll(DYNAMIC)) {
		const to = specifier!.startsWith('.') ? resolve(file, specifier!) : undefined;
		if (to) edges.push({from: file, to, typeOnly: false, dynamic: true});
	}

	return edges;
}

/** The packages a file imports for their values (not `import type`), by package name. */
export function packagesOf(file: string): string[] {
	return [...readFileSync(file, 'utf8').matchAll(NAMED_PACKAGE)].map(([, specifier]) =>
		specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!,
	);
}

/** Every .ts and .tsx file below `directory`. */
export function sourceFiles(directory: string): string[] {
	return readdirSync(directory, {recursive: true, encoding: 'utf8'})
		.filter(name => /\.tsx?$/.test(name))
		.map(name => path.join(directory, name))
		.sort();
}

/**
 * The files and packages loaded at start from `entry`: its static, value imports and theirs (dynamic ones load later).
 */
export function staticGraph(entry: string): {files: Set<string>; packages: Set<string>} {
	const files = new Set<string>();
	const packages = new Set<string>();
	const queue = [entry];
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (files.has(file)) continue;
		files.add(file);
		for (const name of packagesOf(file)) packages.add(name);
		for (const edge of importsOf(file)) if (!edge.typeOnly && !edge.dynamic) queue.push(edge.to);
	}

	return {files, packages};
}

/**
 * One cycle of `graph` (file → files it imports) as the files around it, first repeated at the end; undefined when
 * there is none.
 */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
	const state = new Map<string, 'open' | 'done'>();
	for (const start of graph.keys()) {
		if (state.has(start)) continue;
		// Iterative depth-first search: the path is the stack of files still open.
		const path: string[] = [];
		const next: number[] = [];
		path.push(start);
		next.push(0);
		state.set(start, 'open');
		while (path.length > 0) {
			const file = path.at(-1)!;
			const targets = graph.get(file) ?? [];
			const index = next.at(-1)!;
			if (index >= targets.length) {
				state.set(file, 'done');
				path.pop();
				next.pop();
				continue;
			}

			next[next.length - 1] = index + 1;
			const target = targets[index]!;
			if (state.get(target) === 'open') return [...path.slice(path.indexOf(target)), target];
			if (!state.has(target)) {
				state.set(target, 'open');
				path.push(target);
				next.push(0);
			}
		}
	}

	return undefined;
}
