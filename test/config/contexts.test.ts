import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {chooseContext, MAX_CONTEXTS, parseContexts} from '../../src/config/contexts.js';
import {parseOptions} from '../../src/config/options.js';
import {UsageError} from '../../src/config/usage-error.js';
import {resolveCredentials} from '../../src/credentials/credential-sources.js';
import {promised} from '../helpers/promised.js';

const FILE = '/home/me/.config/letta-fleet/config.json';
const CONTEXTS = {
	prod: {'base-url': 'https://api.letta.com'},
	staging: {'base-url': 'https://letta.staging.example/', 'api-key-file': '/home/me/.letta-staging.key'},
	ci: {'base-url': 'http://127.0.0.1:8283', 'api-key-env': 'CI_LETTA_KEY'},
};

function message(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(UsageError);
		return (error as Error).message;
	}

	throw new Error('expected a UsageError');
}

describe('the config file\'s "contexts"', () => {
	it('reads each context: its base URL (no trailing slash) and where its key comes from', () => {
		const options = parseOptions([], {context: 'prod', contexts: CONTEXTS}, FILE);
		expect(options.contexts).toEqual([
			{name: 'prod', baseUrl: 'https://api.letta.com', key: {from: 'chain'}},
			{
				name: 'staging',
				baseUrl: 'https://letta.staging.example',
				key: {from: 'file', path: '/home/me/.letta-staging.key'},
			},
			{name: 'ci', baseUrl: 'http://127.0.0.1:8283', key: {from: 'env', name: 'CI_LETTA_KEY'}},
		]);
		expect(chooseContext(options, {})?.context.name).toBe('prod');
	});

	it('refuses a bad file with its path, the context and why', () => {
		const bad = (contexts: unknown) => message(() => parseOptions([], {contexts}, FILE));
		expect(bad([])).toMatch(/^\/home\/me\/\.config\/letta-fleet\/config\.json: "contexts" must be an object/);
		expect(bad({prod: {}})).toBe(`${FILE}: context "prod" needs a "base-url", like "https://api.letta.com"`);
		expect(bad({prod: {'base-url': 'ftp://x'}})).toContain(
			'context "prod": "base-url" must be an http or https URL',
		);
		expect(bad({prod: {'base-url': 'https://x', 'base-ulr': 'y'}})).toBe(
			`${FILE}: context "prod": unknown "base-ulr"; did you mean "base-url"? (a context holds base-url, api-key-file, api-key-env)`,
		);
		expect(bad({'no spaces': {'base-url': 'https://x'}})).toContain("context 1's name is not 1-64 of the letters");
		expect(bad({['a'.repeat(65)]: {'base-url': 'https://x'}})).toContain("context 1's name is not 1-64");
		expect(bad({a: {'base-url': 'https://x', 'api-key-file': '/k', 'api-key-env': 'K'}})).toContain(
			'two key sources; keep one',
		);
		const many = Object.fromEntries(
			Array.from({length: MAX_CONTEXTS + 1}, (_, index) => [`c${index}`, {'base-url': 'https://x'}]),
		);
		expect(bad(many)).toBe(`${FILE}: "contexts" holds 65 contexts; at most 64`);
		expect(bad({a: {'base-url': `https://x/${'p'.repeat(3000)}`}})).toContain('is over 2048 characters');
	});

	it('never takes a raw key, and says where a key goes instead, without quoting it', () => {
		const secret = 'sk-let-0123456789abcdef';
		for (const context of [
			{'base-url': 'https://x', 'api-key': secret},
			{'base-url': 'https://x', token: secret},
			{'base-url': `https://user:${secret}@x`},
			{'base-url': `https://x/?key=${secret}`},
			{'base-url': 'https://x', 'api-key-env': secret},
		]) {
			const said = message(() => parseOptions([], {contexts: {prod: context}}, FILE));
			expect(said).toContain('put the key in a file and name it with api-key-file');
			expect(said).not.toContain(secret);
		}

		expect(message(() => parseOptions([], {'api-key': secret}, FILE))).toBe(
			`${FILE}: a key is never written in the config file; put the key in a file and name it with api-key-file`,
		);
	});

	it('is hostile input: any value is a context list or a UsageError, and no message quotes a key', () => {
		const secret = 'sk-let-SECRET-4242';
		const value = fc.oneof(
			fc.constant(secret),
			fc.string({maxLength: 40}).map(text => `${text}${secret}`),
			fc.constant(`https://${secret}.example`),
			fc.constant(`https://u:${secret}@x.example`),
			fc.jsonValue({maxDepth: 2}),
		);
		const context = fc.dictionary(
			fc.oneof(fc.constantFrom('base-url', 'api-key-file', 'api-key-env', 'api-key', 'token'), fc.string()),
			value,
			{maxKeys: 4},
		);
		const contexts = fc.oneof(
			fc.dictionary(fc.oneof(fc.string({maxLength: 70}), fc.constantFrom('prod', 'ci')), context, {maxKeys: 5}),
			fc.jsonValue({maxDepth: 3}),
		);
		fc.assert(
			fc.property(contexts, raw => {
				try {
					parseContexts(raw, FILE);
				} catch (error) {
					expect(error).toBeInstanceOf(UsageError);
					expect((error as Error).message).not.toContain(secret);
				}
			}),
			{numRuns: 2000},
		);
	});
});

