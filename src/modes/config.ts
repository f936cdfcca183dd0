/** `letta-fleet config`: every effective setting and where it came from; the key itself never. */
import {describeProxy} from '../api/proxy.js';
import type {ConfigFile} from '../config-file.js';
import {resolveCredentials} from '../credentials.js';
import {configurableSettings, type Options, UsageError} from '../options.js';
import type {Io} from './io.js';

const OPTION_NAMES: Record<string, keyof Options> = {
	'api-key-file': 'apiKeyFile',
	'allow-insecure-http': 'allowInsecureHttp',
	interval: 'intervalMs',
	'stale-after': 'staleAfterMs',
	linger: 'lingerMs',
	'online-only': 'onlineOnly',
	source: 'source',
	user: 'userId',
	'page-size': 'pageSize',
	timeout: 'timeoutMs',
	bell: 'bell',
	'export-dir': 'exportDirectory',
	'demo-size': 'demoSize',
	'demo-seed': 'demoSeed',
	'demo-churn': 'demoChurn',
	'no-color': 'noColor',
	ascii: 'ascii',
};

export async function runConfig(options: Options, file: ConfigFile, io: Io): Promise<number> {
	const rows: Array<[string, string, string]> = [];
	try {
		const credentials = await resolveCredentials(options, {env: io.env});
		rows.push(['base-url', credentials.baseUrl, credentials.baseUrlSource]);
		rows.push(['proxy', describeProxy(credentials.baseUrl, io.env), 'environment']);
		rows.push([
			'api key',
			credentials.apiKey ? `set (${credentials.apiKey.length} characters, not shown)` : 'none',
			credentials.keySource ?? '-',
		]);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		rows.push(['base-url / api key', `error: ${error.message}`, '-']);
	}

	for (const name of configurableSettings()) {
		const key = OPTION_NAMES[name];
		if (!key || name === 'base-url') continue;
		const source = options.sources[name] === 'flag' ? `--${name}` : options.sources[name] === 'config' ? 'config file' : 'default';
		rows.push([name, show(name, options[key]), source]);
	}

	const width = Math.max(...rows.map(([name]) => name.length)) + 2;
	const valueWidth = Math.min(60, Math.max(...rows.map(([, value]) => value.length)) + 2);
	io.stdout.write(`config file: ${file.path}${file.found ? '' : ' (not found; defaults apply)'}\n\n`);
	for (const [name, value, source] of rows) {
		io.stdout.write(`${name.padEnd(width)}${value.padEnd(valueWidth)}${source}\n`);
	}

	return 0;
}

function show(name: string, value: unknown): string {
	if (value === undefined || value === null) return '-';
	if (typeof value === 'number' && /interval|stale-after|linger|timeout/.test(name)) return `${value / 1000}s`;
	return String(value);
}
