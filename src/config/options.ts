/**
 * Every flag, declared once in FLAGS: its name, value, help line, the Options field it sets,
 * its kind (unit, default, range, validation) and whether a config file may set it. From that
 * table come node:util parseArgs's options, each Options field's value (a flag wins over the
 * config file, which wins over the default), the config file's keys and type checks, --help's
 * flag lines and `letta-fleet config`'s rows. A bad value is a UsageError (one line, exit 2).
 */
import {rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {
	type Kind,
	onOff,
	printable,
	type RawValue,
	oneOf,
	repeatable,
	seconds,
	sortOrder,
	text,
	url,
	wholeNumber,
} from './flag-kinds.js';
import {DEFAULT_BASE_URL, DEFAULT_MAX_BODY_MIB, DEFAULT_TIMEOUT_MS} from '../api/defaults.js';
import {DEFAULT_LINGER_MS, DEFAULT_STALE_AFTER_MS} from '../fleet/defaults.js';
import {parseFaultSpec} from '../demo/fault-spec.js';
import {UsageError} from './usage-error.js';
import {eventTypes} from './history-kinds.js';
import type {FleetEventType} from '../fleet/types.js';
import {type ListenAddress, listenAddress} from './listen-address.js';
import {timeSpec} from './durations.js';
import {type ColumnKey, COLUMNS} from '../view/columns.js';
import {keysUsageLine} from '../view/key-text.js';
import {DEFAULT_SORT, type Scope, SCOPES, type SortState} from '../view/query.js';

export {checkUrl} from './flag-kinds.js';
export {UsageError} from './usage-error.js';

export type Command = 'watch' | 'serve-demo' | 'config' | 'exporter' | 'history' | 'availability';

/** Where a setting came from, for `letta-fleet config`. */
export type SettingSource = 'flag' | 'config' | 'default';

/** The parsed config file: the flags' names as keys (without --), JSON values. */
export type ConfigValues = Record<string, unknown>;

/** The settings every mode reads. Durations are in ms; each field's flag is in FLAGS below. */
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
	/** List requests a second, on average, that a pass may send (retries included). */
	maxRps: number;
	timeoutMs: number;
	/** The cap on one response body, MiB, on the wire and inflated (api/body.ts). */
	maxBodyMib: number;
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
	/** The live view's and --once's starting sort, scope and filter (view/query.ts). */
	sort: SortState;
	scope: Scope;
	filter: string;
	/** exporter: where it serves /metrics and /healthz. */
	listen: ListenAddress;
	/** exporter: drop the per-listener series (a fleet-wide summary only). */
	noPerEnvironment: boolean;
	/** The history file named on the command line or in the config file (config/history-path.ts finds the default). */
	historyFile: string | undefined;
	/** Record nothing. */
	noHistory: boolean;
	/** Keep recorded history this many days. */
	historyDays: number;
	/** Keep the history file under this many MiB (oldest first out). */
	historyMaxMb: number;
	/** History readers: the window's start and end as typed (config/durations.ts), read against the clock when run. */
	since: string;
	until: string | undefined;
	/** history: only these event types (undefined: all). */
	types: FleetEventType[] | undefined;
	/** History readers: one organization's id, or '' for every one recorded for the base URL. */
	org: string;
	/** availability: answer from this Prometheus (its base URL) instead of the embedded history. */
	prometheus: string | undefined;
	/** Which settings (by flag name) a flag or the config file gave; the rest are defaults. */
	sources: Record<string, SettingSource>;
};

/** The Options fields that flags set: all but the command and the sources. */
type FlagFields = Omit<Options, 'command' | 'sources'>;

/** One flag's entry in FLAGS. */
type FlagSpec<Field extends keyof FlagFields, Value> = {
	/** The Options field it sets. */
	field: Field;
	kind: Kind<Value>;
	/** Its --help line; {default}, {min} and {max} quote the kind's facts. */
	help: string;
	/** A config file may set every flag but one-off actions and modes. */
	configFile?: false;
	/** A one-letter alias (`-h`). */
	short?: string;
};

/** Any flag, its field and kind in agreement: the kind's value has the field's type. */
type Flag = {[Field in keyof FlagFields]: FlagSpec<Field, FlagFields[Field]>}[keyof FlagFields];

