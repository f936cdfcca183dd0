/**
 * `--help`: the usage lines, every flag's line from FLAGS, the environment and the config file,
 * each wrapped to HELP_WIDTH columns with a hanging indent, so it reads in an 80-column terminal.
 */
import {DEFAULT_BASE_URL} from '../api/defaults.js';
import {keysUsageLine} from '../view/key-text.js';
import {TABLE} from './flags.js';

/** The widest line `--help` writes, in columns: a terminal's default width. */
export const HELP_WIDTH = 80;
/** Where a flag's help starts, in columns. */
const FLAG_INDENT = 30;

/**
 * `left`, then `text` from column `indent`, wrapped at spaces to `width` with later lines from
 * `indent` too. A `left` that reaches the indent has the text start on the next line. A word longer
 * than the room (a URL) stays whole on its own line.
 */
export function hangingLines(left: string, text: string, indent: number, width: number = HELP_WIDTH): string[] {
	const pad = ' '.repeat(indent);
	const lines: string[] = [];
	let line = left.length + 2 <= indent ? left.padEnd(indent) : '';
	if (line === '') lines.push(left);
	for (const word of text.split(' ').filter(Boolean)) {
		const start = line === '' ? pad : line;
		const candidate = start.trim() === '' || start.endsWith(' ') ? `${start}${word}` : `${start} ${word}`;
		if (candidate.length > width && line.trim() !== '' && line.length > indent) {
			lines.push(line);
			line = `${pad}${word}`;
		} else {
			line = candidate;
		}
	}

	if (line.trim() !== '') lines.push(line);
	return lines;
}

/** --help's flag lines: `  --name VALUE` padded to 30 columns, then the help, wrapped. */
export function flagHelpLines(): string[] {
	return TABLE.flatMap(([name, {kind, help, short}]) => {
		const left = `  ${short ? `-${short}, ` : ''}--${name}${kind.valueName ? ` ${kind.valueName}` : ''}`;
		const text = help.replaceAll(/\{(\w+)\}/g, (_, fact: string) => {
			const value = kind.facts[fact];
			if (value === undefined) throw new Error(`--${name}'s help quotes {${fact}}, which its kind does not know`);
			return value;
		});
		return hangingLines(left, text, FLAG_INDENT);
	});
}

/** The commands and what each does, in the order --help lists them. */
const USAGE: ReadonlyArray<readonly [string, string]> = [
	['letta-fleet [flags]', 'live monitor (plain table when stdout is not a terminal)'],
	['letta-fleet --demo', 'live monitor of a built-in simulated fleet'],
	['letta-fleet --once [--json]', 'print the fleet once and exit'],
	['letta-fleet --events', 'print one JSON line per change until stopped'],
	['letta-fleet serve-demo [--port N]', 'run the demo server alone and print its URL and key'],
	['letta-fleet config', 'print the effective settings and where each came from'],
	['letta-fleet exporter [--listen HOST:PORT]', 'serve the fleet as Prometheus metrics'],
	['letta-fleet history [--since 24h] [--type T,...] [--json]', 'what the fleet did, as recorded'],
	['letta-fleet availability [--since 24h] [--json] [--prometheus URL]', "each listener's online share"],
	['letta-fleet help', 'this help (also -h, --help)'],
];

const ENVIRONMENT: ReadonlyArray<readonly [string, string]> = [
	['LETTA_API_KEY', 'API key (--api-key-file wins; else ~/.letta/settings.json, as Letta Code keeps it)'],
	['LETTA_BASE_URL', `API base URL (--base-url wins; else settings, else ${DEFAULT_BASE_URL})`],
	[
		'HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY',
		'a proxy, as curl and npm read them (lower case too; loopback base URLs are never proxied)',
	],
	['NODE_EXTRA_CA_CERTS', "a PEM file of extra CAs (a TLS-intercepting proxy's, say)"],
	['NO_COLOR, FORCE_COLOR', 'colour off, or forced'],
	['XDG_STATE_HOME', 'where history.sqlite is kept (default ~/.local/state/letta-fleet/)'],
];

/** The whole of `letta-fleet --help` for this `version`, ending in a newline; no line past HELP_WIDTH. */
export function helpText(version: string): string {
	return [
		`letta-fleet ${version}: watch every machine connected to a Letta organization, live`,
		'',
		'Usage:',
		...USAGE.flatMap(([command, does]) => hangingLines(`  ${command}`, does, 36)),
		'',
		'Flags:',
		...flagHelpLines(),
		'',
		'Environment:',
		...ENVIRONMENT.flatMap(([name, does]) => hangingLines(`  ${name}`, does, FLAG_INDENT)),
		'',
		...hangingLines(
			'Config file:',
			'$XDG_CONFIG_HOME/letta-fleet/config.json (default ~/.config/letta-fleet/config.json), a JSON ' +
				'object whose keys are the flags\' names, e.g. {"interval": 5, "stale-after": 90}. Precedence: ' +
				'flags > environment > config file > Letta Code settings > defaults. "contexts" names places ' +
				'to watch, each a base-url and api-key-file or api-key-env; --context NAME picks one (README, "Contexts").',
			2,
		),
		'',
		...keysHelpLines(),
		'',
	].join('\n');
}

/** The keys line of --help (view/key-text.ts's keysUsageLine), wrapped. */
export function keysHelpLines(): string[] {
	const [first, ...rest] = keysUsageLine().split(': ');
	return hangingLines(`${first}:`, rest.join(': '), 2);
}
