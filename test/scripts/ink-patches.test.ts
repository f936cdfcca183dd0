import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {pathToFileURL} from 'node:url';
import {inkPatches, OUTPUT_CACHE_CHARACTERS, TEXT_CACHE_ENTRIES} from '../../scripts/ink-patches.mjs';

type OnLoad = (args: {path: string}) => Promise<{contents: string}>;

/** The plugin's hook for a module at `file`, as esbuild would call it. */
function hooks(file = 'node_modules/ink/build/output.js') {
	const found: OnLoad[] = [];
	inkPatches.setup({
		onLoad: ({filter}: {filter: RegExp}, callback: OnLoad) => {
			if (filter.test(path.resolve(file))) found.push(callback);
		},
	});
	expect(found).toHaveLength(1);
	return {onLoad: found[0]!};
}

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

describe('the bundle patches Ink', () => {
	it("keeps the installed Ink's output caches across frames", async () => {
		const file = path.resolve('node_modules/ink/build/output.js');
		const {contents} = await hooks().onLoad({path: file});
		expect(contents).toContain('caches = sharedOutputCaches();');
		expect(contents).not.toContain('caches = new OutputCaches();');
	});

	it('fails the build when an upgrade of Ink no longer matches the patch', async () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'letta-fleet-ink-patch-'));
		folders.push(folder);
		const file = path.join(folder, 'output.js');
		writeFileSync(file, 'export default class Output { caches = makeCaches(); }');
		await expect(hooks().onLoad({path: file})).rejects.toThrow(/no longer has/);
	});

	/** Ink's module `name` as the bundle has it, with `exported` (its cache) exported to be counted. */
	async function patched<Module>(name: string, exported: string): Promise<Module> {
		// Beside the project's node_modules, so the patched module imports Ink's own dependencies.
		const folder = mkdtempSync(path.join('build', 'ink-patch-'));
		folders.push(folder);
		const file = path.resolve('node_modules/ink/build', name);
		const {contents} = await hooks(file).onLoad({path: file});
		const copy = path.resolve(folder, name);
		// No source map beside the copy.
		const source = contents.replace(/^\/\/# sourceMappingURL=.*$/m, '');
		writeFileSync(copy, `${source}\nexport {${exported} as lettaFleetCache};\n`);
		return (await import(pathToFileURL(copy).href)) as Module;
	}

	it("keeps Ink's output caches to OUTPUT_CACHE_CHARACTERS styled characters, frame after frame", async () => {
		type Output = {
			write: (x: number, y: number, text: string, options: object) => void;
			get: () => {output: string};
		};
		const ink = await patched<{
			default: new (size: {width: number; height: number}) => Output;
			lettaFleetCache: {heldCharacters: number; styledChars: Map<string, unknown[]>};
		}>('output.js', 'lettaFleetOutputCaches');
		let most = 0;
		// A churning fleet's screen, 120x40: each frame, every line a new text (an age, a count).
		for (let frame = 0; frame < 100; frame++) {
			const output = new ink.default({width: 120, height: 40});
			const lines = Array.from(
				{length: 40},
				(_, row) => `\u001B[32m● online\u001B[39m ${'x'.repeat(90)} ${frame}:${row}`,
			);
			for (const [row, line] of lines.entries()) output.write(0, row, line, {transformers: []});
			// What is drawn is what was written, remembered or not.
			expect(output.get().output.split('\n')[39]).toContain(`${frame}:39`);
			const held = ink.lettaFleetCache;
			most = Math.max(most, held.heldCharacters);
			// The count is of what the cache holds.
			expect(held.heldCharacters).toBe(
				[...held.styledChars.values()].reduce((sum, chars) => sum + chars.length, 0),
			);
		}

		// Past the bound by at most the frame that crossed it.
		expect(most).toBeLessThanOrEqual(OUTPUT_CACHE_CHARACTERS + 40 * 120);
		expect(most).toBeGreaterThan(OUTPUT_CACHE_CHARACTERS / 2);
	});

	it("keeps each of Ink's text caches to TEXT_CACHE_ENTRIES texts however many it is asked about", async () => {
		type Cached = {default: (...args: unknown[]) => unknown; lettaFleetCache: {size: number}};
		const measure = await patched<Cached>('measure-text.js', 'cache');
		const wrap = await patched<Cached>('wrap-text.js', 'wrapTextCache');
		// A churning fleet's screen: every tick a new text (an age, a count) in each of a frame's lines.
		for (let tick = 0; tick < 10 * TEXT_CACHE_ENTRIES; tick++) {
			const text = `● online  host-${tick % 40}  ${tick}s ago`;
			expect(measure.default(text)).toEqual({width: text.length, height: 1});
			expect(wrap.default(text, 20, 'truncate-end')).toBe(`${text.slice(0, 19)}…`);
		}

		expect(measure.lettaFleetCache.size).toBeLessThanOrEqual(2 * TEXT_CACHE_ENTRIES);
		expect(wrap.lettaFleetCache.size).toBeLessThanOrEqual(2 * TEXT_CACHE_ENTRIES);
	});

	it('fails the build when an upgrade of Ink no longer has the text cache the patch bounds', async () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'letta-fleet-ink-patch-'));
		folders.push(folder);
		const file = path.join(folder, 'node_modules', 'ink', 'build', 'wrap-text.js');
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, 'export const wrapTextCache = new Map();');
		await expect(hooks(file).onLoad({path: file})).rejects.toThrow(/no longer has/);
	});

	it('is in the built bundle', () => {
		const meta = JSON.parse(readFileSync('build/bundle-meta.json', 'utf8')) as {inputs: Record<string, unknown>};
		expect(Object.keys(meta.inputs).some(input => input.endsWith('node_modules/ink/build/output.js'))).toBe(true);
		const chunks = readdirSync('dist').filter(file => file.endsWith('.js'));
		const patched = chunks.filter(file =>
			readFileSync(path.join('dist', file), 'utf8').includes('sharedOutputCaches'),
		);
		expect(patched).toHaveLength(1);
		const text = chunks.map(file => readFileSync(path.join('dist', file), 'utf8')).join('\n');
		expect(text.match(/new QuickLRU\(\{ maxSize: \d+ \}\)/g)).toEqual([
			`new QuickLRU({ maxSize: ${TEXT_CACHE_ENTRIES} })`,
			`new QuickLRU({ maxSize: ${TEXT_CACHE_ENTRIES} })`,
		]);
	});
});
