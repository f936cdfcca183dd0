import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
	});

	it('fails the build when an upgrade of Ink no longer matches the patch', async () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'letta-fleet-ink-patch-'));
		folders.push(folder);
		const file = path.join(folder, 'output.js');
		writeFileSync(file, 'export default class Output { caches = makeCaches(); }');
		await expect(hooks().onLoad({path: file})).rejects.toThrow(/no longer has/);
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
