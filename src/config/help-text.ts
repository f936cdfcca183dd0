/** `--help`: the usage lines, every flag's line from FLAGS, the environment and the config file. */
import {DEFAULT_BASE_URL} from '../api/defaults.js';
import {keysUsageLine} from '../view/key-text.js';
import {TABLE} from './flags.js';

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

/** The whole of `letta-fleet --help` for this `version`, ending in a newline. */
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
