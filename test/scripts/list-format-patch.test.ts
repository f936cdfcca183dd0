import {cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {listFormatPatch} from '../../scripts/list-format-patch.mjs';

type OnLoad = (args: {path: string}) => Promise<{contents: string}>;

/** The plugin's hook, as esbuild would call it. */
function onLoad(): OnLoad {
	let hook: OnLoad | undefined;
	listFormatPatch.setup({onLoad: (_options: unknown, callback: OnLoad) => (hook = callback)});
	return hook!;
}

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

const INSTALLED = path.resolve('node_modules/@sindresorhus/is/distribution/index.js');

describe("the bundle builds got's list formatters only when a message needs them", () => {
	it('leaves no Intl.ListFormat built when the installed module loads', async () => {
		const {contents} = await onLoad()({path: INSTALLED});
		expect(contents).not.toMatch(/=\s*new Intl\.ListFormat/);
		expect(contents.match(/=> new Intl\.ListFormat/g)).toHaveLength(2);
	});

	it('words the assertion message as the unpatched module does', async () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'letta-fleet-list-format-'));
		folders.push(folder);
		// Each copy beside the module's own imports, as the bundle has them.
		cpSync(path.dirname(INSTALLED), folder, {recursive: true});
		const {contents} = await onLoad()({path: INSTALLED});
		writeFileSync(path.join(folder, 'patched.js'), contents);
		writeFileSync(path.join(folder, 'package.json'), '{"type": "module"}');
		type Is = {assertAll: (predicate: unknown, ...values: unknown[]) => void; isString: unknown};
		const message = async (file: string) => {
			const module = (await import(pathToFileURL(path.join(folder, file)).href)) as Is;
			try {
				module.assertAll(module.isString, 'a', 1, null);
			} catch (error) {
				return (error as Error).message;
			}

			return 'no error';
		};

		const patched = await message('patched.js');
		expect(patched).toMatch(/Received values of types `string`, `number`, and `null`/);
		expect(patched).toBe(await message('index.js'));
	});

	it('fails the build when an upgrade no longer matches the patch', async () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'letta-fleet-list-format-'));
		folders.push(folder);
		const file = path.join(folder, 'index.js');
		writeFileSync(file, "const andFormatter = new Intl.ListFormat('en');");
		await expect(onLoad()({path: file})).rejects.toThrow(/no longer has/);
	});

	it('is in the built bundle', () => {
		const chunks = readdirSync('dist').filter(file => file.endsWith('.js'));
		const text = chunks.map(file => readFileSync(path.join('dist', file), 'utf8')).join('\n');
		expect(text).not.toMatch(/=\s*new Intl\.ListFormat/);
		expect(text).toContain('=> new Intl.ListFormat');
	});
});
