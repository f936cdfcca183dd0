/**
 * Where a context's key comes from (config/contexts.ts): its file, its environment variable, or the
 * usual chain, each link of the chain only for the origin it is meant for. Called by
 * credential-sources.ts, which reads the files; the key itself is never put in a message.
 */
import {DEFAULT_BASE_URL} from '../api/defaults.js';
import type {Context} from '../config/contexts.js';
import type {Options} from '../config/flags.js';
import {UsageError} from '../config/usage-error.js';

/** What contextKey reads: the options, the environment, Letta Code's settings as read, and a key file reader. */
export type ContextKeyWorld = {
	options: Pick<Options, 'baseUrl' | 'sources'>;
	env: NodeJS.ProcessEnv;
	/** Letta Code's settings file as read (credential-sources.ts), or undefined when there is none. */
	settings:
		| {
				apiKey: string | undefined;
				baseUrl: string | undefined;
				expiresAt: number | null;
				file: string;
				label: string;
		  }
		| undefined;
	/** Reads a key file; `label` names it as the key's source. Throws UsageError when it cannot be used. */
	readKeyFile: (file: string, label: string) => Promise<{apiKey: string; keySource: string}>;
};

/**
 * The key found (undefined for none), where it came from, a Letta Code login's file and expiry (epoch ms)
 * when it is one, and a note for each link skipped because it is for another origin.
 */
export type ContextKeyFound = {
	apiKey: string | undefined;
	keySource: string | undefined;
	login?: {file: string; expiresAt: number | null};
	notes: string[];
};

/**
 * A context's key: its file, its environment variable, or the usual chain, each link only for the
 * host it is meant for. LETTA_API_KEY goes where it would go without contexts (LETTA_BASE_URL, the
 * config file's base-url, Letta Code's, else the default); Letta Code's login token only to the host
 * Letta Code itself uses it for (lettaCodeOrigin). A link skipped for
 * that reason is a note, so `letta-fleet config` can say why there is no key.
 */
export async function contextKey(context: Context, world: ContextKeyWorld): Promise<ContextKeyFound> {
	const {key, name} = context;
	if (key.from === 'file') {
		const read = await world.readKeyFile(key.path, `api-key-file ${key.path} (context ${name})`);
		return {...read, notes: []};
	}

	if (key.from === 'env') {
		const value = world.env[key.name]?.trim();
		if (!value) {
			throw new UsageError(`context ${name}: its key comes from $${key.name}, which is not set (or empty)`);
		}

		return {apiKey: value, keySource: `$${key.name} (context ${name})`, notes: []};
	}

	const {env, options, settings} = world;
	const origin = originOf(context.baseUrl);
	const notes: string[] = [];
	const envKey = env['LETTA_API_KEY']?.trim();
	if (envKey) {
		const home =
			env['LETTA_BASE_URL']?.trim() ||
			(options.sources['base-url'] === 'config' ? options.baseUrl : undefined) ||
			settings?.baseUrl ||
			DEFAULT_BASE_URL;
		if (originOf(home) === origin) return {apiKey: envKey, keySource: 'LETTA_API_KEY', notes};
		notes.push(`context ${name}: LETTA_API_KEY not sent to ${origin}: it is for ${originOf(home)}`);
	}

	if (settings?.apiKey) {
		const home = lettaCodeOrigin(env, settings.baseUrl);
		if (home === origin) {
			return {
				apiKey: settings.apiKey,
				keySource: settings.label,
				login: {file: settings.file, expiresAt: settings.expiresAt},
				notes,
			};
		}

		notes.push(`context ${name}: Letta Code's login not sent to ${origin}: it is for ${home}`);
	}

	return {apiKey: undefined, keySource: undefined, notes};
}

/**
 * Where Letta Code sends its login token, as an origin: LETTA_BASE_URL from the environment (Letta Code reads
 * it there too), else its settings' `env.LETTA_BASE_URL`, else https://api.letta.com (reference: "Auth, base URL,
 * credentials"). The token goes to this origin only.
 */
export function lettaCodeOrigin(env: NodeJS.ProcessEnv, settingsBaseUrl: string | undefined): string {
	return originOf(env['LETTA_BASE_URL']?.trim() || settingsBaseUrl || DEFAULT_BASE_URL);
}

/** A URL's origin (`https://api.letta.com`), which keys are matched to; the text itself when it does not parse. */
export function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return url;
	}
}
