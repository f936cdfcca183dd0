import {describe, expect, it} from 'vitest';
import {parseOptions, UsageError} from '../src/options.js';

describe('parseOptions', () => {
	it('has sensible defaults', () => {
		expect(parseOptions([])).toMatchObject({command: 'watch', intervalMs: 2000, staleAfterMs: 75_000, lingerMs: 30_000, pageSize: 100, sources: {}});
	});

	it('takes settings from the config file, and a flag wins over it', () => {
		const options = parseOptions(['--interval', '3'], {interval: 10, 'stale-after': '90', 'online-only': true, 'base-url': 'https://x.example'});
		expect(options).toMatchObject({intervalMs: 3000, staleAfterMs: 90_000, onlineOnly: true, baseUrl: 'https://x.example'});
		expect(options.sources).toEqual({interval: 'flag', 'stale-after': 'config', 'online-only': 'config', 'base-url': 'config'});
	});

	it('rejects a config file key that is not a setting, or of the wrong type, naming the file', () => {
		expect(() => parseOptions([], {intervall: 3}, '/c.json')).toThrow(/\/c\.json: unknown setting "intervall"/);
		expect(() => parseOptions([], {once: true}, '/c.json')).toThrow(UsageError);
		expect(() => parseOptions([], {'online-only': 'yes'}, '/c.json')).toThrow(/must be true or false/);
		expect(() => parseOptions([], {interval: 0}, '/c.json')).toThrow(/--interval takes seconds/);
	});

	it('knows its commands', () => {
		expect(parseOptions(['config']).command).toBe('config');
		expect(parseOptions(['serve-demo']).command).toBe('serve-demo');
		expect(() => parseOptions(['serve'])).toThrow(/unknown command: serve/);
	});
});
