import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {configRows} from '../../src/modes/config.js';
import {FLAGS, type FlagName} from '../../src/config/flags.js';
import {parseOptions} from '../../src/config/options.js';
import {ROOT} from '../helpers/cli.js';
import {matcher} from '../helpers/matcher.js';

/** A real home holding no settings file: nothing to say about Letta Code's settings. */
const EMPTY_HOME = path.join(ROOT, 'test', 'fixtures', 'empty-home');

/**
 * A value other than the default for every flag: as typed (true for a switch, a list for a
 * repeatable flag), the Options field's value it gives, and how `letta-fleet config` shows it.
 * Typed as a Record of every flag name, so a new flag cannot be added without its sample.
 */
const SAMPLES: Record<FlagName, [typed: string | true | string[], field: unknown, shown: string]> = {
	demo: [true, true, 'true'],
	'base-url': ['https://flag.example', 'https://flag.example', 'https://flag.example'],
	'api-key-file': ['/keys/letta', '/keys/letta', '/keys/letta'],
	context: ['prod', 'prod', 'prod'],
	interval: ['2.5', 2500, '2.5s'],
	'stale-after': ['90', 90_000, '90s'],
	linger: ['0', 0, '0s'],
	'online-only': [true, true, 'true'],
	source: ['remote', 'remote', 'remote'],
	user: ['user-1', 'user-1', 'user-1'],
	'page-size': ['250', 250, '250'],
	'max-rps': ['4', 4, '4'],
	timeout: ['5', 5000, '5s'],
	'max-body-mib': ['64', 64, '64'],
	once: [true, true, 'true'],
	json: [true, true, 'true'],
	events: [true, true, 'true'],
	bell: [true, true, 'true'],
	mouse: [true, true, 'true'],
	'export-dir': ['/tmp/exports', '/tmp/exports', '/tmp/exports'],
	'allow-insecure-http': [true, true, 'true'],
	port: ['8283', 8283, '8283'],
	'demo-size': ['500', 500, '500'],
	'demo-seed': ['0', 0, '0'],
	'demo-churn': ['0', 0, '0'],
	fault: [['hang', '503*2'], ['hang', '503*2'], 'hang 503*2'],
	'no-color': [true, true, 'true'],
	ascii: [true, true, 'true'],
	sort: ['LAST-SEEN:desc', {key: 'lastSeen', descending: true}, 'last-seen:desc'],
	scope: ['problems', 'problems', 'problems'],
	filter: ['!^ci-', '!^ci-', '!^ci-'],
	'group-by': ['version', 'version', 'version'],
	columns: ['Version, name,DUP', ['version', 'name', 'duplicate'], 'version,name,dup'],
	listen: ['[::1]:9999', {host: '::1', port: 9999}, '[::1]:9999'],
	'no-per-environment': [true, true, 'true'],
	'history-file': ['/tmp/h.sqlite', '/tmp/h.sqlite', '/tmp/h.sqlite'],
	'no-history': [true, true, 'true'],
	'history-days': ['7', 7, '7'],
	'history-max-mb': ['64', 64, '64'],
	since: ['7d', '7d', '7d'],
	until: ['2026-11-28T09:30', '2026-11-28T09:30', '2026-11-28T09:30'],
	type: ['disconnected,stale', ['disconnected', 'stale'], 'disconnected,stale'],
	org: ['org-1', 'org-1', 'org-1'],
	prometheus: ['http://prometheus:9090', 'http://prometheus:9090', 'http://prometheus:9090'],
	help: [true, true, 'true'],
	version: [true, true, 'true'],
};

/** The flags a config file may not set: one-off actions and modes. */
const NOT_SETTINGS = new Set<FlagName>([
	'demo',
	'once',
	'json',
	'events',
	'port',
	'fault',
	'since',
	'until',
	'type',
	'org',
	'help',
	'version',
]);

const names = Object.keys(FLAGS) as FlagName[];

function argv(name: FlagName, typed: string | true | string[]): string[] {
	if (typed === true) return [`--${name}`];
	return [typed].flat().flatMap(value => [`--${name}`, value]);
}

