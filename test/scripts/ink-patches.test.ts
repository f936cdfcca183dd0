import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import fc from 'fast-check';
import {afterEach, describe, expect, it} from 'vitest';
import {inkPatches} from '../../scripts/ink-patches.mjs';

type OnLoad = (args: {path: string}) => Promise<{contents: string}>;

/** The plugin's two hooks, as esbuild would call them. */
function hooks() {
	let onLoad: OnLoad | undefined;
	inkPatches.setup({onLoad: (_options: unknown, callback: OnLoad) => (onLoad = callback)});
	return {onLoad: onLoad!};
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

	it('is in the built bundle', () => {
		const meta = JSON.parse(readFileSync('build/bundle-meta.json', 'utf8')) as {inputs: Record<string, unknown>};
		expect(Object.keys(meta.inputs).some(input => input.endsWith('node_modules/ink/build/output.js'))).toBe(true);
		const chunks = readdirSync('dist').filter(file => file.endsWith('.js'));
		const patched = chunks.filter(file =>
			readFileSync(path.join('dist', file), 'utf8').includes('sharedOutputCaches'),
		);
		expect(patched).toHaveLength(1);
	});
});