/** Every flag, in --help's order, each written once. The flag's name (without --) is the key. */
export const FLAGS = {
	demo: {
		field: 'demo',
		kind: onOff(),
		configFile: false,
		help: 'watch the built-in simulated fleet (no account, no key)',
	},
	'base-url': {field: 'baseUrl', kind: url(), help: `API base URL (env LETTA_BASE_URL; default ${DEFAULT_BASE_URL})`},
	'api-key-file': {
		field: 'apiKeyFile',
		kind: text('PATH'),
		help: 'read the API key from a file instead of LETTA_API_KEY',
	},
	interval: {
		field: 'intervalMs',
		kind: seconds({fallback: 2, min: 1}),
		help: 'poll every SECONDS (default {default}, minimum {min})',
	},
	'stale-after': {
		field: 'staleAfterMs',
		kind: seconds({fallback: DEFAULT_STALE_AFTER_MS / 1000, min: 1}),
		help: 'a heartbeat older than this is stale (default {default})',
	},
	linger: {
		field: 'lingerMs',
		kind: seconds({fallback: DEFAULT_LINGER_MS / 1000, min: 0}),
		help: 'keep removed devices and change marks this long (default {default})',
	},
	'online-only': {field: 'onlineOnly', kind: onOff(), help: 'list only devices with a live connection'},
	source: {
		field: 'source',
		kind: oneOf(['local', 'remote']),
		help: 'list only local machines or only remote sandboxes',
	},
	user: {field: 'userId', kind: text('ID'), help: "list only one user's devices"},
	'max-rps': {
		field: 'maxRps',
		kind: wholeNumber({fallback: 10, min: 1, max: 1000}),
		help: 'at most N list requests a second on average, retries included (default {default})',
	},
	'page-size': {
		field: 'pageSize',
		kind: wholeNumber({fallback: 1000, min: 1, max: 1000}),
		help: 'force records per API page, {min}-{max} (default: as many as the server allows, learned)',
	},
	timeout: {
		field: 'timeoutMs',
		kind: seconds({fallback: DEFAULT_TIMEOUT_MS / 1000, min: 1}),
		help: 'give up on one request after SECONDS (default {default})',
	},
	'max-body-mib': {
		field: 'maxBodyMib',
		kind: wholeNumber({fallback: DEFAULT_MAX_BODY_MIB, min: 1, max: 4096}),
		help: 'refuse a response body over N MiB, compressed or inflated (default {default})',
	},
	once: {field: 'once', kind: onOff(), configFile: false, help: 'print the fleet once as a table and exit'},
	json: {
		field: 'json',
		kind: onOff(),
		configFile: false,
		help: 'with --once: print {"connections": [...]} as JSON; with history: one JSON line per event',
	},
	events: {
		field: 'events',
		kind: onOff(),
		configFile: false,
		help: 'no UI: print one JSON line per change, for pipes',
	},
	bell: {field: 'bell', kind: onOff(), help: 'ring the terminal bell when a device disconnects or goes stale'},
	'export-dir': {
		field: 'exportDirectory',
		kind: text('DIR', '.'),
		help: 'where e and E write their CSV and JSON exports (default: here)',
	},
	'allow-insecure-http': {
		field: 'allowInsecureHttp',
		kind: onOff(),
		help: 'allow sending the key over plain http to a non-local host',
	},
	port: {
		field: 'port',
		kind: wholeNumber({fallback: 0, min: 0, max: 65_535}),
		configFile: false,
		help: 'serve-demo: port to listen on (default {default} = any free port)',
	},
	'demo-size': {
		field: 'demoSize',
		kind: wholeNumber({fallback: 40, min: 0, max: 1_000_000}),
		help: 'listener records in the simulated fleet (default {default})',
	},
	'demo-seed': {
		field: 'demoSeed',
		kind: wholeNumber({fallback: 7, min: 0, max: 2 ** 31}),
		help: 'seed of the simulated fleet (default {default})',
	},
	'demo-churn': {
		field: 'demoChurn',
		kind: wholeNumber({fallback: 20, min: 0, max: 100_000}),
		help: 'changes a minute in the simulated fleet (default {default}; 0 = still)',
	},
	fault: {
		field: 'faults',
		// Checked here, so a bad one is refused before anything starts; the demo server parses them again.
		kind: repeatable('SPEC', parseFaultSpec),
		configFile: false,
		help: 'demo server: inject a fault, repeatable (e.g. 503:retry-after=5, 500@page=2*3, hang, drift:strings, hostile-strings)',
	},
	'no-color': {
		field: 'noColor',
		kind: onOff(),
		help: 'no colour (also env NO_COLOR); FORCE_COLOR is honoured otherwise',
	},
	ascii: {field: 'ascii', kind: onOff(), help: 'ASCII symbols only (the default when the locale is not UTF-8)'},
	sort: {
		field: 'sort',
		kind: sortOrder(sortNames(), DEFAULT_SORT),
		help: 'start sorted by a column ({columns}), :desc reverses (default {default})',
	},
	scope: {
		field: 'scope',
		kind: oneOf(SCOPES, 'all'),
		help: 'start with a scope, as keys 1-4 pick one (default {default})',
	},
	filter: {
		field: 'filter',
		kind: printable('PATTERN', ''),
		help: 'start filtered, as / does: a regular expression over every field, ! inverts',
	},
	listen: {
		field: 'listen',
		kind: listenAddress(),
		help: 'exporter: serve /metrics and /healthz at HOST:PORT (default {default})',
	},
	'no-per-environment': {
		field: 'noPerEnvironment',
		kind: onOff(),
		help: 'exporter: no per-listener series, only fleet-wide counts (for huge fleets)',
	},
	'history-file': {
		field: 'historyFile',
		kind: text('PATH'),
		help: 'record history in this file (default $XDG_STATE_HOME/letta-fleet/history.sqlite)',
	},
	'no-history': {
		field: 'noHistory',
		kind: onOff(),
		help: 'record no history (the live view and exporter record by default)',
	},
	'history-days': {
		field: 'historyDays',
		kind: wholeNumber({fallback: 30, min: 1, max: 3650}),
		help: 'keep recorded history N days (default {default})',
	},
	'history-max-mb': {
		field: 'historyMaxMb',
		kind: wholeNumber({fallback: 256, min: 1, max: 1_000_000}),
		help: 'keep the history file under N MiB, oldest out first (default {default})',
	},
	since: {
		field: 'since',
		kind: timeSpec('24h'),
		configFile: false,
		help: 'history, availability: from TIME (90m, 24h, 7d, seconds, or an ISO date/time; default {default} before --until)',
	},
	until: {
		field: 'until',
		kind: timeSpec(),
		configFile: false,
		help: 'history, availability: up to TIME, in the same forms (default: now)',
	},
	type: {
		field: 'types',
		kind: eventTypes(),
		configFile: false,
		help: 'history: only these event types, e.g. disconnected,stale',
	},
	org: {
		field: 'org',
		kind: printable('ID', ''),
		configFile: false,
		help: 'history, availability: only this organization (default: every one recorded for the base URL)',
	},
	prometheus: {
		field: 'prometheus',
		kind: url(),
		help: 'availability: answer from the Prometheus at URL that scrapes the exporter',
	},
	help: {field: 'help', kind: onOff(), configFile: false, short: 'h', help: 'show this help'},
	version: {field: 'version', kind: onOff(), configFile: false, help: 'print the version'},
} satisfies Record<string, Flag>;

