/**
 * Command-line flags and the config file: parsed with node:util parseArgs,
 * merged (a flag wins over the config file), checked, and turned into
 * Options. A bad value is a UsageError (one line, exit code 2).
 */
import {parseArgs} from 'node:util';

export class UsageError extends Error {}

export type Command = 'watch' | 'serve-demo' | 'config';

/** Where a setting came from, for `letta-fleet config`. */
export type SettingSource = 'flag' | 'config' | 'default';

/** The parsed config file: the flags' names as keys (without --), JSON values. */
export type ConfigValues = Record<string, unknown>;

export type Options = {
	command: Command;
	help: boolean;
	version: boolean;
	demo: boolean;
	baseUrl: string | undefined;
	apiKeyFile: string | undefined;
	allowInsecureHttp: boolean;
	intervalMs: number;
	staleAfterMs: number;
	lingerMs: number;
	onlineOnly: boolean;
	source: 'local' | 'remote' | undefined;
	userId: string | undefined;
	pageSize: number;
	timeoutMs: number;
	once: boolean;
	json: boolean;
	events: boolean;
	bell: boolean;
	exportDirectory: string;
	port: number;
	demoSize: number;
	demoSeed: number;
	demoChurn: number;
	/** Fault specs for the demo server (parsed by demo/fault-spec.ts when the server starts). */
	faults: string[];
	noColor: boolean;
	ascii: boolean;
	/** Which settings a flag or the config file gave; the rest are defaults. */
	sources: Record<string, SettingSource>;
};

type FlagSpec = {
	type: 'string' | 'boolean';
	value?: string;
	help: string;
	multiple?: boolean;
};

/** Every flag with its help line; the help text is generated from this list, so it cannot drift. */
const FLAGS = {
	demo: {type: 'boolean', help: 'watch the built-in simulated fleet (no account, no key)'},
	'base-url': {type: 'string', value: 'URL', help: 'API base URL (env LETTA_BASE_URL; default https://api.letta.com)'},
	'api-key-file': {type: 'string', value: 'PATH', help: 'read the API key from a file instead of LETTA_API_KEY'},
	interval: {type: 'string', value: 'SECONDS', help: 'poll every SECONDS (default 2, minimum 1)'},
	'stale-after': {type: 'string', value: 'SECONDS', help: 'a heartbeat older than this is stale (default 75)'},
	linger: {type: 'string', value: 'SECONDS', help: 'keep removed devices and change marks this long (default 30)'},
	'online-only': {type: 'boolean', help: 'list only devices with a live connection'},
	source: {type: 'string', value: 'local|remote', help: 'list only local machines or only remote sandboxes'},
	user: {type: 'string', value: 'ID', help: "list only one user's devices"},
	'page-size': {type: 'string', value: 'N', help: 'records per API page (default 100, 1-1000)'},
	timeout: {type: 'string', value: 'SECONDS', help: 'give up on one request after SECONDS (default 15)'},
	once: {type: 'boolean', help: 'print the fleet once as a table and exit'},
	json: {type: 'boolean', help: 'with --once: print {"connections": [...]} as JSON'},
	events: {type: 'boolean', help: 'no UI: print one JSON line per change, for pipes'},
	bell: {type: 'boolean', help: 'ring the terminal bell when a device disconnects or goes stale'},
	'export-dir': {type: 'string', value: 'DIR', help: 'where e and E write their CSV and JSON exports (default: here)'},
	'allow-insecure-http': {type: 'boolean', help: 'allow sending the key over plain http to a non-local host'},
	port: {type: 'string', value: 'N', help: 'serve-demo: port to listen on (default 0 = any free port)'},
	'demo-size': {type: 'string', value: 'N', help: 'devices in the simulated fleet (default 40)'},
	'demo-seed': {type: 'string', value: 'N', help: 'seed of the simulated fleet (default 7)'},
	'demo-churn': {type: 'string', value: 'N', help: 'changes a minute in the simulated fleet (default 20; 0 = still)'},
	fault: {
		type: 'string',
		value: 'SPEC',
		multiple: true,
		help: 'demo server: inject a fault, repeatable (e.g. 503:retry-after=5, 500@page=2*3, hang, drift:strings, hostile-strings)',
	},
	'no-color': {type: 'boolean', help: 'no colour (also env NO_COLOR); FORCE_COLOR is honoured otherwise'},
	ascii: {type: 'boolean', help: 'ASCII symbols only (the default when the locale is not UTF-8)'},
	help: {type: 'boolean', help: 'show this help'},
	version: {type: 'boolean', help: 'print the version'},
} satisfies Record<string, FlagSpec>;

