/**
 * What the bundle changes in got 16 for launch time, and nothing else: an esbuild plugin.
 *
 * got imports node:http2 at its modules' top (its HTTP/2 session pool, and a check of where a stream is piped), and
 * with it node:tls and node:crypto; it imports node:https and node:tls for https requests. letta-fleet never asks got
 * for HTTP/2 (src/api/client.ts), and an http base URL (the demo server, a local Letta) needs no TLS: loading them cost
 * 15-40 ms of every launch (docs/performance.md, Issue 21). Here each of them is loaded where got first uses it: a
 * module it names is a stand-in that loads the module at the first property read and forwards every read to it,
 * the HTTP/2 protocol constants got reads at its top are written in as their values (RFC 9113's header names and
 * error codes, as node:http2 gives them when the bundle is built), and the piped-destination check loads node:http2
 * only for a destination that could be an HTTP/2 server response (its class is made when node:http2 loads: an
 * object none of whose prototypes is named Http2ServerResponse cannot be one). got's response cache (cacheable-request,
 * keyv, http-cache-semantics, normalize-url: about 80 KB of the bundle evaluated at every launch) is loaded for the
 * first request given a cache, which letta-fleet never gives.
 *
 * A patch that no longer matches got's source fails the build, so an upgrade of got is never silently unpatched.
 */
import {readFile} from 'node:fs/promises';
import http2 from 'node:http2';

/** A stand-in for the module `load` returns: loaded at the first property read, every read forwarded to it. */
const LAZY_MODULE = `
// letta-fleet (scripts/got-patches.mjs): a built-in module loaded where got first uses it, not at its top.
function lettaFleetLazyModule(load) {
	let loaded;
	return new Proxy({}, {get: (_target, key) => Reflect.get((loaded ??= load()), key)});
}
`;

/** The HTTP/2 constants got's http2-client.js reads at its top, with their values. */
const HTTP2_CONSTANT_NAMES = [
	'HTTP2_HEADER_AUTHORITY',
	'HTTP2_HEADER_METHOD',
	'HTTP2_HEADER_PATH',
	'HTTP2_HEADER_SCHEME',
	'HTTP2_HEADER_STATUS',
	'HTTP2_METHOD_CONNECT',
	'NGHTTP2_CANCEL',
	'NGHTTP2_NO_ERROR',
];

function http2Constants() {
	return HTTP2_CONSTANT_NAMES.map(name => {
		const value = http2.constants[name];
		if (typeof value !== 'string' && typeof value !== 'number') {
			throw new TypeError(`scripts/got-patches.mjs: node:http2 has no constant ${name}`);
		}

		return `${name} = ${JSON.stringify(value)}`;
	}).join(', ');
}

