/**
 * The bundle's patches to got (scripts/got-patches.mjs) load node:http2, node:https, node:tls and got's response cache
 * where got first uses them. Over https the built binary still checks certificates (test/api/tls.test.ts) and tunnels
 * (test/api/proxy-cli.test.ts); here: each patch matches the installed got, fails the build when it no longer does,
 * and a one-shot against an http server loads none of them.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {applyGotPatch, GOT_PATCHED_FILES, gotPatches} from '../../scripts/got-patches.mjs';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {ROOT, runCli} from '../helpers/cli.js';

type OnLoad = (args: {path: string}) => Promise<{contents: string} | undefined>;

/** The plugin's hook, as esbuild would call it. */
function onLoad(): OnLoad {
	let hook: OnLoad | undefined;
	gotPatches.setup({onLoad: (_options, callback) => (hook = callback)});
	return hook!;
}

describe('the bundle patches got', () => {
	it("patches the installed got's files, leaving none of the top-level loads it moves", async () => {
		for (const file of GOT_PATCHED_FILES) {
			const loaded = await onLoad()({path: path.resolve('node_modules', file)});
			expect(loaded, file).toBeDefined();
			expect(loaded!.contents, file).not.toMatch(/^import .* from 'node:(http2|https|tls)';$/m);
			expect(loaded!.contents, file).not.toMatch(/^import .* from 'cacheable-request';$/m);
		}
	});

	it('writes in the HTTP/2 constants got reads at its top, with their values', async () => {
		const loaded = await onLoad()({path: path.resolve('node_modules/got/dist/source/core/utils/http2-client.js')});
		expect(loaded!.contents).toContain('HTTP2_HEADER_AUTHORITY = ":authority"');
		expect(loaded!.contents).toContain('NGHTTP2_NO_ERROR = 0');
	});

	it('leaves the rest of got alone', async () => {
		expect(await onLoad()({path: path.resolve('node_modules/got/dist/source/core/response.js')})).toBeUndefined();
	});

	it('fails the build when an upgrade of got no longer matches a patch', () => {
		const patch = {replacements: [["import http2 from 'node:http2';\n", ''] as [string, string]]};
		expect(() => applyGotPatch("import http2 from 'node:http2/index.js';\n", patch, 'x.js')).toThrow(
			/x\.js no longer has "import http2 from 'node:http2';"/,
		);
		expect(() =>
			applyGotPatch("import http2 from 'node:http2';\nimport http2 from 'node:http2';\n", patch, 'x.js'),
		).toThrow(/more than one/);
	});

	it('is in the built bundle', () => {
		const meta = JSON.parse(readFileSync(path.join(ROOT, 'build/bundle-meta.json'), 'utf8')) as {
			inputs: Record<string, unknown>;
		};
		for (const file of GOT_PATCHED_FILES) {
			expect(Object.keys(meta.inputs).some(input => input.endsWith(`node_modules/${file}`))).toBe(true);
		}
	});
});

describe('a one-shot against an http server, as built', () => {
	let server: DemoServer;
	beforeAll(async () => {
		server = await startDemoServer({seed: 5, size: 30, churnPerMinute: 0});
	});
	afterAll(async () => server?.close());

	it('prints every listener and loads neither HTTP/2, TLS nor a response cache', async () => {
		// The child writes the built-in modules it loaded to stderr as it exits (Node's own list).
		const report = path.join(ROOT, 'test/fixtures/print-loaded-builtins.mjs');
		const result = await runCli(['--once', '--json'], {
			LETTA_BASE_URL: server.url,
			LETTA_API_KEY: server.apiKey,
			NODE_OPTIONS: `--import=${report}`,
		});
		expect(result.code, result.stderr).toBe(0);
		expect((JSON.parse(result.stdout) as {connections: unknown[]}).connections).toHaveLength(30);
		const loaded = result.stderr.split('\n').filter(line => line.startsWith('NativeModule '));
		// The list is there (so the check below can fail) and has the HTTP client in it.
		expect(loaded).toContain('NativeModule http');
		expect(loaded.filter(line => /^NativeModule (http2|https|tls)$/.test(line))).toEqual([]);
	});
});