/** Flags that make no sense in a config file (one-off actions and modes). */
const NOT_IN_CONFIG = new Set(['help', 'version', 'once', 'json', 'events', 'demo', 'port', 'fault']);

export function parseOptions(argv: string[], config: ConfigValues = {}, configLabel = 'the config file'): Options {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			options: Object.fromEntries(Object.entries(FLAGS as Record<string, FlagSpec>).map(([name, spec]) => [name, {type: spec.type, multiple: spec.multiple ?? false}])),
			allowPositionals: true,
			strict: true,
		});
	} catch (error) {
		throw new UsageError((error as Error).message.split('\n')[0]);
	}

	const values = {...configValues(config, configLabel), ...(parsed.values as Record<string, string | boolean | string[] | undefined>)};
	const sources: Record<string, SettingSource> = {};
	for (const name of Object.keys(values)) {
		sources[name] = name in parsed.values ? 'flag' : 'config';
	}

	const string = (name: keyof typeof FLAGS) => values[name] as string | undefined;
	const flag = (name: keyof typeof FLAGS) => values[name] === true;

	const [commandName, ...rest] = parsed.positionals;
	if (rest.length > 0) {
		throw new UsageError(`unexpected argument: ${rest[0]}`);
	}

	let command: Command = 'watch';
	if (commandName === 'serve-demo' || commandName === 'config') {
		command = commandName;
	} else if (commandName !== undefined) {
		throw new UsageError(`unknown command: ${commandName} (commands: serve-demo, config)`);
	}

	const source = string('source');
	if (source !== undefined && source !== 'local' && source !== 'remote') {
		throw new UsageError(`--source must be local or remote, got ${JSON.stringify(source)}`);
	}

	const baseUrl = string('base-url');
	if (baseUrl !== undefined) {
		checkUrl(baseUrl, '--base-url');
	}

	return {
		command,
		help: flag('help'),
		version: flag('version'),
		demo: flag('demo'),
		baseUrl,
		apiKeyFile: string('api-key-file'),
		allowInsecureHttp: flag('allow-insecure-http'),
		intervalMs: seconds(string('interval'), '--interval', 2, 1),
		staleAfterMs: seconds(string('stale-after'), '--stale-after', 75, 1),
		lingerMs: seconds(string('linger'), '--linger', 30, 0),
		onlineOnly: flag('online-only'),
		source,
		userId: string('user'),
		pageSize: integer(string('page-size'), '--page-size', 100, 1, 1000),
		timeoutMs: seconds(string('timeout'), '--timeout', 15, 1),
		once: flag('once'),
		json: flag('json'),
		events: flag('events'),
		bell: flag('bell'),
		exportDirectory: string('export-dir') ?? '.',
		port: integer(string('port'), '--port', 0, 0, 65_535),
		demoSize: integer(string('demo-size'), '--demo-size', 40, 0, 1_000_000),
		demoSeed: integer(string('demo-seed'), '--demo-seed', 7, 0, 2 ** 31),
		demoChurn: integer(string('demo-churn'), '--demo-churn', 20, 0, 100_000),
		faults: (values['fault'] as string[] | undefined) ?? [],
		noColor: flag('no-color'),
		ascii: flag('ascii'),
		sources,
	};
}

