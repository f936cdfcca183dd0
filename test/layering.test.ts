/**
 * The source reads one way: each folder of src/ builds only on the layers below it, and no file
 * depends on itself through others. Type-only imports count (a type cycle is a design cycle, and
 * is how the last ones hid from a walker of value imports), and so do dynamic imports.
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ROOT} from './helpers/cli.js';
import {findCycle, importsOf, sourceFiles} from './helpers/import-graph.js';

/**
 * The layers, bottom first; a folder (or a file at the top of src/) may import from its own
 * folder and from any lower layer. Peers in one layer do not import each other.
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
	// The API's client, records and errors; the demo server (a program of its own); the process's own concerns.
	['api', 'demo', 'process'],
	// Snapshots, the diff and the reducer, on the API's records.
	['fleet'],
	// What the fleet did, kept across runs (the recorder and its readers), on the fleet's events.
	['history'],
	// Scheduling polls; presentation logic without Ink.
	['poller', 'view'],
	// Flags and files (flags speak the view's words: columns, sort keys, keys).
	['config'],
	// Where the key comes from; the outputs for pipes and files; the Prometheus exporter.
	['credentials', 'output', 'exporter'],
	// The wiring that opens what is watched.
	['source.ts'],
	// Each mode, and the live view on Ink.
	['modes'],
	['ui'],
	// The entry point.
	['cli.ts'],
];

const SRC = path.join(ROOT, 'src');

/** The layer unit of a source file: its folder under src/, or its own name at the top. */
function unitOf(file: string): string {
	return path.relative(SRC, file).split(path.sep)[0]!;
}

function layerOf(unit: string): number {
	return LAYERS.findIndex(layer => layer.includes(unit));
}

/** Every import that crosses units against the layers: up, or across to a peer. */
function arrowsAgainstTheLayers<Edge extends {from: string; to: string}>(
	edges: readonly Edge[],
	layer: (unit: string) => number,
	unit: (file: string) => string,
): Edge[] {
	return edges.filter(({from, to}) => unit(from) !== unit(to) && layer(unit(from)) <= layer(unit(to)));
}

describe('the layers of src/', () => {
	const files = sourceFiles(SRC);
	const edges = files.flatMap(file => importsOf(file));

	it('place every folder and top-level file of src/', () => {
		expect([...new Set(files.map(unitOf))].filter(unit => layerOf(unit) === -1)).toEqual([]);
	});

	it('are only ever crossed downwards', () => {
		const against = arrowsAgainstTheLayers(edges, layerOf, unitOf);
		expect(against.map(({from, to}) => `${path.relative(ROOT, from)} -> ${path.relative(ROOT, to)}`)).toEqual([]);
	});

	it('hold no import cycle, type-only imports included', () => {
		const graph = new Map(files.map(file => [file, edges.filter(edge => edge.from === file).map(edge => edge.to)]));
		expect(findCycle(graph)?.map(file => path.relative(ROOT, file))).toBeUndefined();
	});
});

describe('the checks themselves', () => {
	it('see an arrow up and a peer arrow', () => {
		const layer = (unit: string) => ({low: 0, peer: 0, high: 1})[unit] ?? -1;
		const unit = (file: string) => file.split('/')[0]!;
		const edges = [
			{from: 'high/a', to: 'low/b'},
			{from: 'low/b', to: 'high/a'},
			{from: 'low/c', to: 'peer/d'},
		];
		expect(arrowsAgainstTheLayers(edges, layer, unit)).toEqual([edges[1], edges[2]]);
	});

	it('see a cycle, and no cycle where there is none', () => {
		expect(
			findCycle(
				new Map([
					['a', ['b']],
					['b', ['c']],
					['c', ['a']],
					['d', []],
				]),
			),
		).toEqual(['a', 'b', 'c', 'a']);
		expect(
			findCycle(
				new Map([
					['a', ['b', 'c']],
					['b', ['c']],
					['c', []],
				]),
			),
		).toBeUndefined();
	});

	it('read type-only and dynamic imports (the walker sees what the layers rest on)', () => {
		const edges = importsOf(path.join(SRC, 'cli.ts'));
		expect(edges.some(edge => edge.dynamic && edge.to.endsWith(`${path.sep}ui${path.sep}run.tsx`))).toBe(true);
		expect(importsOf(path.join(SRC, 'fleet', 'types.ts')).some(edge => edge.typeOnly)).toBe(true);
	});
});
