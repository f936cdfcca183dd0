/**
 * What the bundle changes in yoga-layout (Ink's layout engine) for launch time, and nothing else: an esbuild plugin.
 *
 * yoga-layout ships its WebAssembly as a base64 string and turns it into bytes at every launch with `atob` and a
 * JavaScript loop over the 71 736 characters it decodes to, run cold: 1.6-3.1 ms of the live view's start, measured
 * in Node 24 against 0.05 ms for Node's own base64 decoder (docs/performance.md, Issue 21, "Launch, third round").
 * Here the same bytes come from `Buffer.from(text, 'base64')`.
 *
 * A patch that no longer matches the module's source fails the build, so an upgrade is never silently unpatched.
 */
import {readFile} from 'node:fs/promises';

/** The decoding as yoga-layout 3 writes it (minified: `xa` is its atob), and what it becomes. */
const DECODE = {
	loop: 'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
	native: 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))',
};

/** The esbuild plugin. */
export const yogaWasmPatch = {
	name: 'yoga-wasm-patch',
	setup(build) {
		build.onLoad(
			{filter: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/},
			async args => {
				const source = await readFile(args.path, 'utf8');
				if (source.split(DECODE.loop).length !== 2) {
					throw new Error(
						`scripts/yoga-wasm-patch.mjs: ${args.path} no longer decodes its wasm once as expected`,
					);
				}

				return {contents: source.replace(DECODE.loop, DECODE.native), loader: 'js'};
			},
		);
	},
};