/** Config values as parseArgs would have given them, or a UsageError naming the file and key. */
function configValues(config: ConfigValues, label: string): Record<string, string | boolean> {
	const result: Record<string, string | boolean> = {};
	for (const [key, value] of Object.entries(config)) {
		const spec = (FLAGS as Record<string, FlagSpec>)[key];
		if (!spec || NOT_IN_CONFIG.has(key)) {
			throw new UsageError(`${label}: unknown setting ${JSON.stringify(key)} (settings are the flags' names, like "interval")`);
		}

		if (spec.type === 'boolean') {
			if (typeof value !== 'boolean') {
				throw new UsageError(`${label}: "${key}" must be true or false`);
			}

			result[key] = value;
		} else {
			if (typeof value !== 'string' && typeof value !== 'number') {
				throw new UsageError(`${label}: "${key}" must be a string or a number`);
			}

			result[key] = String(value);
		}
	}

	return result;
}

/** Every flag a config file may set, for `letta-fleet config`. */
export function configurableSettings(): string[] {
	return Object.keys(FLAGS).filter(name => !NOT_IN_CONFIG.has(name));
}

export function checkUrl(value: string, label: string): URL {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new UsageError(`${label} must be a URL like https://api.letta.com, got ${JSON.stringify(value)}`);
	}

	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new UsageError(`${label} must be an http or https URL, got ${JSON.stringify(value)}`);
	}

	return url;
}

function seconds(value: string | undefined, label: string, fallback: number, minimum: number): number {
	if (value === undefined) {
		return fallback * 1000;
	}

	const number = Number(value);
	if (value.trim() === '' || !Number.isFinite(number) || number < minimum || number > 86_400) {
		throw new UsageError(`${label} takes seconds, at least ${minimum}, got ${JSON.stringify(value)}`);
	}

	return Math.round(number * 1000);
}

function integer(value: string | undefined, label: string, fallback: number, minimum: number, maximum: number): number {
	if (value === undefined) {
		return fallback;
	}

	const number = Number(value);
	if (!/^\d+$/.test(value.trim()) || number < minimum || number > maximum) {
		throw new UsageError(`${label} takes a whole number from ${minimum} to ${maximum}, got ${JSON.stringify(value)}`);
	}

	return number;
}

export function helpText(version: string): string {
	const flagLines = Object.entries(FLAGS).map(([name, spec]: [string, FlagSpec]) => {
		const left = `  --${name}${spec.value ? ` ${spec.value}` : ''}`;
		return `${left.padEnd(30)}${spec.help}`;
	});
	return [
		`letta-fleet ${version}: watch every machine connected to a Letta organization, live`,
		'',
		'Usage:',
		'  letta-fleet [flags]              live monitor (plain table when stdout is not a terminal)',
		'  letta-fleet --demo               live monitor of a built-in simulated fleet',
		'  letta-fleet --once [--json]      print the fleet once and exit',
		'  letta-fleet --events             print one JSON line per change until stopped',
		'  letta-fleet serve-demo [--port N]  run the demo server alone and print its URL and key',
		'  letta-fleet config               print the effective settings and where each came from',
		'',
		'Flags:',
		...flagLines,
		'',
		'Environment:',
		'  LETTA_API_KEY                 API key (--api-key-file wins; else ~/.letta/settings.json, as Letta Code keeps it)',
		'  LETTA_BASE_URL                API base URL (--base-url wins; else settings, else https://api.letta.com)',
		'  NO_COLOR, FORCE_COLOR         colour off, or forced',
		'',
		'Config file: $XDG_CONFIG_HOME/letta-fleet/config.json (default ~/.config/letta-fleet/config.json),',
		'  a JSON object whose keys are the flags\' names, e.g. {"interval": 5, "stale-after": 90}.',
		'  Precedence: flags > environment > config file > Letta Code settings > defaults.',
		'',
		'Keys in the live view: ↑/↓ or j/k select, Enter details, Esc back, ? help, q quit.',
		'',
	].join('\n');
}
