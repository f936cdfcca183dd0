import {describe, expect, expectTypeOf, it} from 'vitest';
import {FLAGS, type Options, parseOptions, UsageError} from '../src/options.js';

describe('parseOptions', () => {
	it('has sensible defaults', () => {
		expect(parseOptions([])).toMatchObject({command: 'watch', intervalMs: 2000, staleAfterMs: 75_000, lingerMs: 30_000, pageSize: 100, faults: [], sources: {}});
	});

	it('takes settings from the config file, and a flag wins over it', () => {
		const options = parseOptions(['--interval', '3'], {interval: 10, 'stale-after': '90', 'online-only': true, 'base-url': 'https://x.example'});
		expect(options).toMatchObject({intervalMs: 3000, staleAfterMs: 90_000, onlineOnly: true, baseUrl: 'https://x.example'});
		expect(options.sources).toEqual({interval: 'flag', 'stale-after': 'config', 'online-only': 'config', 'base-url': 'config'});
	});

	it('rejects a config file key that is not a setting, or of the wrong type, naming the file', () => {
		expect(() => parseOptions([], {intervall: 3}, '/c.json')).toThrow(/\/c\.json: unknown setting "intervall"/);
		expect(() => parseOptions([], {once: true}, '/c.json')).toThrow(UsageError);
		expect(() => parseOptions([], {'online-only': 'yes'}, '/c.json')).toThrow('/c.json: "online-only" must be true or false');
		expect(() => parseOptions([], {interval: [1]}, '/c.json')).toThrow('/c.json: "interval" must be a string or a number');
	});

	it('rejects a bad value from the config file as from a flag, naming the file and key instead of the flag', () => {
		expect(() => parseOptions([], {interval: 0}, '/c.json')).toThrow('/c.json: "interval" takes seconds, at least 1, got "0"');
		expect(() => parseOptions([], {source: 'cloud'}, '/c.json')).toThrow('/c.json: "source" must be local or remote, got "cloud"');
		expect(() => parseOptions([], {'page-size': 5.5}, '/c.json')).toThrow('/c.json: "page-size" takes a whole number from 1 to 1000, got "5.5"');
		expect(() => parseOptions([], {'base-url': 'nope'}, '/c.json')).toThrow('/c.json: "base-url" must be a URL like https://api.letta.com, got "nope"');
	});

	it('rejects bad flags and values with the same one-line messages as before the flags table', () => {
		const cases: Array<[string[], string]> = [
			[['--interval', '0.5'], '--interval takes seconds, at least 1, got "0.5"'],
			[['--interval', ''], '--interval takes seconds, at least 1, got ""'],
			[['--stale-after', '86401'], '--stale-after takes seconds, at least 1, got "86401"'],
			[['--linger=-1'], '--linger takes seconds, at least 0, got "-1"'],
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
		expect(thrown(() => parseOptions(['--bogus'])).message).toMatch(/^Unknown option '--bogus'/);
	});

	it('knows its commands', () => {
		expect(parseOptions(['config']).command).toBe('config');
		expect(parseOptions(['serve-demo']).command).toBe('serve-demo');
		expect(() => parseOptions(['serve'])).toThrow(/unknown command: serve/);
	});

	it('keeps every repeated --fault, in order, and gives each Options its own list', () => {
		expect(parseOptions(['--fault', 'hang', '--fault', '503*2']).faults).toEqual(['hang', '503*2']);
		parseOptions([]).faults.push('changed');
		expect(parseOptions([]).faults).toEqual([]);
	});
});

describe('the flags table', () => {
	it('sets every Options field but command and sources, each from exactly one flag', () => {
		type FlagField = (typeof FLAGS)[keyof typeof FLAGS]['field'];
		// A field of the hand-written Options type that no flag sets would fail to type-check here.
		expectTypeOf<Exclude<keyof Options, 'command' | 'sources' | FlagField>>().toEqualTypeOf<never>();
		const fields = Object.values(FLAGS).map(flag => flag.field);
		expect(new Set(fields).size).toBe(fields.length);
		expect(Object.keys(parseOptions([])).sort()).toEqual([...fields, 'command', 'sources'].sort());
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
