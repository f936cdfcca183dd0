import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {historyPath} from '../../src/config/history-path.js';
import {parseOptions} from '../../src/config/options.js';

const HOME = {dir: '/home/ana'};
const options = (...argv: string[]) => parseOptions(argv);

describe('historyPath', () => {
	it('is under XDG_STATE_HOME when it is absolute, else ~/.local/state', () => {
		expect(historyPath(options(), {XDG_STATE_HOME: '/state'}, HOME)).toEqual({
			file: '/state/letta-fleet/history.sqlite',
		});
		for (const xdg of [undefined, '', 'relative/state']) {
			expect(historyPath(options(), {XDG_STATE_HOME: xdg}, HOME), String(xdg)).toEqual({
				file: '/home/ana/.local/state/letta-fleet/history.sqlite',
			});
		}
	});

	it('is no file without a real home, unless --history-file names one', () => {
		expect(historyPath(options(), {}, {why: 'HOME is empty'})).toEqual({
			why: 'no home folder (HOME is empty); name a file with --history-file PATH',
		});
		expect(historyPath(options('--history-file', 'h.sqlite'), {}, {why: 'HOME is empty'})).toEqual({
			file: path.resolve('h.sqlite'),
		});
	});

	it('is none with --no-history, and none for the demo unless --history-file names one', () => {
		expect(historyPath(options('--no-history'), {}, HOME).file).toBeUndefined();
		expect(historyPath(options('--demo'), {}, HOME)).toEqual({
			why: 'the demo records no history unless --history-file names a file',
		});
		expect(historyPath(options('serve-demo'), {}, HOME).file).toBeUndefined();
		expect(historyPath(options('--demo', '--history-file', '/tmp/d.sqlite'), {}, HOME)).toEqual({
			file: '/tmp/d.sqlite',
		});
	});

	it('takes history-file and no-history from the config file', () => {
		expect(historyPath(parseOptions([], {'history-file': '/c/h.sqlite'}), {}, HOME)).toEqual({file: '/c/h.sqlite'});
		expect(historyPath(parseOptions([], {'no-history': true}), {}, HOME).file).toBeUndefined();
	});
});
