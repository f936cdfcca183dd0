/**
 * Contexts, as k9s has them: the config file's `contexts` map, each a name for where to watch (a
 * base URL) and where that place's key comes from, and the one in use (`--context NAME`, env
 * LETTA_FLEET_CONTEXT, the config file's `context`). Pure: parsing and choosing; the key itself is
 * read by credentials/credential-sources.ts, and only ever sent to its context's host.
 *
 * The config file is hostile input like any other: every count and length is bounded, and no
 * message quotes a value that could be a key (only names the user typed, validated first).
 */
import {checkUrl} from './flag-kinds.js';
import {nearestWord} from './did-you-mean.js';
import {UsageError} from './usage-error.js';

/** At most this many contexts in one file. */
export const MAX_CONTEXTS = 64;
/** A context's name: 1-64 of these characters, so it is safe in a header, a message and a shell. */
export const CONTEXT_NAME = /^[A-Za-z0-9._-]{1,64}$/;
/** The longest base URL or key file path a context may hold, in characters. */
export const MAX_CONTEXT_TEXT = 2048;
/** An environment variable's name, as POSIX shells allow one, at most 128 characters. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** The environment variable that names the context in use (below `--context`, above the config file's `context`). */
export const CONTEXT_ENV = 'LETTA_FLEET_CONTEXT';

/**
 * Where a context's key comes from: a file (read as --api-key-file reads one), an environment
 * variable by name, or the usual chain (LETTA_API_KEY, Letta Code's login), each only for the host
 * it is meant for (credential-sources.ts).
 */
export type ContextKey = {from: 'file'; path: string} | {from: 'env'; name: string} | {from: 'chain'};

/** One context: its name, its base URL (no trailing slash), and where its key comes from. */
export type Context = {name: string; baseUrl: string; key: ContextKey};

/** The keys a context may hold. */
const CONTEXT_KEYS = ['base-url', 'api-key-file', 'api-key-env'] as const;
/** Keys that would hold a raw key: refused with what to do instead. */
const RAW_KEY_NAMES = /^(api[-_]?key|apikey|key|token|secret|password|letta[-_]api[-_]key|bearer)$/i;
export const RAW_KEY_MESSAGE = 'put the key in a file and name it with api-key-file';

/**
 * The config file's `contexts` value as a list, in the file's order.
 *
 * @throws UsageError naming `label` (the file), the context and why: not an object, more than
 * MAX_CONTEXTS, a bad name, an unknown key (with did-you-mean), a raw key, a missing or bad
 * base-url, both key sources, a text over MAX_CONTEXT_TEXT. Never quotes a value that could be a key.
 */
export function parseContexts(raw: unknown, label: string): Context[] {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		throw new UsageError(
			`${label}: "contexts" must be an object of name → {"base-url": ...}, like {"prod": {"base-url": "https://api.letta.com"}}`,
		);
	}

	const entries = Object.entries(raw);
	if (entries.length > MAX_CONTEXTS) {
		throw new UsageError(`${label}: "contexts" holds ${entries.length} contexts; at most ${MAX_CONTEXTS}`);
	}

	return entries.map(([name, value], index) => parseContext(name, value, index, label));
}

function parseContext(name: string, value: unknown, index: number, label: string): Context {
	if (!CONTEXT_NAME.test(name)) {
		throw new UsageError(
			`${label}: context ${index + 1}'s name is not 1-64 of the letters A-Z a-z, digits, '.', '_' and '-'`,
		);
	}

	const where = `${label}: context "${name}"`;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new UsageError(`${where} must be an object like {"base-url": "https://api.letta.com"}`);
	}

	const fields = value as Record<string, unknown>;
	for (const key of Object.keys(fields)) {
		if ((CONTEXT_KEYS as readonly string[]).includes(key)) continue;
		if (RAW_KEY_NAMES.test(key)) throw new UsageError(`${where}: a key is never written here; ${RAW_KEY_MESSAGE}`);
		const near = nearestWord(key, CONTEXT_KEYS);
		const shown = /^[\w.-]{1,32}$/.test(key) ? `"${key}"` : 'a key';
		throw new UsageError(
			`${where}: unknown ${shown}${near ? `; did you mean "${near}"?` : ''} (a context holds ${CONTEXT_KEYS.join(', ')})`,
		);
	}

	const baseUrl = boundedText(fields['base-url'], `${where}: "base-url"`);
	if (baseUrl === undefined) throw new UsageError(`${where} needs a "base-url", like "https://api.letta.com"`);
	const url = plainUrl(baseUrl, `${where}: "base-url"`);
	// A URL can carry a password (user:pass@) or a token in its query: the key has its own place.
	if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
		throw new UsageError(
			`${where}: "base-url" must be a plain URL, without user:password@, ? or #; ${RAW_KEY_MESSAGE}`,
		);
	}

	const file = boundedText(fields['api-key-file'], `${where}: "api-key-file"`);
	const envName = boundedText(fields['api-key-env'], `${where}: "api-key-env"`);
	if (file !== undefined && envName !== undefined) {
		throw new UsageError(`${where}: "api-key-file" and "api-key-env" are two key sources; keep one`);
	}

	if (envName !== undefined && !ENV_NAME.test(envName)) {
		throw new UsageError(
			`${where}: "api-key-env" takes the name of an environment variable, like "CI_LETTA_KEY"; ${RAW_KEY_MESSAGE}`,
		);
	}

	const key: ContextKey =
		file !== undefined ? {from: 'file', path: file} : envName ? {from: 'env', name: envName} : {from: 'chain'};
	return {name, baseUrl: baseUrl.replace(/\/+$/, ''), key};
}

