/**
 * Where the API key and base URL come from: flags, then the environment, then
 * Letta Code's own settings file. The key itself is never printed; only the
 * name of its source is, so a person knows which one to fix. A key from the
 * settings file is a Letta Code login: its expiry comes along (credential.ts
 * keeps it current).
 */
import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {DEFAULT_BASE_URL} from './api/client.js';
import {isLoopback} from './api/loopback.js';
import {readTokenExpiresAt} from './login-expiry.js';
import {type Options, UsageError, checkUrl} from './options.js';

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
};

export type CredentialsEnvironment = {
	env: NodeJS.ProcessEnv;
	/** Home directory; default $HOME, else the OS's idea of it (as Letta Code finds it). */
	home?: string;
	read?: (file: string) => Promise<string>;
};

export async function resolveCredentials(options: Options, environment: CredentialsEnvironment): Promise<Credentials> {
	const {env} = environment;
	const read = environment.read ?? ((file: string) => readFile(file, 'utf8'));
	const settings = await readLettaSettings(environment.home ?? (env['HOME'] || homedir()), env, read);

	// Flags win over the environment, which wins over the config file, which wins over Letta Code's settings.
	const fromFlag = (name: string) => options.sources[name] === 'flag';
	let apiKey: string | undefined;
	let keySource: string | undefined;
	let login: Credentials['login'];
	if (options.apiKeyFile && fromFlag('api-key-file')) {
		({apiKey, keySource} = await readKeyFile(options.apiKeyFile, `--api-key-file ${options.apiKeyFile}`, read));
	} else if (env['LETTA_API_KEY']?.trim()) {
		apiKey = env['LETTA_API_KEY'].trim();
		keySource = 'LETTA_API_KEY';
	} else if (options.apiKeyFile) {
		({apiKey, keySource} = await readKeyFile(options.apiKeyFile, `api-key-file ${options.apiKeyFile} (config file)`, read));
	} else if (settings?.apiKey) {
		apiKey = settings.apiKey;
		keySource = settings.label;
		login = {file: settings.file, expiresAt: settings.expiresAt};
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
	const url = checkUrl(baseUrl, baseUrlSource);
	if (apiKey && url.protocol === 'http:' && !isLoopback(url.hostname) && !options.allowInsecureHttp) {
		throw new UsageError(
			`refusing to send the API key over plain http to ${url.host}; use https, or pass --allow-insecure-http if you mean it`,
		);
	}

	return {baseUrl, baseUrlSource, apiKey: apiKey || undefined, keySource: apiKey ? keySource : undefined, ...(apiKey && login ? {login} : {})};
}

async function readKeyFile(file: string, keySource: string, read: (file: string) => Promise<string>): Promise<{apiKey: string; keySource: string}> {
	try {
		return {apiKey: (await read(file)).trim(), keySource};
	} catch (error) {
		throw new UsageError(`cannot read the API key file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
	}
}

type LettaSettingsFile = LettaSettings & {file: string; label: string};

/** Letta Code keeps settings in ~/.letta/settings.json (legacy: $XDG_CONFIG_HOME/letta/settings.json). */
async function readLettaSettings(home: string, env: NodeJS.ProcessEnv, read: (file: string) => Promise<string>): Promise<LettaSettingsFile | undefined> {
	const candidates = [
		{file: path.join(home, '.letta', 'settings.json'), label: '~/.letta/settings.json'},
		{file: path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), 'letta', 'settings.json'), label: '$XDG_CONFIG_HOME/letta/settings.json'},
	];
	for (const {file, label} of candidates) {
		let text: string;
		try {
			text = await read(file);
		} catch {
			continue;
		}

		const settings = parseLettaSettings(text);
		// A settings file we cannot read is Letta Code's business, not a reason to fail.
		if (settings) {
			return {...settings, file, label};
		}
	}

	return undefined;
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
	const settingsEnv = typeof fields.env === 'object' && fields.env !== null ? (fields.env as Record<string, unknown>) : {};
	const apiKey = typeof settingsEnv['LETTA_API_KEY'] === 'string' ? settingsEnv['LETTA_API_KEY'].trim() : undefined;
	const baseUrl = typeof settingsEnv['LETTA_BASE_URL'] === 'string' ? settingsEnv['LETTA_BASE_URL'].trim() : undefined;
	return {apiKey: apiKey || undefined, baseUrl: baseUrl || undefined, expiresAt: readTokenExpiresAt(fields.tokenExpiresAt)};
}

