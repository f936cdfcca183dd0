/**
 * What parseOptions refuses once every flag has a value: command-line flags that contradict
 * each other or the command (serve-demo, the exporter, the history readers each refuse what
 * does not apply to them, and their own flags elsewhere), and an export directory that `e` and
 * `E` could not write to. Each refusal is a UsageError, one line that says what to do instead.
 */
import {rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {Command, FlagName, Options} from './flags.js';
import {UsageError} from './usage-error.js';

/**
 * Flags that cannot both hold, each pair with the line that says why. Only the command line
 * can give these (a config file cannot set a mode), so a config file never makes a run fail here.
 */
const CONFLICTS: Array<[FlagName, FlagName, string]> = [
	['once', 'events', '--once prints the fleet once and --events streams its changes: pick one'],
	['json', 'events', '--events already prints JSON, a line per change; --json is for --once'],
	['context', 'base-url', '--context names a base URL of its own; drop --base-url, or --context to watch that URL'],
	[
		'context',
		'api-key-file',
		'--context names where its key comes from; put "api-key-file" in the context, or drop --context',
	],
	['context', 'demo', '--demo watches the built-in simulated fleet; drop --context, or --demo'],
];

/** What serve-demo, which only serves, cannot do (`config` takes any flag: it shows their effect). */
const SERVE_DEMO_REFUSES: FlagName[] = [
	'once',
	'json',
	'events',
	'demo',
	'sort',
	'scope',
	'filter',
	'group-by',
	'context',
];

/** A UsageError for flags given together that contradict each other (see CONFLICTS). */
export function refuseConflicts(options: Options): void {
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
		const refused = (['sort', 'scope', 'filter', 'group-by'] as const).find(given);
		if (refused) {
			throw new UsageError(`--${refused} shapes the live view and --once; --events prints every change`);
		}
	}
}

/** What the exporter, which only serves metrics, cannot do; and its flags elsewhere. */
function refuseExporterConflicts(options: Options, given: (name: FlagName) => boolean): void {
	if (options.command === 'exporter') {
		const refused = (
			['once', 'json', 'events', 'sort', 'scope', 'filter', 'group-by', 'bell', 'mouse', 'export-dir'] as const
		).find(given);
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
			[
				'once',
				'events',
				'sort',
				'scope',
				'group-by',
				'bell',
				'mouse',
				'export-dir',
				'listen',
				'no-per-environment',
			] as const
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
export function checkExportDirectory(directory: string, label: string): void {
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
