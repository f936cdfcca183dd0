import {describe, expect, it} from 'vitest';
import {parseListenAddress} from '../../src/config/listen-address.js';
import {parseOptions} from '../../src/config/options.js';

describe('exporter flags', () => {
	it('takes --listen HOST:PORT, IPv6 in brackets, and defaults to loopback on 10123', () => {
		expect(parseOptions(['exporter']).listen).toEqual({host: '127.0.0.1', port: 10_123});
		expect(parseListenAddress('0.0.0.0:9999')).toEqual({host: '0.0.0.0', port: 9999});
		expect(parseListenAddress('[::1]:0')).toEqual({host: '::1', port: 0});
		expect(parseListenAddress('metrics.internal:10123')).toEqual({host: 'metrics.internal', port: 10_123});
	});

	it('refuses a bad address in one line', () => {
		for (const bad of ['10123', ':10123', '127.0.0.1:', '127.0.0.1:70000', 'a b:1', '::1:10123']) {
			expect(() => parseOptions(['exporter', '--listen', bad]), bad).toThrow(
				/^--listen takes HOST:PORT \(like 127\.0\.0\.1:10123, or \[::1\]:10123\), got /,
			);
		}
	});

	it('refuses the flags that do not apply, either way round', () => {
		expect(() => parseOptions(['exporter', '--once'])).toThrow(
			'exporter serves metrics for Prometheus; --once does not apply',
		);
		expect(() => parseOptions(['exporter', '--port', '1'])).toThrow(/--port is the port serve-demo listens on/);
		expect(() => parseOptions(['--listen', '127.0.0.1:1'])).toThrow(
			"--listen is the exporter's; try letta-fleet exporter --listen HOST:PORT",
		);
		expect(() => parseOptions(['serve-demo', '--no-per-environment'])).toThrow(
			"--no-per-environment is the exporter's",
		);
		expect(parseOptions(['exporter', '--demo', '--no-per-environment', '--max-rps', '2'])).toMatchObject({
			command: 'exporter',
			demo: true,
			noPerEnvironment: true,
			maxRps: 2,
		});
	});
});