describe('choosing a context', () => {
	const config = {context: 'prod', contexts: CONTEXTS};

	it('takes --context over LETTA_FLEET_CONTEXT over the config file', () => {
		expect(chooseContext(parseOptions([], config, FILE), {})).toMatchObject({
			context: {name: 'prod'},
			from: 'config file',
		});
		expect(chooseContext(parseOptions([], config, FILE), {LETTA_FLEET_CONTEXT: 'ci'})).toMatchObject({
			context: {name: 'ci'},
			from: 'LETTA_FLEET_CONTEXT',
		});
		expect(
			chooseContext(parseOptions(['--context', 'staging'], config, FILE), {LETTA_FLEET_CONTEXT: 'ci'}),
		).toMatchObject({context: {name: 'staging'}, from: '--context'});
		// --base-url on the command line wins over a context named by the environment or the file.
		expect(chooseContext(parseOptions(['--base-url', 'https://x.example'], config, FILE), {})).toBeUndefined();
	});

	it('answers an unknown name with did-you-mean and the list', () => {
		expect(message(() => parseOptions(['--context', 'stagign'], config, FILE))).toBe(
			'--context: no context "stagign"; did you mean "staging"? (contexts: prod, staging, ci)',
		);
		expect(message(() => parseOptions([], {context: 'nope', contexts: CONTEXTS}, FILE))).toBe(
			`${FILE}: "context": no context "nope" (contexts: prod, staging, ci)`,
		);
		expect(message(() => chooseContext(parseOptions([], config, FILE), {LETTA_FLEET_CONTEXT: 'pord'}))).toBe(
			'LETTA_FLEET_CONTEXT: no context "pord"; did you mean "prod"? (contexts: prod, staging, ci)',
		);
		expect(message(() => parseOptions(['--context', 'prod']))).toContain(
			'there are no contexts; add a "contexts" map to the config file',
		);
	});

	it('refuses --context with --base-url, --api-key-file or --demo, and a file naming both', () => {
		expect(message(() => parseOptions(['--context', 'prod', '--base-url', 'https://x'], config, FILE))).toBe(
			'--context names a base URL of its own; drop --base-url, or --context to watch that URL',
		);
		expect(message(() => parseOptions(['--context', 'prod', '--api-key-file', '/k'], config, FILE))).toContain(
			'put "api-key-file" in the context',
		);
		expect(message(() => parseOptions(['--context', 'prod', '--demo'], config, FILE))).toContain('--demo');
		expect(message(() => parseOptions([], {...config, 'base-url': 'https://x'}, FILE))).toContain(
			'"context" and "base-url" both say where to watch',
		);
	});
});

describe("a context's key", () => {
	const read = (map: Record<string, string>) => (file: string) =>
		promised(() => {
			const text = map[file];
			if (text === undefined) throw Object.assign(new Error('missing'), {code: 'ENOENT'});
			return text;
		});
	const login = JSON.stringify({env: {LETTA_API_KEY: 'login-token'}, tokenExpiresAt: 4_000_000_000_000});
	const resolve = (argv: string[], env: NodeJS.ProcessEnv, files: Record<string, string> = {}) =>
		resolveCredentials(parseOptions(argv, {contexts: CONTEXTS}, FILE), {env, home: '/h', read: read(files)});

	it('comes from its own file or variable, for its own base URL', async () => {
		expect(
			await resolve(
				['--context', 'staging'],
				{LETTA_API_KEY: 'env-key'},
				{'/home/me/.letta-staging.key': 'k1\n'},
			),
		).toMatchObject({
			baseUrl: 'https://letta.staging.example',
			baseUrlSource: 'context staging (--context)',
			apiKey: 'k1',
			context: 'staging',
		});
		expect(await resolve(['--context', 'ci'], {CI_LETTA_KEY: 'k2'})).toMatchObject({
			baseUrl: 'http://127.0.0.1:8283',
			apiKey: 'k2',
			keySource: '$CI_LETTA_KEY (context ci)',
		});
		await expect(resolve(['--context', 'ci'], {})).rejects.toThrow(
			'context ci: its key comes from $CI_LETTA_KEY, which is not set (or empty)',
		);
	});

	it("sends LETTA_API_KEY and Letta Code's login only to the host each is for", async () => {
		const settings = {'/h/.letta/settings.json': login};
		// prod is api.letta.com, the host Letta Code logged in to.
		expect(await resolve(['--context', 'prod'], {}, settings)).toMatchObject({
			apiKey: 'login-token',
			login: {file: '/h/.letta/settings.json'},
		});
		expect(await resolve(['--context', 'prod'], {LETTA_API_KEY: 'env-key'}, settings)).toMatchObject({
			apiKey: 'env-key',
		});
		// LETTA_BASE_URL says both are for another host (Letta Code reads it from the environment too): neither
		// goes to api.letta.com.
		const elsewhere = await resolve(
			['--context', 'prod'],
			{LETTA_API_KEY: 'env-key', LETTA_BASE_URL: 'https://other.example'},
			settings,
		);
		expect(elsewhere.apiKey).toBeUndefined();
		expect(elsewhere.notes).toEqual([
			'context prod: LETTA_API_KEY not sent to https://api.letta.com: it is for https://other.example',
			"context prod: Letta Code's login not sent to https://api.letta.com: it is for https://other.example",
		]);
		const loginElsewhere = {
			'/h/.letta/settings.json': JSON.stringify({
				env: {LETTA_API_KEY: 'login-token', LETTA_BASE_URL: 'https://self-hosted.example'},
			}),
		};
		const none = await resolve(['--context', 'prod'], {}, loginElsewhere);
		expect(none.apiKey).toBeUndefined();
		expect(none.notes).toContain(
			"context prod: Letta Code's login not sent to https://api.letta.com: it is for https://self-hosted.example",
		);
	});
});
