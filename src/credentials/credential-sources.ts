/**
 * Where the API key and base URL come from: flags, then the environment, then
 * Letta Code's own settings file. The key itself is never printed; only the
 * name of its source is, so a person knows which one to fix. A key from the
 * settings file is a Letta Code login: its expiry comes along (credential.ts
 * keeps it current).
 */
import path from 'node:path';
import {DEFAULT_BASE_URL} from '../api/defaults.js';
import {
	describeErrno,
	FileRefusedError,
	readKeyFileText,
	readRegularFile,
	SETTINGS_FILE_MAX_BYTES,
} from '../config/bounded-file.js';
import {configHome, type Home, realHome} from '../config/home-dir.js';
import {isLoopback} from '../api/loopback.js';
import {readTokenExpiresAt} from './login-expiry.js';
import type {Options} from '../config/flags.js';
import {UsageError} from '../config/usage-error.js';
import {checkUrl} from '../config/flag-kinds.js';
import {chooseContext} from '../config/contexts.js';
import {contextKey, lettaCodeOrigin, originOf} from './context-key.js';

export type Credentials = {
	baseUrl: string;
	/** Where the base URL came from: "--base-url", "LETTA_BASE_URL", "config file", a settings file, or "default". */
	baseUrlSource: string;
	apiKey: string | undefined;
	/** "--api-key-file /path", "LETTA_API_KEY", "~/.letta/settings.json", or undefined when there is no key. */
	keySource: string | undefined;
	/**
	 * Set when the key came from Letta Code's settings: the file's absolute path
	 * (to re-read and watch it; Letta Code rewrites it with each fresh token) and
	 * the login's expiry (epoch ms, null when the file records none).
	 */
	login?: {file: string; expiresAt: number | null};
	/** The context in use (config/contexts.ts), when one is. */
	context?: string;
	/**
	 * Why Letta Code's settings were not used, one sentence each, for `letta-fleet config`:
	 * no real home, or a settings file refused (not a regular file, too big, not JSON).
	 * Absent when there is nothing to say (the file was used, or simply does not exist).
	 */
	notes?: string[];
};

export type CredentialsEnvironment = {
	env: NodeJS.ProcessEnv;
	/** Home directory, trusted as given; default $HOME when it is a real home (src/config/home-dir.ts), else none. */
	home?: string;
	/** Reads a settings or key file; default readRegularFile for settings, readKeyFileText for a key file. */
	read?: (file: string) => Promise<string>;
	/** Ends a wait on a key file that is a pipe (a stop signal during start-up). */
	signal?: AbortSignal;
};

/**
 * The key and base URL to use, and where each came from.
 *
 * @throws UsageError for a key file that cannot be used, a bad base URL, or a key bound for plain http elsewhere.
 * @throws the signal's reason when `environment.signal` aborts a wait on a key file.
 */
export async function resolveCredentials(options: Options, environment: CredentialsEnvironment): Promise<Credentials> {
	const {env} = environment;
	const read = environment.read ?? ((file: string) => readRegularFile(file, SETTINGS_FILE_MAX_BYTES));
	const readKey = environment.read ?? ((file: string) => readKeyFileText(file, {signal: environment.signal}));
	const home: Home = environment.home === undefined ? realHome(env) : {dir: environment.home};
	const {settings, notes} = await readLettaSettings(home, env, read);
	const chosen = chooseContext(options, env);
	if (chosen) {
		const key = await contextKey(chosen.context, {
			options,
			env,
			settings,
			readKeyFile: (file, label) => readKeyFile(file, label, readKey),
		});
		checkPlainHttp(chosen.context.baseUrl, `context ${chosen.context.name}`, key.apiKey, options);
		const allNotes = [...notes, ...key.notes];
		return {
			baseUrl: chosen.context.baseUrl,
			baseUrlSource: `context ${chosen.context.name} (${chosen.from})`,
			apiKey: key.apiKey || undefined,
			keySource: key.apiKey ? key.keySource : undefined,
			context: chosen.context.name,
			...(key.apiKey && key.login ? {login: key.login} : {}),
			...(allNotes.length > 0 ? {notes: allNotes} : {}),
		};
	}

	// Flags win over the environment, which wins over the config file, which wins over Letta Code's settings.
	const fromFlag = (name: string) => options.sources[name] === 'flag';
	let apiKey: string | undefined;
	let keySource: string | undefined;
	let login: Credentials['login'];
	if (options.apiKeyFile && fromFlag('api-key-file')) {
		({apiKey, keySource} = await readKeyFile(options.apiKeyFile, `--api-key-file ${options.apiKeyFile}`, readKey));
	} else if (env['LETTA_API_KEY']?.trim()) {
		apiKey = env['LETTA_API_KEY'].trim();
		keySource = 'LETTA_API_KEY';
	} else if (options.apiKeyFile) {
		({apiKey, keySource} = await readKeyFile(
			options.apiKeyFile,
			`api-key-file ${options.apiKeyFile} (config file)`,
			readKey,
		));
	}

	const candidates: Array<[string | undefined, string]> = [
		[fromFlag('base-url') ? options.baseUrl : undefined, '--base-url'],
		[env['LETTA_BASE_URL']?.trim() || undefined, 'LETTA_BASE_URL'],
		[options.baseUrl, 'config file'],
		[settings?.baseUrl, settings?.label ?? ''],
		[DEFAULT_BASE_URL, 'default'],
	];
	const [baseUrlValue, baseUrlSource] = candidates.find(([value]) => value !== undefined) as [string, string];
	const baseUrl = baseUrlValue.replace(/\/+$/, '');
	if (!apiKey && settings?.apiKey) {
		// Letta Code's login token is for the server Letta Code logs in to: a --base-url elsewhere (a proxy, a
		// test server, a typo) must not receive it.
		const home = lettaCodeOrigin(env, settings.baseUrl);
		if (originOf(baseUrl) === home) {
			apiKey = settings.apiKey;
			keySource = settings.label;
			login = {file: settings.file, expiresAt: settings.expiresAt};
		} else {
			notes.push(
				`Letta Code's login in ${settings.label} not sent to ${originOf(baseUrl)}: it is for ${home}; give that server's key with --api-key-file or LETTA_API_KEY`,
			);
		}
	}

	checkPlainHttp(baseUrl, baseUrlSource, apiKey, options);

	return {
		baseUrl,
		baseUrlSource,
		apiKey: apiKey || undefined,
		keySource: apiKey ? keySource : undefined,
		...(apiKey && login ? {login} : {}),
		...(notes.length > 0 ? {notes} : {}),
	};
}