/** `text` as a URL, or a UsageError that does not quote it (a key pasted in the wrong place must not be shown). */
function plainUrl(text: string, label: string): URL {
	try {
		return checkUrl(text, label);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		throw new UsageError(`${label} must be an http or https URL like https://api.letta.com`);
	}
}

/** A non-empty string of at most MAX_CONTEXT_TEXT printable characters, or undefined when absent. */
function boundedText(value: unknown, label: string): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${label} must be a non-empty string`);
	if (value.length > MAX_CONTEXT_TEXT) throw new UsageError(`${label} is over ${MAX_CONTEXT_TEXT} characters`);
	if (/[\u0000-\u001F\u007F-\u009F]/.test(value)) {
		throw new UsageError(`${label} must be printable text, without control characters`);
	}

	return value.trim();
}

/**
 * The context named `name`, or a UsageError saying so with did-you-mean and the list. `label` says
 * where the name came from (`--context`, `LETTA_FLEET_CONTEXT`, the config file).
 */
export function findContext(contexts: readonly Context[], name: string, label: string): Context {
	const found = contexts.find(context => context.name === name);
	if (found) return found;
	if (contexts.length === 0) {
		throw new UsageError(
			`${label}: there are no contexts; add a "contexts" map to the config file (see README, "Contexts")`,
		);
	}

	const names = contexts.map(context => context.name);
	const shown = CONTEXT_NAME.test(name) ? `"${name}"` : 'that name';
	const near = nearestWord(name, names);
	throw new UsageError(
		`${label}: no context ${shown}${near ? `; did you mean "${near}"?` : ''} (contexts: ${names.join(', ')})`,
	);
}

/** What chooseContext reads of the options. */
export type ContextChoice = {
	context: string | undefined;
	contexts: readonly Context[];
	sources: Record<string, string>;
};

/**
 * The context in use and where its name came from, or undefined for none. `--context` first; then,
 * unless --base-url, --api-key-file or --demo was given (a flag wins over the environment and the
 * config file), LETTA_FLEET_CONTEXT, then the config file's `context`.
 *
 * @throws UsageError for a name that is no context (did-you-mean and the list).
 */
export function chooseContext(
	options: ContextChoice,
	env: NodeJS.ProcessEnv,
): {context: Context; from: string} | undefined {
	if (options.sources['context'] === 'flag' && options.context !== undefined) {
		return {context: findContext(options.contexts, options.context, '--context'), from: '--context'};
	}

	if (['base-url', 'api-key-file', 'demo'].some(name => options.sources[name] === 'flag')) return undefined;
	const fromEnv = env[CONTEXT_ENV]?.trim();
	if (fromEnv) return {context: findContext(options.contexts, fromEnv, CONTEXT_ENV), from: CONTEXT_ENV};
	if (options.context !== undefined) {
		return {
			context: findContext(options.contexts, options.context, 'the config file: "context"'),
			from: 'config file',
		};
	}

	return undefined;
}

/** Where a context's key comes from, in words (never the key): for `letta-fleet config` and the picker. */
export function describeContextKey(key: ContextKey): string {
	switch (key.from) {
		case 'file': {
			return `key from file ${key.path}`;
		}

		case 'env': {
			return `key from $${key.name}`;
		}

		case 'chain': {
			return "key: LETTA_API_KEY or Letta Code's login, for their own host only";
		}
	}
}
