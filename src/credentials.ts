/**
 * Where the API key and base URL come from: flags, then the environment, then
 * Letta Code's own settings file. The key itself is never printed; only the
 * name of its source is, so a person knows which one to fix.
 */
import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {DEFAULT_BASE_URL} from './api/client.js';
import {type Options, UsageError, checkUrl} from './options.js';

export type Credentials = {
	baseUrl: string;
	apiKey: string | undefined;
	/** "--api-key-file /path", "LETTA_API_KEY", "~/.letta/settings.json", or undefined when there is no key. */
	keySource: string | undefined;
};

export type CredentialsEnvironment = {
	env: NodeJS.ProcessEnv;
	home?: string;
	read?: (file: string) => Promise<string>;
};

export async function resolveCredentials(options: Options, environment: CredentialsEnvironment): Promise<Credentials> {
	const {env} = environment;
	const read = environment.read ?? ((file: string) => readFile(file, 'utf8'));
	const settings = await readLettaSettings(environment.home ?? homedir(), env, read);

	let apiKey: string | undefined;
	let keySource: string | undefined;
	if (options.apiKeyFile) {
		try {
			apiKey = (await read(options.apiKeyFile)).trim();
		} catch (error) {
			throw new UsageError(`cannot read --api-key-file ${options.apiKeyFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
		}

		keySource = `--api-key-file ${options.apiKeyFile}`;
	} else if (env['LETTA_API_KEY']?.trim()) {
		apiKey = env['LETTA_API_KEY'].trim();
		keySource = 'LETTA_API_KEY';
	} else if (settings?.apiKey) {
		apiKey = settings.apiKey;
		keySource = settings.file;
	}

	const baseUrl = (options.baseUrl ?? (env['LETTA_BASE_URL']?.trim() || undefined) ?? settings?.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
	const url = checkUrl(baseUrl, options.baseUrl ? '--base-url' : 'LETTA_BASE_URL');
	if (apiKey && url.protocol === 'http:' && !isLoopback(url.hostname) && !options.allowInsecureHttp) {
		throw new UsageError(
			`refusing to send the API key over plain http to ${url.host}; use https, or pass --allow-insecure-http if you mean it`,
		);
	}

	return {baseUrl, apiKey: apiKey || undefined, keySource: apiKey ? keySource : undefined};
}

type LettaSettings = {file: string; apiKey: string | undefined; baseUrl: string | undefined};

/** Letta Code keeps settings in ~/.letta/settings.json (legacy: $XDG_CONFIG_HOME/letta/settings.json). */
async function readLettaSettings(home: string, env: NodeJS.ProcessEnv, read: (file: string) => Promise<string>): Promise<LettaSettings | undefined> {
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

		try {
			const parsed = JSON.parse(text) as {env?: Record<string, unknown>};
			const settingsEnv = parsed.env ?? {};
			const apiKey = typeof settingsEnv['LETTA_API_KEY'] === 'string' ? settingsEnv['LETTA_API_KEY'].trim() : undefined;
			const baseUrl = typeof settingsEnv['LETTA_BASE_URL'] === 'string' ? settingsEnv['LETTA_BASE_URL'].trim() : undefined;
			return {file: label, apiKey: apiKey || undefined, baseUrl: baseUrl || undefined};
		} catch {
			// A settings file we cannot read is Letta Code's business, not a reason to fail.
			continue;
		}
	}

	return undefined;
}

export function isLoopback(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '');
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