/** A UsageError unless the key, if any, goes over https or to this machine (or --allow-insecure-http says so). */
function checkPlainHttp(
	baseUrl: string,
	label: string,
	apiKey: string | undefined,
	options: Pick<Options, 'allowInsecureHttp'>,
): void {
	const url = checkUrl(baseUrl, label);
	if (apiKey && url.protocol === 'http:' && !isLoopback(url.hostname) && !options.allowInsecureHttp) {
		throw new UsageError(
			`refusing to send the API key over plain http to ${url.host}; use https, or pass --allow-insecure-http if you mean it`,
		);
	}
}

async function readKeyFile(
	file: string,
	keySource: string,
	read: (file: string) => Promise<string>,
): Promise<{apiKey: string; keySource: string}> {
	let text: string;
	try {
		text = await read(file);
	} catch (error) {
		if (error instanceof FileRefusedError)
			throw new UsageError(`cannot read the API key file ${file}: ${error.reason}`);
		const {code} = error as NodeJS.ErrnoException;
		// An abort (a stop signal) is not the file's fault: the caller handles it.
		if ((error as Error).name === 'AbortError' || typeof code !== 'string') throw error;
		throw new UsageError(`cannot read the API key file ${file}: ${describeErrno(code)}`);
	}

	return {apiKey: text.trim(), keySource};
}

type LettaSettingsFile = LettaSettings & {file: string; label: string};

/**
 * Letta Code keeps settings in ~/.letta/settings.json (legacy: $XDG_CONFIG_HOME/letta/settings.json),
 * read only under a real home. A file that cannot be used is Letta Code's business, not a reason to
 * fail: it is skipped, and a note says why.
 */
async function readLettaSettings(
	home: Home,
	env: NodeJS.ProcessEnv,
	read: (file: string) => Promise<string>,
): Promise<{settings: LettaSettingsFile | undefined; notes: string[]}> {
	const notes: string[] = [];
	const xdg = configHome(env, home);
	const candidates = [
		...(home.dir === undefined
			? []
			: [{file: path.join(home.dir, '.letta', 'settings.json'), label: '~/.letta/settings.json'}]),
		...(xdg.dir === undefined
			? []
			: [{file: path.join(xdg.dir, 'letta', 'settings.json'), label: '$XDG_CONFIG_HOME/letta/settings.json'}]),
	];
	if (home.why !== undefined) notes.push(`~/.letta/settings.json not read: no home folder (${home.why})`);
	for (const {file, label} of candidates) {
		let text: string;
		try {
			text = await read(file);
		} catch (error) {
			const {code} = error as NodeJS.ErrnoException;
			if (code !== 'ENOENT')
				notes.push(
					`${file} not used: ${error instanceof FileRefusedError ? error.reason : describeErrno(code)}`,
				);
			continue;
		}

		const settings = parseLettaSettings(text);
		if (settings) {
			return {settings: {...settings, file, label}, notes};
		}

		notes.push(`${file} not used: it is not a JSON object`);
	}

	return {settings: undefined, notes};
}

/** What this monitor reads from Letta Code's settings; the refresh token is never read. */
export type LettaSettings = {
	apiKey: string | undefined;
	baseUrl: string | undefined;
	/** `tokenExpiresAt` (epoch ms), or null when missing or unreadable. */
	expiresAt: number | null;
};

/** The text of a Letta Code settings file, or undefined when it is not a JSON object (e.g. half written). */
export function parseLettaSettings(text: string): LettaSettings | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return undefined;
	}

	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return undefined;
	}

	const fields = parsed as {env?: unknown; tokenExpiresAt?: unknown};
	const settingsEnv =
		typeof fields.env === 'object' && fields.env !== null ? (fields.env as Record<string, unknown>) : {};
	const apiKey = typeof settingsEnv['LETTA_API_KEY'] === 'string' ? settingsEnv['LETTA_API_KEY'].trim() : undefined;
	const baseUrl =
		typeof settingsEnv['LETTA_BASE_URL'] === 'string' ? settingsEnv['LETTA_BASE_URL'].trim() : undefined;
	return {
		apiKey: apiKey || undefined,
		baseUrl: baseUrl || undefined,
		expiresAt: readTokenExpiresAt(fields.tokenExpiresAt),
	};
}