/** A flag's name, without the leading --. */
export type FlagName = keyof typeof FLAGS;

/**
 * The names --sort takes, lower case: each sortable column's title (`beat`, `last-seen`), then
 * its key when that differs (`heartbeat`, `lastseen`).
 */
function sortNames(): Map<string, ColumnKey> {
	const names = new Map<string, ColumnKey>();
	for (const column of COLUMNS) {
		if (!column.sortKey) continue;
		names.set(column.title.toLowerCase().replaceAll(' ', '-'), column.key);
		names.set(column.key.toLowerCase(), column.key);
	}

	return names;
}

/** The table as a list, the kinds widened so that one loop can handle every flag. */
const TABLE = Object.entries(FLAGS) as Array<[FlagName, FlagSpec<keyof FlagFields, unknown>]>;

/** Whether a config file may set the flag. */
const isSetting = (flag: FlagSpec<keyof FlagFields, unknown>) => flag.configFile !== false;

/**
 * Options from the command line and the config file's values (`configLabel` names the file in
 * messages). Throws UsageError for an unknown flag, command or config key, or a bad value.
 */
export function parseOptions(argv: string[], config: ConfigValues = {}, configLabel = 'the config file'): Options {
	let parsed;
	try {
		parsed = parseArgs({
			args: withNegativeValues(argv),
			options: Object.fromEntries(
				TABLE.map(([name, {kind, short}]) => [
					name,
					{type: kind.type, multiple: kind.multiple, ...(short ? {short} : {})},
				]),
			),
			allowPositionals: true,
			strict: true,
		});
	} catch (error) {
		// One line; for a value starting with a dash (`--filter -x`), parseArgs's last line says how to pass it.
		const lines = (error as Error).message.split('\n');
		throw new UsageError(lines[0]!.includes('ambiguous') ? `${lines[0]} ${lines.at(-1)}` : lines[0]);
	}

	const command = parseCommand(parsed.positionals);
	const fromConfig = configValues(config, configLabel);
	const fields: Record<string, unknown> = {};
	const sources: Record<string, SettingSource> = {};
	for (const [name, {field, kind}] of TABLE) {
		const flagValue = (parsed.values as Record<string, RawValue | undefined>)[name];
		if (flagValue !== undefined) {
			fields[field] = kind.parse(flagValue, `--${name}`);
			sources[name] = 'flag';
		} else if (fromConfig[name] !== undefined) {
			fields[field] = kind.parse(fromConfig[name], `${configLabel}: "${name}"`);
			sources[name] = 'config';
		} else {
			fields[field] = kind.default;
		}
	}

	// Every FlagFields key is set: FLAGS's type ties each entry to one, and test/config/options.test.ts checks that
	// every field has a flag.
	const options: Options = {command, ...(fields as FlagFields), sources};
	refuseConflicts(options);
	if (sources['export-dir'] && command === 'watch' && !options.once && !options.json && !options.events) {
		checkExportDirectory(
			options.exportDirectory,
			sources['export-dir'] === 'flag' ? '--export-dir' : `${configLabel}: "export-dir"`,
		);
	}

	return options;
}

