/**
 * Options from argv and the config file, by the FLAGS table (flags.ts): node:util parseArgs's
 * options, each Options field's value (a flag wins over the config file, which wins over the
 * default), the config file's keys and type checks, and `letta-fleet config`'s rows. A bad
 * value, or flags that contradict each other (flag-conflicts.ts), is a UsageError (one line,
 * exit 2).
 */
import {parseArgs} from 'node:util';
import type {RawValue} from './flag-kinds.js';
import {
	type Command,
	COMMANDS,
	type ConfigValues,
	FLAGS,
	type FlagFields,
	type FlagName,
	isSetting,
	type Options,
	type SettingSource,
	TABLE,
} from './flags.js';
import {checkExportDirectory, refuseConflicts} from './flag-conflicts.js';
import {UsageError} from './usage-error.js';
import {nearestWord} from './did-you-mean.js';
import {findContext, parseContexts, RAW_KEY_MESSAGE} from './contexts.js';

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
		throw new UsageError(parseArgsMessage(error as Error));
	}

	// `letta-fleet help` is `letta-fleet --help`, as with git and kubectl.
	const helpWord = parsed.positionals[0] === 'help';
	const command = parseCommand(helpWord ? [] : parsed.positionals);
	const {contexts: rawContexts, ...settingValues} = config;
	const contexts = rawContexts === undefined ? [] : parseContexts(rawContexts, configLabel);
	const fromConfig = configValues(settingValues, configLabel);
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
	const options: Options = {command, ...(fields as FlagFields), contexts, sources};
	if (helpWord) options.help = true;
	refuseConflicts(options);
	checkContextChoice(options, configLabel);
	if (
		options.exportDirectory !== undefined &&
		sources['export-dir'] &&
		command === 'watch' &&
		!options.once &&
		!options.json &&
		!options.events
	) {
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

	const known = COMMANDS.find(command => command === name);
	if (known) return known;
	const near = nearestWord(name, [...COMMANDS, 'help']);
	throw new UsageError(
		`unknown command: ${name}${near ? `; did you mean ${near}?` : ''} (commands: ${COMMANDS.join(', ')}, help)`,
	);
}

/**
 * The context a flag or the config file names must exist (LETTA_FLEET_CONTEXT is checked where it
 * is read, config/contexts.ts's chooseContext); and a config file that names a default context does
 * not also name a base URL or key file of its own, which would contradict it.
 */
function checkContextChoice(options: Options, label: string): void {
	const from = options.sources['context'];
	if (options.context === undefined || from === undefined) return;
	// `letta-fleet config` shows what is wrong instead (modes/config.ts).
	if (options.command !== 'config')
		findContext(options.contexts, options.context, from === 'flag' ? '--context' : `${label}: "context"`);
	const clash = (['base-url', 'api-key-file'] as const).find(name => options.sources[name] === 'config');
	if (from === 'config' && clash) {
		throw new UsageError(
			`${label}: "context" and "${clash}" both say where to watch; keep "context" and move "${clash}" into a context`,
		);
	}
}

/** Config values as parseArgs would have given them, or a UsageError naming the file and key. */
function configValues(config: ConfigValues, label: string): Record<string, RawValue> {
	const result: Record<string, RawValue> = {};
	for (const [key, value] of Object.entries(config)) {
		const flag = TABLE.find(([name]) => name === key)?.[1];
		if (/^(api[-_]?key|apikey|token|letta[-_]api[-_]key)$/i.test(key)) {
			throw new UsageError(`${label}: a key is never written in the config file; ${RAW_KEY_MESSAGE}`);
		}

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
		} else if (flag.kind.configList && Array.isArray(value)) {
			// Bounded as any config value is by the file's 1 MiB; each item must be a string.
			if (!value.every(item => typeof item === 'string')) {
				throw new UsageError(`${label}: "${key}" must be a string or a list of strings`);
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

/**
 * parseArgs's error as one line, with "did you mean" for a mistyped flag. For a value starting
 * with a dash (`--filter -x`), its last line says how to pass it.
 */
function parseArgsMessage(error: Error): string {
	const lines = error.message.split('\n');
	const unknown = /^Unknown option '(-{1,2})([^']*)'/.exec(lines[0]!);
	if (unknown) {
		const typed = `${unknown[1]}${unknown[2]}`;
		const near = nearestWord(
			unknown[2]!,
			TABLE.map(([name]) => name),
		);
		return near ? `unknown flag ${typed}; did you mean --${near}?` : `unknown flag ${typed}`;
	}

	return lines[0]!.includes('ambiguous') ? `${lines[0]} ${lines.at(-1)}` : lines[0]!;
}
