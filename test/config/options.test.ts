import {chmodSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, expectTypeOf, it} from 'vitest';
import {tempFolder} from '../helpers/temp-folder.js';
import {FLAGS, type Options} from '../../src/config/flags.js';
import {narrowingFlags, parseOptions} from '../../src/config/options.js';
import {UsageError} from '../../src/config/usage-error.js';

describe('parseOptions', () => {
	it('has sensible defaults', () => {
		expect(parseOptions([])).toMatchObject({
			command: 'watch',
			intervalMs: 2000,
			staleAfterMs: 75_000,
			lingerMs: 30_000,
			pageSize: 1000,
			maxRps: 10,
			faults: [],
			sources: {},
		});
	});

	it('takes settings from the config file, and a flag wins over it', () => {
		const options = parseOptions(['--interval', '3'], {
			interval: 10,
			'stale-after': '90',
			'online-only': true,
			'base-url': 'https://x.example',
		});
		expect(options).toMatchObject({
			intervalMs: 3000,
			staleAfterMs: 90_000,
			onlineOnly: true,
			baseUrl: 'https://x.example',
		});
		expect(options.sources).toEqual({
			interval: 'flag',
			'stale-after': 'config',
			'online-only': 'config',
			'base-url': 'config',
		});
	});

	it('rejects a config file key that is not a setting, or of the wrong type, naming the file', () => {
		expect(() => parseOptions([], {intervall: 3}, '/c.json')).toThrow(/\/c\.json: unknown setting "intervall"/);
		expect(() => parseOptions([], {once: true}, '/c.json')).toThrow(UsageError);
		expect(() => parseOptions([], {'online-only': 'yes'}, '/c.json')).toThrow(
			'/c.json: "online-only" must be true or false',
		);
		expect(() => parseOptions([], {interval: [1]}, '/c.json')).toThrow(
			'/c.json: "interval" must be a string or a number',
		);
	});

	it('rejects a bad value from the config file as from a flag, naming the file and key instead of the flag', () => {
		expect(() => parseOptions([], {interval: 0}, '/c.json')).toThrow(
			'/c.json: "interval" takes seconds, at least 1, got "0"',
		);
		expect(() => parseOptions([], {source: 'cloud'}, '/c.json')).toThrow(
			'/c.json: "source" must be local or remote, got "cloud"',
		);
		expect(() => parseOptions([], {'page-size': 5.5}, '/c.json')).toThrow(
			'/c.json: "page-size" takes a whole number from 1 to 1000, got "5.5"',
		);
		expect(() => parseOptions([], {'base-url': 'nope'}, '/c.json')).toThrow(
			'/c.json: "base-url" must be a URL like https://api.letta.com, got "nope"',
		);
	});

	it('rejects bad flags and values with the same one-line messages as before the flags table', () => {
		const cases: Array<[string[], string]> = [
			[['--interval', '0.5'], '--interval takes seconds, at least 1, got "0.5"'],
			[['--interval', ''], '--interval takes seconds, at least 1, got ""'],
			[['--stale-after', '86401'], '--stale-after takes seconds, at least 1, got "86401"'],
			[['--linger=-1'], '--linger must not be negative, got "-1"'],
			[['--linger', '-1'], '--linger must not be negative, got "-1"'],
			[['--interval', '-5'], '--interval must be positive, got "-5"'],
			[['--page-size', '-3'], '--page-size must be positive, got "-3"'],
			[
				['--sort', 'bogus'],
				'--sort takes a column (status, name, machine, mode, beat, up, last-seen, branch, version, os, pod, listener, directory), then :desc to reverse, got "bogus"',
			],
			[
				['--sort', 'name:up'],
				'--sort takes a column (status, name, machine, mode, beat, up, last-seen, branch, version, os, pod, listener, directory), then :desc to reverse, got "name:up"',
			],
			[
				['--scope', 'offline'],
				'--scope must be all, problems, online or duplicates, got "offline"; did you mean online?',
			],
			[
				['--group-by', 'versoin'],
				'--group-by must be none, machine, user or version, got "versoin"; did you mean version?',
			],
			[['--group-by', 'host'], '--group-by must be none, machine, user or version, got "host"'],
			[['--filter', 'a\u001B[2Jb'], '--filter must be printable text, without control characters'],
			[
				['--fault', 'nope'],
				'Invalid fault "nope": unknown fault "nope" (expected a status 100-599 or delay, drift, hang, reset, truncate, not-json, stuck-cursor, huge-page, hostile-strings, bomb, endless, html, redirect, deep)',
			],
			[
				['--demo', '--fault', 'hang', '--fault', 'hang@page=x'],
				'Invalid fault "hang@page=x": page (@page=N) must be a whole number >= 1, got "x"',
			],
			[
				['--filter', '-x'],
				"Option '--filter' argument is ambiguous. To specify an option argument starting with a dash use '--filter=-XYZ'.",
			],
			[['--source', 'cloud'], '--source must be local or remote, got "cloud"'],
			[['--page-size', 'ten'], '--page-size takes a whole number from 1 to 1000, got "ten"'],
			[['--page-size', '1001'], '--page-size takes a whole number from 1 to 1000, got "1001"'],
			[['--port', '70000'], '--port takes a whole number from 0 to 65535, got "70000"'],
			[['--base-url', 'not a url'], '--base-url must be a URL like https://api.letta.com, got "not a url"'],
			[['--base-url', 'ftp://x.example'], '--base-url must be an http or https URL, got "ftp://x.example"'],
			[['--interval'], "Option '--interval <value>' argument missing"],
			[['--once=yes'], "Option '--once' does not take an argument"],
			[['config', 'now'], 'unexpected argument: now'],
		];
		for (const [argv, message] of cases) {
			const error = thrown(() => parseOptions(argv));
			expect(error, argv.join(' ')).toBeInstanceOf(UsageError);
			expect(error.message, argv.join(' ')).toBe(message);
		}

		expect(thrown(() => parseOptions(['--bogus']))).toBeInstanceOf(UsageError);
		expect(thrown(() => parseOptions(['--bogus'])).message).toBe('unknown flag --bogus');
		expect(thrown(() => parseOptions(['--constructor', '-5'])).message).toBe('unknown flag --constructor');
	});

	it('says which flag a mistyped one was probably meant to be', () => {
		expect(thrown(() => parseOptions(['--intervall', '3'])).message).toBe(
			'unknown flag --intervall; did you mean --interval?',
		);
		expect(thrown(() => parseOptions(['--sot', 'name'])).message).toBe('unknown flag --sot; did you mean --sort?');
		expect(thrown(() => parseOptions(['--onlin-eonly'])).message).toBe(
			'unknown flag --onlin-eonly; did you mean --online-only?',
		);
		expect(thrown(() => parseOptions(['--history-dayz', '3'])).message).toBe(
			'unknown flag --history-dayz; did you mean --history-days?',
		);
	});

	it('knows its commands, help among them, and suggests the one a typo meant', () => {
		expect(parseOptions(['config']).command).toBe('config');
		expect(parseOptions(['serve-demo']).command).toBe('serve-demo');
		expect(parseOptions(['help'])).toMatchObject({command: 'watch', help: true});
		expect(() => parseOptions(['serve'])).toThrow(/unknown command: serve \(commands: /);
		expect(thrown(() => parseOptions(['histroy'])).message).toBe(
			'unknown command: histroy; did you mean history? (commands: serve-demo, config, exporter, history, availability, help)',
		);
		expect(thrown(() => parseOptions(['exporer'])).message).toMatch(/did you mean exporter\?/);
	});

	it('keeps every repeated --fault, in order, and gives each Options its own list', () => {
		expect(parseOptions(['--fault', 'hang', '--fault', '503*2']).faults).toEqual(['hang', '503*2']);
		parseOptions([]).faults.push('changed');
		expect(parseOptions([]).faults).toEqual([]);
	});
});

describe('contradictory flags', () => {
	it('are refused, each with a line that says why', () => {
		const cases: Array<[string[], RegExp]> = [
			[['--once', '--events'], /--once prints the fleet once and --events streams its changes: pick one/],
			[['--json', '--events'], /--events already prints JSON/],
			[['serve-demo', '--once'], /serve-demo only runs the demo server; --once does not apply/],
			[['serve-demo', '--events'], /--events does not apply/],
			[['serve-demo', '--json'], /--json does not apply/],
			[['serve-demo', '--demo'], /--demo does not apply/],
			[['--port', '8283'], /--port is the port serve-demo listens on/],
			[['--events', '--filter', 'ci'], /--filter shapes the live view and --once; --events prints every change/],
			[['--events', '--sort', 'name'], /--sort shapes/],
		];
		for (const [argv, message] of cases) {
			const error = thrown(() => parseOptions(argv));
			expect(error, argv.join(' ')).toBeInstanceOf(UsageError);
			expect(error.message, argv.join(' ')).toMatch(message);
		}
	});

	it('are only refused when both come from the command line: a config file sets no mode', () => {
		expect(parseOptions(['--events'], {filter: 'ci', sort: 'beat'}, '/c.json')).toMatchObject({
			events: true,
			filter: 'ci',
		});
		expect(parseOptions(['serve-demo', '--port', '0']).port).toBe(0);
		expect(parseOptions(['config', '--once']).once).toBe(true);
	});
});

describe('-h', () => {
	it('is --help', () => {
		expect(parseOptions(['-h']).help).toBe(true);
		expect(parseOptions(['--help']).help).toBe(true);
	});
});

describe('--sort, --scope and --filter', () => {
	it('default to the name, every row, no filter', () => {
		expect(parseOptions([])).toMatchObject({sort: {key: 'name', descending: false}, scope: 'all', filter: ''});
	});

	it('take a column by its title or its key, in any case, and :desc or :asc', () => {
		expect(parseOptions(['--sort', 'beat']).sort).toEqual({key: 'heartbeat', descending: false});
		expect(parseOptions(['--sort', 'heartbeat:desc']).sort).toEqual({key: 'heartbeat', descending: true});
		expect(parseOptions(['--sort', 'Last-Seen']).sort).toEqual({key: 'lastSeen', descending: false});
		expect(parseOptions(['--sort', 'lastseen:asc']).sort).toEqual({key: 'lastSeen', descending: false});
		expect(parseOptions(['--sort', 'up:desc']).sort).toEqual({key: 'uptime', descending: true});
		expect(() => parseOptions(['--sort', 'dup'])).toThrow(UsageError);
	});

	it('come from the config file too, and a flag wins', () => {
		const options = parseOptions(
			['--scope', 'online'],
			{sort: 'last-seen:desc', scope: 'problems', filter: '!^ci-'},
			'/c.json',
		);
		expect(options).toMatchObject({sort: {key: 'lastSeen', descending: true}, scope: 'online', filter: '!^ci-'});
		expect(options.sources).toMatchObject({sort: 'config', scope: 'flag', filter: 'config'});
	});
});

describe('--export-dir', () => {
	const directory = tempFolder('letta-fleet-export-');
	const file = path.join(directory, 'a-file');
	writeFileSync(file, '');

	it('is checked at start: it must exist and be a directory', () => {
		expect(parseOptions(['--export-dir', directory]).exportDirectory).toBe(directory);
		expect(() => parseOptions(['--export-dir', path.join(directory, 'missing')])).toThrow(
			`--export-dir: "${path.join(directory, 'missing')}" does not exist`,
		);
		expect(() => parseOptions(['--export-dir', file])).toThrow(`--export-dir: "${file}" is not a directory`);
		expect(() => parseOptions([], {'export-dir': file}, '/c.json')).toThrow(
			`/c.json: "export-dir": "${file}" is not a directory`,
		);
	});

	it('must be writable, and leaves nothing behind when it is', () => {
		// A directory its owner may not write, and one nobody may (root included: procfs makes no files).
		const locked = tempFolder('letta-fleet-locked-');
		chmodSync(locked, 0o500);
		const unwritable = process.getuid?.() === 0 ? '/proc' : locked;
		expect(() => parseOptions(['--export-dir', unwritable])).toThrow(
			`--export-dir: "${unwritable}" is not writable (exports go there)`,
		);
		parseOptions(['--export-dir', directory]);
		expect(readdirSync(directory).filter(name => name.startsWith('.letta-fleet-write-check'))).toEqual([]);
	});

	it('is not checked where nothing is exported (--once, --events, config), nor when left at its default', () => {
		const missing = path.join(directory, 'missing');
		expect(parseOptions(['--once', '--export-dir', missing]).exportDirectory).toBe(missing);
		expect(parseOptions(['--events'], {'export-dir': missing}).exportDirectory).toBe(missing);
		expect(parseOptions(['config', '--export-dir', missing]).exportDirectory).toBe(missing);
	});
});

describe('narrowingFlags', () => {
	it('names the flags that narrowed the listing on the server', () => {
		expect(narrowingFlags(parseOptions([]))).toEqual([]);
		expect(narrowingFlags(parseOptions(['--online-only', '--source', 'remote', '--user', 'user-1']))).toEqual([
			'--online-only',
			'--source remote',
			'--user user-1',
		]);
	});
});

describe('the flags table', () => {
	it('sets every Options field but command, sources and contexts, each from exactly one flag', () => {
		type FlagField = (typeof FLAGS)[keyof typeof FLAGS]['field'];
		// A field of the hand-written Options type that no flag sets would fail to type-check here.
		expectTypeOf<Exclude<keyof Options, 'command' | 'sources' | 'contexts' | FlagField>>().toEqualTypeOf<never>();
		const fields = Object.values(FLAGS).map(flag => flag.field);
		expect(new Set(fields).size).toBe(fields.length);
		expect(Object.keys(parseOptions([])).sort()).toEqual([...fields, 'command', 'contexts', 'sources'].sort());
	});
});

function thrown(run: () => unknown): Error {
	try {
		run();
	} catch (error) {
		return error as Error;
	}

	throw new Error('expected a throw');
}