/**
 * `--interval -5` as `--interval=-5`: parseArgs takes a value starting with a dash for a flag
 * (and says "ambiguous"), while the kind can say what is wrong with it: it must be positive.
 */
function withNegativeValues(argv: string[]): string[] {
	const result: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		const next = argv[index + 1];
		const name = argument.slice(2);
		const flag = argument.startsWith('--') && Object.hasOwn(FLAGS, name) ? FLAGS[name as FlagName] : undefined;
		if (flag?.kind.type === 'string' && next !== undefined && /^-\d/.test(next)) {
			result.push(`${argument}=${next}`);
			index++;
		} else {
			result.push(argument);
		}
	}

	return result;
}

/**
 * Flags that cannot both hold, each pair with the line that says why. Only the command line
 * can give these (a config file cannot set a mode), so a config file never makes a run fail here.
 */
const CONFLICTS: Array<[FlagName, FlagName, string]> = [
	['once', 'events', '--once prints the fleet once and --events streams its changes: pick one'],
	['json', 'events', '--events already prints JSON, a line per change; --json is for --once'],
];

/** What serve-demo, which only serves, cannot do (`config` takes any flag: it shows their effect). */
const SERVE_DEMO_REFUSES: FlagName[] = ['once', 'json', 'events', 'demo', 'sort', 'scope', 'filter'];

