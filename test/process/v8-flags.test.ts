import {describe, expect, it} from 'vitest';
import {LONG_RUN_V8_FLAGS, relaunchArgv} from '../../src/process/v8-flags.js';

const facts = {
	execPath: '/usr/bin/node',
	execArgv: [] as string[],
	argv: ['/usr/bin/node', '/opt/letta-fleet/bin/letta-fleet.js', '--interval', '5'],
	nodeOptions: undefined,
};

describe('relaunchArgv', () => {
	it('runs the same script with the same arguments and the long-run flags before it', () => {
		expect(relaunchArgv(facts)).toEqual([
			'/usr/bin/node',
			...LONG_RUN_V8_FLAGS,
			'/opt/letta-fleet/bin/letta-fleet.js',
			'--interval',
			'5',
		]);
	});

	it("keeps Node's own flags as they were given", () => {
		expect(relaunchArgv({...facts, execArgv: ['--enable-source-maps']})?.slice(0, 2)).toEqual([
			'/usr/bin/node',
			'--enable-source-maps',
		]);
	});

	it('relaunches only once: a process that has the flags is left alone', () => {
		const again = relaunchArgv(facts)!;
		expect(relaunchArgv({...facts, execArgv: again.slice(1, 1 + LONG_RUN_V8_FLAGS.length)})).toBeNull();
	});

	it("leaves a flag the user set, on the command line or in NODE_OPTIONS, with the user's value", () => {
		const names = LONG_RUN_V8_FLAGS.map(flag => flag.split('=')[0]!);
		expect(relaunchArgv({...facts, execArgv: names.map(name => `${name}=32`)})).toBeNull();
		expect(
			relaunchArgv({...facts, nodeOptions: `--trace-warnings ${names.map(name => `${name}=32`).join(' ')}`}),
		).toBeNull();
		// V8 reads _ and - alike in a flag's name.
		expect(
			relaunchArgv({
				...facts,
				nodeOptions: names.map(name => `--${name.slice(2).replaceAll('-', '_')}=1`).join(' '),
			}),
		).toBeNull();
	});
});

describe('relaunchArgv, unusual starts', () => {
	it('takes a quoted flag in NODE_OPTIONS as given, as Node reads it', () => {
		const names = LONG_RUN_V8_FLAGS.map(flag => flag.split('=')[0]!);
		expect(relaunchArgv({...facts, nodeOptions: names.map(name => `"${name}=8"`).join(' ')})).toBeNull();
	});

	it('leaves a process under a debugger or profiler alone', () => {
		for (const flag of [
			'--inspect',
			'--inspect=127.0.0.1:9229',
			'--inspect-brk',
			'--cpu-prof',
			'--heap-prof',
			'--prof',
		]) {
			expect(relaunchArgv({...facts, execArgv: [flag]}), flag).toBeNull();
		}

		expect(relaunchArgv({...facts, nodeOptions: '--inspect'})).toBeNull();
		expect(relaunchArgv({...facts, execArgv: ['--inspect-port=0']})).toBeNull();
	});
});