describe('letta-fleet config rows', () => {
	it('round-trips every flag: flag, Options field, then a row with the same value and --name as its source', async () => {
		for (const name of names) {
			const [typed, field, shown] = SAMPLES[name];
			const options = parseOptions(['config', ...argv(name, typed)]);
			expect(options[FLAGS[name].field], name).toEqual(field);
			expect(options.sources, name).toEqual({[name]: 'flag'});
			const rows = (await configRows(options, {})).filter(row => row.name === name);
			expect(rows, name).toEqual(NOT_SETTINGS.has(name) ? [] : [{name, value: shown, source: `--${name}`}]);
		}
	});

	it('round-trips every setting through the config file, shown as from the config file', async () => {
		for (const name of names.filter(name => !NOT_SETTINGS.has(name))) {
			const [typed, field, shown] = SAMPLES[name];
			// A config file writes numbers as JSON numbers, which must give what the typed text gives.
			const value = typed !== true && /^\d+(\.\d+)?$/.test(String(typed)) ? Number(typed) : typed;
			const options = parseOptions(['config'], {[name]: value}, '/c.json');
			expect(options[FLAGS[name].field], name).toEqual(field);
			const rows = (await configRows(options, {})).filter(row => row.name === name);
			expect(rows, name).toEqual([{name, value: shown, source: 'config file'}]);
		}
	});

	it('refuses the one-off actions and modes in a config file', () => {
		for (const name of NOT_SETTINGS) {
			expect(() => parseOptions([], {[name]: SAMPLES[name][0]}, '/c.json'), name).toThrow(
				`/c.json: unknown setting "${name}"`,
			);
		}
	});

	it("shows the defaults in each flag's own unit, base-url and the key first", async () => {
		const rows = await configRows(parseOptions(['config']), {
			HOME: EMPTY_HOME,
			LETTA_BASE_URL: 'https://env.example',
			LETTA_API_KEY: 'sk-let-secret-42',
		});
		expect(rows.map(row => row.name)).toEqual([
			'base-url',
			'proxy',
			'api key',
			'history-file',
			'export-dir',
			'api-key-file',
			'context',
			'interval',
			'stale-after',
			'linger',
			'online-only',
			'source',
			'user',
			'max-rps',
			'page-size',
			'timeout',
			'max-body-mib',
			'bell',
			'mouse',
			'allow-insecure-http',
			'demo-size',
			'demo-seed',
			'demo-churn',
			'no-color',
			'ascii',
			'sort',
			'scope',
			'group-by',
			'filter',
			'columns',
			'listen',
			'no-per-environment',
			'no-history',
			'history-days',
			'history-max-mb',
			'prometheus',
		]);
		expect(rows.slice(0, 3)).toEqual([
			{name: 'base-url', value: 'https://env.example', source: 'LETTA_BASE_URL'},
			{name: 'proxy', value: 'none', source: 'environment'},
			{name: 'api key', value: 'set (16 characters, not shown)', source: 'LETTA_API_KEY'},
		]);
		const shown = Object.fromEntries(rows.map(row => [row.name, `${row.value} (${row.source})`]));
		expect(shown).toMatchObject({
			interval: '2s (default)',
			'stale-after': '75s (default)',
			linger: '30s (default)',
			timeout: '15s (default)',
			'max-body-mib': '32 (default)',
			'page-size': '1000 (default)',
			'max-rps': '10 (default)',
			source: '- (default)',
			user: '- (default)',
			'export-dir': `${path.join(EMPTY_HOME, '.local', 'state', 'letta-fleet', 'exports')} (XDG_STATE_HOME or ~/.local/state)`,
			bell: 'false (default)',
			mouse: 'false (default)',
			'demo-seed': '7 (default)',
			sort: 'name (default)',
			scope: 'all (default)',
			filter: '- (default)',
		});
	});

	it('shows why the base URL or key cannot be resolved, and still every other setting, never the key', async () => {
		const rows = await configRows(parseOptions(['config', '--interval', '4']), {
			LETTA_BASE_URL: 'http://remote.example',
			LETTA_API_KEY: 'sk-let-secret-42',
		});
		expect(rows[0]).toEqual({
			name: 'base-url',
			value: matcher.stringMatching(/^error: refusing to send the API key over plain http/),
			source: '-',
		});
		expect(rows.find(row => row.name === 'interval')).toEqual({
			name: 'interval',
			value: '4s',
			source: '--interval',
		});
		expect(JSON.stringify(rows)).not.toContain('sk-let-secret-42');
	});
});
