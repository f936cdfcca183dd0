/** `letta-fleet config`: every effective setting and where it came from; the key itself never. */
import {describeProxy} from '../api/proxy.js';
import {maskUrl} from '../api/url-mask.js';
import type {ConfigFile} from '../config/config-file.js';
import {loginRows} from '../credentials/live-credential.js';
import {resolveCredentials} from '../credentials/credential-sources.js';
import {historyPath} from '../config/history-path.js';
import {exportFolderPath} from '../config/export-path.js';
import type {Options} from '../config/flags.js';
import {settings} from '../config/options.js';
import {chooseContext, describeContextKey} from '../config/contexts.js';
import {UsageError} from '../config/usage-error.js';
import {type Io, print} from './io.js';

/** One line of the output: a setting's name, its effective value, and where that came from. */
export type ConfigRow = {name: string; value: string; source: string};

/**
 * Rows for what is resolved beyond the flags table (the environment, other files, other
 * processes). Each resolver's rows come first, and a row named like a flag stands in for it.
 */
export type RowResolver = (
	options: Options,
	env: NodeJS.ProcessEnv,
	signal?: AbortSignal,
) => ConfigRow | ConfigRow[] | Promise<ConfigRow | ConfigRow[]>;

/** To show one more resolved setting, add its resolver here. */
const RESOLVERS: RowResolver[] = [credentialRows, contextRows, historyRow, exportRow];

/**
 * Prints the config file's path (or why there is none), then one aligned row a setting.
 * Returns the exit code, 0. `signal` ends a wait on an --api-key-file pipe (the wait then rejects).
 */
export async function runConfig(options: Options, file: ConfigFile, io: Io, signal?: AbortSignal): Promise<number> {
	const rows = await configRows(options, io.env, signal);
	const width = Math.max(...rows.map(({name}) => name.length)) + 2;
	const valueWidth = Math.min(60, Math.max(...rows.map(({value}) => value.length)) + 2);
	// A value longer than the column still keeps two spaces before its source.
	const lines = rows.map(
		({name, value, source}) =>
			`${name.padEnd(width)}${value.padEnd(valueWidth)}${value.length >= valueWidth ? '  ' : ''}${source}\n`,
	);
	// One write, through print: `config | head` is a reader that read enough, not a crash.
	const where =
		file.path === undefined
			? `none (${file.why ?? 'no home folder'}; defaults apply)`
			: `${file.path}${file.found ? '' : ' (not found; defaults apply)'}`;
	return print(io, `config file: ${where}\n\n${lines.join('')}`);
}

/** The resolvers' rows, then each setting of the flags table that no resolver stood in for. */
export async function configRows(options: Options, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<ConfigRow[]> {
	const resolved = (await Promise.all(RESOLVERS.map(async resolve => resolve(options, env, signal)))).flat();
	const flagRows = settings(options)
		.filter(({name}) => !resolved.some(row => row.name === name))
		.map(({name, value, source}) => ({
			name,
			value,
			source: source === 'flag' ? `--${name}` : source === 'config' ? 'config file' : 'default',
		}));
	return [...resolved, ...flagRows];
}

/**
 * base-url and the API key, as resolveCredentials weighs them; the key only by its length; why Letta Code's settings
 * were not used.
 */
async function credentialRows(options: Options, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<ConfigRow[]> {
	try {
		const credentials = await resolveCredentials(options, {env, signal});
		return [
			{name: 'base-url', value: maskUrl(credentials.baseUrl), source: credentials.baseUrlSource},
			{name: 'proxy', value: describeProxy(credentials.baseUrl, env), source: 'environment'},
			{
				name: 'api key',
				value: credentials.apiKey ? `set (${credentials.apiKey.length} characters, not shown)` : 'none',
				source: credentials.keySource ?? '-',
			},
			...loginRows(credentials, Date.now()),
			...(credentials.notes ?? []).map(note => ({name: 'letta settings', value: note, source: '-'})),
		];
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		return [
			{name: 'base-url', value: `error: ${error.message}`, source: '-'},
			{name: 'api key', value: 'unknown (see the error above)', source: '-'},
		];
	}
}

/**
 * The config file's contexts, one row each: name (`*` marks the one in use), base URL, where its key
 * comes from (never the key). A name that is no context is a row saying so.
 */
function contextRows(options: Options, env: NodeJS.ProcessEnv): ConfigRow[] {
	let inUse: string | undefined;
	let problem: ConfigRow[] = [];
	try {
		inUse = chooseContext(options, env)?.context.name;
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		problem = [{name: 'contexts', value: `error: ${error.message}`, source: '-'}];
	}

	return [
		...problem,
		...options.contexts.map(context => ({
			name: `${context.name === inUse ? '*' : ' '} context ${context.name}`,
			value: maskUrl(context.baseUrl),
			source: describeContextKey(context.key),
		})),
	];
}

/** history-file: the file the live view and the exporter record in, or why none. */
function historyRow(options: Options, env: NodeJS.ProcessEnv): ConfigRow {
	const where = historyPath({...options, command: 'watch'}, env);
	const flag = options.noHistory ? 'no-history' : 'history-file';
	const source = options.sources[flag];
	return {
		name: 'history-file',
		value: where.file ?? `none (${where.why})`,
		source:
			source === 'flag' ? `--${flag}` : source === 'config' ? 'config file' : 'XDG_STATE_HOME or ~/.local/state',
	};
}

/** export-dir: where `e` and `E` write, the default resolved (config/export-path.ts). */
function exportRow(options: Options, env: NodeJS.ProcessEnv): ConfigRow {
	const source = options.sources['export-dir'];
	return {
		name: 'export-dir',
		value: exportFolderPath(options.exportDirectory, env),
		source:
			source === 'flag'
				? '--export-dir'
				: source === 'config'
					? 'config file'
					: 'XDG_STATE_HOME or ~/.local/state',
	};
}
