import {cpSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
import {yogaWasmPatch} from '../../scripts/yoga-wasm-patch.mjs';
import {tempFolder} from '../helpers/temp-folder.js';

type OnLoad = (args: {path: string}) => Promise<{contents: string}>;

/** The plugin's hook, as esbuild would call it. */
function onLoad(): OnLoad {
	let hook: OnLoad | undefined;
	yogaWasmPatch.setup({onLoad: (_options: unknown, callback: OnLoad) => (hook = callback)});
	return hook!;
}

const INSTALLED = path.resolve('node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js');
/** yoga-layout's own wrapper of the Emscripten module: what Ink calls. */
const WRAPPER = pathToFileURL(path.resolve('node_modules/yoga-layout/dist/src/wrapAssembly.js')).href;

/** The parts of an Emscripten Yoga module the test lays out with. */
type YogaNode = {
	setWidth(width: number): void;
	setHeight(height: number): void;
	setFlexGrow(grow: number): void;
	setFlexDirection(direction: number): void;
	insertChild(child: YogaNode, index: number): void;
	calculateLayout(width: number, height: number, direction: number): void;
	getComputedLayout(): {left: number; top: number; width: number; height: number};
};
type YogaModule = {Node: {create(): YogaNode}};

describe("the bundle decodes Yoga's WebAssembly with Node's base64 decoder", () => {
	it('leaves no character-by-character decoding loop in the installed module', async () => {
		const {contents} = await onLoad()({path: INSTALLED});
		expect(contents).not.toContain('charCodeAt(a);var d=c');
		expect(contents).toContain('Buffer.from(a.slice(37),"base64")');
	});

	it('lays out a tree exactly as the unpatched module does', async () => {
		const folder = tempFolder('letta-fleet-yoga-');
		cpSync(path.dirname(INSTALLED), folder, {recursive: true});
		writeFileSync(path.join(folder, 'patched.js'), (await onLoad()({path: INSTALLED})).contents);
		writeFileSync(path.join(folder, 'package.json'), '{"type": "module"}');
		const layout = async (file: string) => {
			const load = (await import(pathToFileURL(path.join(folder, file)).href)) as {
				default: () => Promise<unknown>;
			};
			const {default: wrapAssembly} = (await import(WRAPPER)) as {default: (raw: unknown) => YogaModule};
			const yoga = wrapAssembly(await load.default());
			const root = yoga.Node.create();
			root.setWidth(120);
			root.setHeight(40);
			root.setFlexDirection(2); // row
			const children = [1, 2, 3].map(grow => {
				const child = yoga.Node.create();
				child.setFlexGrow(grow);
				return child;
			});
			for (const [index, child] of children.entries()) root.insertChild(child, index);
			root.calculateLayout(120, 40, 1); // left to right
			return children.map(child => child.getComputedLayout());
		};

		const unpatched = await layout('yoga-wasm-base64-esm.js');
		expect(unpatched.map(box => box.width)).toEqual([20, 40, 60]);
		expect(await layout('patched.js')).toEqual(unpatched);
	});

	it('fails the build when the module no longer decodes as expected', async () => {
		const folder = tempFolder('letta-fleet-yoga-');
		const file = path.join(folder, 'yoga-wasm-base64-esm.js');
		writeFileSync(file, 'var xa = atob;');
		await expect(onLoad()({path: file})).rejects.toThrow(/no longer decodes its wasm/);
	});
});