/** Each patched file of got (its path's end) and its replacements, each of text found exactly once. */
const PATCHES = [
	{
		file: 'got/dist/source/core/index.js',
		replacements: [
			["import { Http2ServerResponse, constants as http2Constants } from 'node:http2';\n", ''],
			[
				"import CacheableRequest, { CacheError as CacheableCacheError, } from 'cacheable-request';\n",
				`// letta-fleet (scripts/got-patches.mjs): cacheable-request, and keyv, http-cache-semantics and normalize-url with
// it, loaded for the first request with a cache; none of its errors can exist before.
let lettaFleetCacheable;
const lettaFleetCacheableRequest = () => (lettaFleetCacheable ??= require('cacheable-request'));
`,
			],
			[
				'const cacheableRequest = new CacheableRequest(',
				'const cacheableRequest = new (lettaFleetCacheableRequest().default)(',
			],
			[
				'if (error instanceof CacheableCacheError) {',
				'if (lettaFleetCacheable !== undefined && error instanceof lettaFleetCacheable.CacheError) {',
			],
			[
				'|| destination instanceof Http2ServerResponse;',
				`|| lettaFleetIsHttp2ServerResponse(destination);
// letta-fleet (scripts/got-patches.mjs): node:http2 is loaded only for what could be one of its server responses.
function lettaFleetIsHttp2ServerResponse(destination) {
	if ((typeof destination !== 'object' && typeof destination !== 'function') || destination === null) {
		return false;
	}
	for (let prototype = Object.getPrototypeOf(destination); prototype !== null; prototype = Object.getPrototypeOf(prototype)) {
		if (Object.hasOwn(prototype, 'constructor') && prototype.constructor?.name === 'Http2ServerResponse') {
			return destination instanceof require('node:http2').Http2ServerResponse;
		}
	}
	return false;
}`,
			],
			[
				'if (destination instanceof Http2ServerResponse) {',
				'if (lettaFleetIsHttp2ServerResponse(destination)) {',
			],
			[
				'destination.stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR);',
				"destination.stream.close(require('node:http2').constants.NGHTTP2_INTERNAL_ERROR);",
			],
		],
	},
	{
		file: 'got/dist/source/core/utils/http2-client.js',
		replacements: [
			["import http2 from 'node:http2';\n", "const http2 = lettaFleetLazyModule(() => require('node:http2'));\n"],
			["import https from 'node:https';\n", "const https = lettaFleetLazyModule(() => require('node:https'));\n"],
			["import tls from 'node:tls';\n", "const tls = lettaFleetLazyModule(() => require('node:tls'));\n"],
			[
				'const { HTTP2_HEADER_AUTHORITY, HTTP2_HEADER_METHOD, HTTP2_HEADER_PATH, HTTP2_HEADER_SCHEME, HTTP2_HEADER_STATUS, HTTP2_METHOD_CONNECT, NGHTTP2_CANCEL, NGHTTP2_NO_ERROR, } = http2.constants;',
				() => `const ${http2Constants()};`,
			],
		],
		append: LAZY_MODULE,
	},
	{
		file: 'got/dist/source/core/options.js',
		replacements: [
			["import { checkServerIdentity } from 'node:tls';\n", ''],
			["import https from 'node:https';\n", "const https = lettaFleetLazyModule(() => require('node:https'));\n"],
			[
				'checkServerIdentity: https.checkServerIdentity ?? checkServerIdentity,',
				// Over https node:tls's own function (an agent pools sockets apart for another), loaded by then anyway.
				"checkServerIdentity: https.checkServerIdentity ?? (url.protocol === 'https:' ? require('node:tls').checkServerIdentity : lettaFleetCheckServerIdentity),",
			],
		],
		append: `${LAZY_MODULE}
// letta-fleet (scripts/got-patches.mjs): node:tls's own check for a request that is not https (a TLS proxy), node:tls
// loaded when a certificate is checked.
function lettaFleetCheckServerIdentity(hostname, certificate) {
	return require('node:tls').checkServerIdentity(hostname, certificate);
}
`,
	},
];

/** `source` with `patch` applied; throws, naming the file and the text, when a text is not there exactly once. */
export function applyGotPatch(source, patch, path) {
	let patched = source;
	for (const [from, to] of patch.replacements) {
		const first = patched.indexOf(from);
		if (first === -1 || patched.indexOf(from, first + 1) !== -1) {
			throw new Error(
				`scripts/got-patches.mjs: ${path} ${first === -1 ? 'no longer has' : 'has more than one'} "${from.trim()}"`,
			);
		}

		patched = patched.replace(from, typeof to === 'function' ? to : () => to);
	}

	return patched + (patch.append ?? '');
}

/** The esbuild plugin. */
export const gotPatches = {
	name: 'got-patches',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]got[\\/]dist[\\/]source[\\/].*\.js$/}, async args => {
			const path = args.path.replaceAll('\\', '/');
			const patch = PATCHES.find(candidate => path.endsWith(`/node_modules/${candidate.file}`));
			if (!patch) return undefined;
			return {contents: applyGotPatch(await readFile(args.path, 'utf8'), patch, args.path), loader: 'js'};
		});
	},
};

/** The files patched, for the test that checks every one is in the bundle. */
export const GOT_PATCHED_FILES = PATCHES.map(patch => patch.file);
