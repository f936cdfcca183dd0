/**
 * Every flag, declared once in FLAGS: its name, value, help line, the Options field it sets,
 * its kind (unit, default, range, validation) and whether a config file may set it; and the
 * Options every mode reads. options.ts parses by this table, help-text.ts prints it and
 * `letta-fleet config` lists it.
 */
import {
	type Kind,
	nameList,
	onOff,
	printable,
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
import {eventTypes} from './history-kinds.js';
import type {FleetEventType} from '../fleet/types.js';
import type {Context} from './contexts.js';
import {type ListenAddress, listenAddress} from './listen-address.js';
import {timeSpec} from './durations.js';
import {type ColumnKey, COLUMNS, columnByKey} from '../view/columns.js';
import {COLUMN_NAMES, columnName, parseColumnNames} from '../view/column-choice.js';
import {nearestWord} from './did-you-mean.js';
import {DEFAULT_SORT, type Scope, SCOPES, type SortState} from '../view/query.js';
import {GROUP_BYS, type GroupBy} from '../view/grouping.js';

/** The commands a first word names (`letta-fleet exporter`); without one, the live view ('watch'). */
export const COMMANDS = ['serve-demo', 'config', 'exporter', 'history', 'availability'] as const;
export type Command = 'watch' | (typeof COMMANDS)[number];

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
	/** The context named by --context or the config file's `context` (config/contexts.ts chooses the one in use). */
	context: string | undefined;
	/** The config file's `contexts` map, in its order; empty without one. */
	contexts: Context[];
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
	/** The live view reads clicks and the wheel (src/view/mouse-gesture.ts); off keeps the terminal's selection. */
	mouse: boolean;
	/** Where `e` and `E` write; undefined for the default (config/export-path.ts). */
	exportDirectory: string | undefined;
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
	/** The live view's starting group-by, and --once's group header lines (view/grouping.ts). */
	groupBy: GroupBy;
	/** The columns the live view, --once and CSV exports show, in order (view/column-choice.ts). */
	columns: ColumnKey[];
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

/** The Options fields that flags set: all but the command, the sources and the config file's contexts. */
export type FlagFields = Omit<Options, 'command' | 'sources' | 'contexts'>;

/** One flag's entry in FLAGS. */
export type FlagSpec<Field extends keyof FlagFields, Value> = {
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
	context: {
		field: 'context',
		kind: text('NAME'),
		help: 'watch a context of the config file\'s "contexts" (env LETTA_FLEET_CONTEXT)',
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
		help: 'at most N list requests a second on average, retries included; a one-shot may burst one pass (default {default})',
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
	mouse: {
		field: 'mouse',
		kind: onOff(),
		help: 'live view: a click selects a row, a double-click opens it, the wheel scrolls (off by default, so the terminal selects text)',
	},
	'export-dir': {
		field: 'exportDirectory',
		kind: text('DIR'),
		help: 'where e and E write their CSV and JSON exports (default $XDG_STATE_HOME/letta-fleet/exports)',
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
	'group-by': {
		field: 'groupBy',
		kind: oneOf(GROUP_BYS, 'none'),
		help: 'start with the rows in groups, as t cycles them; --once prints the group lines, exports and --json stay flat (default {default})',
	},
	filter: {
		field: 'filter',
		kind: printable('PATTERN', ''),
		help: 'start filtered, as / does: a regular expression over every field, ! inverts',
	},
	columns: {
		field: 'columns',
		kind: nameList(
			'LIST',
			COLUMNS.map(column => column.key),
			names => parseColumnNames(names, nearestWord),
			keys => keys.map(key => columnName(columnByKey(key))).join(','),
		),
		help: "show only these columns, in this order, comma-separated: --sort's names and dup (default: all); f chooses live",
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
	return new Map([...COLUMN_NAMES].filter(([, key]) => columnByKey(key).sortKey !== undefined));
}

/** The table as a list, the kinds widened so that one loop can handle every flag. */
export const TABLE = Object.entries(FLAGS) as Array<[FlagName, FlagSpec<keyof FlagFields, unknown>]>;

/** Whether a config file may set the flag. */
export const isSetting = (flag: FlagSpec<keyof FlagFields, unknown>) => flag.configFile !== false;