/** A UsageError for flags given together that contradict each other (see CONFLICTS). */
function refuseConflicts(options: Options): void {
	const given = (name: FlagName) => options.sources[name] === 'flag';
	for (const [first, second, why] of CONFLICTS) {
		if (given(first) && given(second)) {
			throw new UsageError(why);
		}
	}

	if (options.command === 'serve-demo') {
		const refused = SERVE_DEMO_REFUSES.find(given);
		if (refused) {
			throw new UsageError(
				`serve-demo only runs the demo server; --${refused} does not apply (watch it from another letta-fleet with --base-url URL)`,
			);
		}
	} else if (options.command !== 'config' && given('port')) {
		throw new UsageError(
			'--port is the port serve-demo listens on; it does not apply here (try letta-fleet serve-demo --port N)',
		);
	}

	refuseExporterConflicts(options, given);
	refuseHistoryReaderConflicts(options, given);

	if (options.events) {
		const refused = (['sort', 'scope', 'filter'] as const).find(given);
		if (refused) {
			throw new UsageError(`--${refused} shapes the live view and --once; --events prints every change`);
		}
	}
}

/** What the exporter, which only serves metrics, cannot do; and its flags elsewhere. */
function refuseExporterConflicts(options: Options, given: (name: FlagName) => boolean): void {
	if (options.command === 'exporter') {
		const refused = (['once', 'json', 'events', 'sort', 'scope', 'filter', 'bell', 'export-dir'] as const).find(
			given,
		);
		if (refused) {
			throw new UsageError(
				`exporter serves metrics for Prometheus; --${refused} does not apply (it is for the live view or the pipe modes)`,
			);
		}
	} else if (options.command !== 'config') {
		const refused = (['listen', 'no-per-environment'] as const).find(given);
		if (refused) {
			throw new UsageError(
				`--${refused} is the exporter's; try letta-fleet exporter --${refused}${refused === 'listen' ? ' HOST:PORT' : ''}`,
			);
		}
	}
}

/** The commands that read what was recorded, and the flags that are theirs alone (and whose). */
const HISTORY_READERS: readonly Command[] = ['history', 'availability'];
const READER_FLAGS: ReadonlyArray<readonly [FlagName, Command | 'both']> = [
	['since', 'both'],
	['until', 'both'],
	['org', 'both'],
	['type', 'history'],
	['prometheus', 'availability'],
];

/** What a history reader, which prints what was recorded and exits, cannot do; and its flags elsewhere. */
function refuseHistoryReaderConflicts(options: Options, given: (name: FlagName) => boolean): void {
	const reader = HISTORY_READERS.includes(options.command);
	if (reader) {
		// history's --filter searches its events; availability has nothing to filter.
		const refused = (
			['once', 'events', 'sort', 'scope', 'bell', 'export-dir', 'listen', 'no-per-environment'] as const
		).find(given);
		if (refused || (options.command === 'availability' && given('filter'))) {
			throw new UsageError(
				`${options.command} prints what was recorded; --${refused ?? 'filter'} does not apply (it is for the live view or another mode)`,
			);
		}
	}

	if (options.command === 'config') return;
	const misplaced = READER_FLAGS.find(
		([name, owner]) => given(name) && owner !== 'both' && owner !== options.command,
	);
	const elsewhere = reader ? misplaced : READER_FLAGS.find(([name]) => given(name));
	if (elsewhere) {
		const [name, owner] = elsewhere;
		const command = owner === 'both' ? 'history (or availability)' : owner;
		throw new UsageError(`--${name} is for reading history; try letta-fleet ${command} --${name} ...`);
	}
}

/**
 * A UsageError unless `directory` exists, is a directory and can be written, so that `e` and
 * `E` do not fail only when pressed. `label` names the flag or config key.
 */
