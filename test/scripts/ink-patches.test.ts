import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import fc from 'fast-check';
import {afterEach, describe, expect, it} from 'vitest';
import {inkPatches, OUTPUT_CACHE_CHARACTERS, TEXT_CACHE_ENTRIES, TURNOVER_FRAMES} from '../../scripts/ink-patches.mjs';

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
		expect(contents).toContain('row.push(lettaFleetBlankCell);');
		expect(contents).toContain("if (lettaFleetBlankLine(line)) return '';");
	});

	it('fails the build when an upgrade of Ink no longer matches the patch', async () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'letta-fleet-ink-patch-'));
		folders.push(folder);
		const file = path.join(folder, 'output.js');
		writeFileSync(file, 'export default class Output { caches = makeCaches(); }');
		await expect(hooks().onLoad({path: file})).rejects.toThrow(/no longer has/);
	});

	it('draws every frame as unpatched Ink does: any writes, styles, wide glyphs and clips, frame after frame', async () => {
		type Output = {
			write(x: number, y: number, text: string, options: {transformers: unknown[]}): void;
			clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
			unclip(): void;
			get(): {output: string; height: number};
		};
		type OutputClass = new (options: {width: number; height: number}) => Output;
		const folder = mkdtempSync(path.join(os.tmpdir(), 'letta-fleet-ink-patch-'));
		folders.push(folder);
		const source = path.resolve('node_modules/ink/build/output.js');
		await build({
			entryPoints: [source],
			bundle: true,
			format: 'esm',
			platform: 'node',
			outfile: path.join(folder, 'patched.js'),
			plugins: [inkPatches],
			logLevel: 'silent',
		});
		const Patched = ((await import(pathToFileURL(path.join(folder, 'patched.js')).href)) as {default: OutputClass})
			.default;
		const Plain = ((await import(pathToFileURL(source).href)) as {default: OutputClass}).default;

		const glyph = fc.constantFrom('a', 'b', ' ', '─', '●', '界', '👍');
		const sgr = fc.constantFrom(
			'',
			'\u001B[1m',
			'\u001B[31m',
			'\u001B[2;33m',
			'\u001B[7m',
			'\u001B[0m',
			'\u001B[39m',
		);
		const text = fc
			.array(fc.oneof(glyph, sgr, fc.constant('\n')), {minLength: 1, maxLength: 24})
			.map(parts => parts.join(''));
		const operation = fc.oneof(
			fc.record({kind: fc.constant('write' as const), x: fc.nat(14), y: fc.nat(6), text}),
			fc.record({
				kind: fc.constant('clip' as const),
				clip: fc.record({x1: fc.nat(12), x2: fc.nat(14), y1: fc.nat(5), y2: fc.nat(6)}, {requiredKeys: []}),
			}),
			fc.constant({kind: 'unclip' as const}),
		);
		const frame = fc.record({
			width: fc.integer({min: 1, max: 14}),
			height: fc.integer({min: 1, max: 6}),
			operations: fc.array(operation, {maxLength: 10}),
		});
		// Several frames in a row: the patched caches and the shared blank live across them.
		fc.assert(
			fc.property(fc.array(frame, {minLength: 1, maxLength: 4}), frames => {
				for (const {width, height, operations} of frames) {
					const [patched, plain] = [new Patched({width, height}), new Plain({width, height})];
					let open = 0;
					for (const step of operations) {
						for (const output of [patched, plain]) {
							if (step.kind === 'write') output.write(step.x, step.y, step.text, {transformers: []});
							else if (step.kind === 'clip') output.clip(step.clip);
							else if (open > 0) output.unclip();
						}

						if (step.kind === 'clip') open++;
						else if (step.kind === 'unclip' && open > 0) open--;
					}

					expect(patched.get()).toEqual(plain.get());
				}
			}),
		);
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

	it("lets Ink's output caches forget lines no frame draws any more, on a screen that changes slowly", async () => {
		type Caches = {styledChars: Map<string, unknown[]>; older?: Caches};
		type Output = {
			write: (x: number, y: number, text: string, options: object) => void;
			get: () => {output: string};
		};
		const ink = await patched<{
			default: new (size: {width: number; height: number}) => Output;
			lettaFleetCache: Caches;
		}>('output.js', 'lettaFleetOutputCaches');
		const held = () => {
			const caches = ink.lettaFleetCache;
			return new Set([...caches.styledChars.keys(), ...(caches.older?.styledChars.keys() ?? [])]);
		};

		// The live view at 10 000 listeners: the same header and footer frame after frame, a new line now and then.
		const steady = Array.from({length: 10}, (_, row) => `\u001B[1mletta-fleet\u001B[22m row ${row}`);
		for (let frame = 0; frame < 5 * TURNOVER_FRAMES; frame++) {
			const output = new ink.default({width: 80, height: 11});
			for (const [row, line] of steady.entries()) output.write(0, row, line, {transformers: []});
			output.write(0, 10, `● a change, ${frame}`, {transformers: []});
			const lines = output.get().output.split('\n');
			expect(lines[0]).toBe(steady[0]);
			expect(lines[10]).toBe(`● a change, ${frame}`);
		}

		// Before the generations, all 500 changing lines stayed until the bound: now only the last two generations'.
		const kept = held();
		for (const line of steady) expect(kept.has(line)).toBe(true);
		expect(kept.size).toBeLessThanOrEqual(steady.length + 2 * TURNOVER_FRAMES);
		expect(kept.has('● a change, 0')).toBe(false);
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