function checkExportDirectory(directory: string, label: string): void {
	let isDirectory: boolean;
	try {
		isDirectory = statSync(directory).isDirectory();
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(
			`${label}: ${JSON.stringify(directory)} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`}`,
		);
	}

	if (!isDirectory) {
		throw new UsageError(`${label}: ${JSON.stringify(directory)} is not a directory`);
	}

	// Write and remove a probe file rather than ask access(2): root passes that check for any
	// directory, even one (like /proc) where no file can be made.
	const probe = path.join(directory, `.letta-fleet-write-check-${process.pid}`);
	try {
		writeFileSync(probe, '', {flag: 'wx'});
		rmSync(probe);
	} catch {
		throw new UsageError(`${label}: ${JSON.stringify(directory)} is not writable (exports go there)`);
	}
}

/**
 * The flags that narrow the listing on the server (`--online-only`, `--source remote`,
 * `--user ID`), as typed: an empty answer to them is not an empty organization.
 */
export function narrowingFlags(options: Pick<Options, 'onlineOnly' | 'source' | 'userId'>): string[] {
	return [
		...(options.onlineOnly ? ['--online-only'] : []),
		...(options.source ? [`--source ${options.source}`] : []),
		...(options.userId ? [`--user ${options.userId}`] : []),
	];
}

function parseCommand(positionals: string[]): Command {
	const [name, ...rest] = positionals;
	if (rest.length > 0) {
		throw new UsageError(`unexpected argument: ${rest[0]}`);
	}

	if (name === undefined) {
		return 'watch';
	}

	if (
		name === 'serve-demo' ||
		name === 'config' ||
		name === 'exporter' ||
		name === 'history' ||
		name === 'availability'
	) {
		return name;
	}

	throw new UsageError(`unknown command: ${name} (commands: serve-demo, config, exporter, history, availability)`);
}

/** Config values as parseArgs would have given them, or a UsageError naming the file and key. */
function configValues(config: ConfigValues, label: string): Record<string, string | boolean> {
	const result: Record<string, string | boolean> = {};
	for (const [key, value] of Object.entries(config)) {
		const flag = TABLE.find(([name]) => name === key)?.[1];
		if (!flag || !isSetting(flag)) {
			throw new UsageError(
				`${label}: unknown setting ${JSON.stringify(key)} (settings are the flags' names, like "interval")`,
			);
		}

		if (flag.kind.type === 'boolean') {
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

/** One setting as `letta-fleet config` lists it: the value in the flag's own unit ("2s", not 2000). */
export type Setting = {name: FlagName; value: string; source: SettingSource};

/** Every setting a config file may set, in --help's order, with its effective value and source. */
export function settings(options: Options): Setting[] {
	return TABLE.filter(([, flag]) => isSetting(flag)).map(([name, {field, kind}]) => ({
		name,
		value: kind.show(options[field]),
		source: options.sources[name] ?? 'default',
	}));
}

/** --help's flag lines, one a flag: `  --name VALUE` padded to 30 columns, then the help. */
export function flagHelpLines(): string[] {
	return TABLE.map(([name, {kind, help, short}]) => {
		const left = `  ${short ? `-${short}, ` : ''}--${name}${kind.valueName ? ` ${kind.valueName}` : ''}`;
		const line = help.replaceAll(/\{(\w+)\}/g, (_, fact: string) => {
			const value = kind.facts[fact];
			if (value === undefined) throw new Error(`--${name}'s help quotes {${fact}}, which its kind does not know`);
			return value;
		});
		return `${left.padEnd(Math.max(30, left.length + 2))}${line}`;
	});
}

export function helpText(version: string): string {
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
		'  letta-fleet exporter [--listen HOST:PORT]  serve the fleet as Prometheus metrics',
		'  letta-fleet history [--since 24h] [--type T,...] [--json]  what the fleet did, as recorded',
		"  letta-fleet availability [--since 24h] [--json] [--prometheus URL]  each listener's online share",
		'',
		'Flags:',
		...flagHelpLines(),
		'',
		'Environment:',
		'  LETTA_API_KEY                 API key (--api-key-file wins; else ~/.letta/settings.json, as Letta Code keeps it)',
		`  LETTA_BASE_URL                API base URL (--base-url wins; else settings, else ${DEFAULT_BASE_URL})`,
		'  HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY  a proxy, as curl and npm read them (lower case too;',
		'                                loopback base URLs are never proxied)',
		"  NODE_EXTRA_CA_CERTS           a PEM file of extra CAs (a TLS-intercepting proxy's, say)",
		'  NO_COLOR, FORCE_COLOR         colour off, or forced',
		'  XDG_STATE_HOME                where history.sqlite is kept (default ~/.local/state/letta-fleet/)',
		'',
		'Config file: $XDG_CONFIG_HOME/letta-fleet/config.json (default ~/.config/letta-fleet/config.json),',
		'  a JSON object whose keys are the flags\' names, e.g. {"interval": 5, "stale-after": 90}.',
		'  Precedence: flags > environment > config file > Letta Code settings > defaults.',
		'',
		keysUsageLine(),
		'',
	].join('\n');
}
