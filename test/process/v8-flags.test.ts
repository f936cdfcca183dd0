import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {
	FAVOUR_MEMORY_FLAG,
	LIVE_VIEW_BUILTINS,
	LONG_RUN_V8_FLAGS,
	longRunFlags,
	mayCompileEagerly,
} from '../../src/process/v8-flags.js';
import {bundledInputs, readBundleMeta} from '../helpers/bundle-meta.js';

const facts = {execArgv: [] as string[], nodeOptions: undefined};
const names = LONG_RUN_V8_FLAGS.map(flag => flag.split('=')[0]!);

describe('longRunFlags', () => {
	it('sets every long-run flag when the user set none', () => {
		expect(longRunFlags(facts)).toEqual([...LONG_RUN_V8_FLAGS]);
		expect(longRunFlags({execArgv: ['--enable-source-maps'], nodeOptions: '--trace-warnings'})).toEqual([
			...LONG_RUN_V8_FLAGS,
		]);
	});

	it("leaves a flag the user set, on the command line or in NODE_OPTIONS, with the user's value", () => {
		expect(longRunFlags({...facts, execArgv: names.map(name => `${name}=32`)})).toEqual([]);
		expect(
			longRunFlags({...facts, nodeOptions: `--trace-warnings ${names.map(name => `${name}=32`).join(' ')}`}),
		).toEqual([]);
		// V8 reads _ and - alike in a flag's name; NODE_OPTIONS may quote a flag.
		expect(
			longRunFlags({
				...facts,
				nodeOptions: names.map(name => `--${name.slice(2).replaceAll('-', '_')}=1`).join(' '),
			}),
		).toEqual([]);
		expect(longRunFlags({...facts, nodeOptions: names.map(name => `"${name}=8"`).join(' ')})).toEqual([]);
	});

	it("leaves the young generation as the user sized it with Node's own semi-space flags", () => {
		for (const given of ['--max-semi-space-size=16', '--min-semi-space-size=4']) {
			expect(longRunFlags({...facts, nodeOptions: given}), given).toEqual(
				LONG_RUN_V8_FLAGS.filter(flag => flag.startsWith('--heap-growing-percent=')),
			);
		}
	});

	it("may tell V8 to favour memory, unless the user chose V8's memory mode", () => {
		expect(longRunFlags(facts, [FAVOUR_MEMORY_FLAG])).toEqual(['--optimize-for-size']);
		for (const given of ['--no-optimize-for-size', '--no_optimize_for_size', '--optimize-for-size']) {
			expect(longRunFlags({...facts, execArgv: [given]}, [FAVOUR_MEMORY_FLAG]), given).toEqual([]);
			expect(longRunFlags({...facts, nodeOptions: given}, [FAVOUR_MEMORY_FLAG]), given).toEqual([]);
		}
		// The user's choice of the memory mode leaves the heap's sizes to letta-fleet, and the other way round.
		expect(longRunFlags({...facts, execArgv: ['--no-optimize-for-size']})).toEqual([...LONG_RUN_V8_FLAGS]);
		expect(longRunFlags({...facts, nodeOptions: '--heap-growing-percent=50'}, [FAVOUR_MEMORY_FLAG])).toEqual([
			'--optimize-for-size',
		]);
	});

	it('keeps the heap small when set in a running process, as the live view sets them', () => {
		// A fresh Node, which applies longRunFlags' answer with v8.setFlagsFromString (as cli.ts does) and then
		// allocates the way polling does: V8's own sizing grows the young generation to many MB. The flags come in
		// on the command line as data: importing the TypeScript module in the child (type stripping allocates a
		// lot) grew the young generation before they were set.
		const flags = JSON.stringify(longRunFlags({execArgv: [], nodeOptions: undefined}));
		const script = `
			import v8 from 'node:v8';
			if (process.argv[1] === 'set') for (const flag of JSON.parse(process.argv[2])) v8.setFlagsFromString(flag);
			const kept = [];
			for (let round = 0; round < 100; round++) {
				const garbage = [];
				for (let index = 0; index < 20000; index++) garbage.push({index, text: 'x' + index});
				if (round % 4 === 0) kept.push(garbage.slice(0, 2000));
			}
			const young = v8.getHeapSpaceStatistics().find(space => space.space_name === 'new_space');
			console.log(young.space_size);`;
		const youngBytes = (mode: string) =>
			Number(
				execFileSync(process.execPath, ['--input-type=module', '-e', script, mode, flags], {
					encoding: 'utf8',
					env: {...process.env, NODE_OPTIONS: ''},
				}).trim(),
			);
		// Set at run time the flag stops most growth, not all: 2 MB on a quiet host, up to 7.6 MB seen on a loaded one,
		// against 32 MB without it.
		const set = youngBytes('set');
		const unset = youngBytes('unset');
		expect(set).toBeLessThanOrEqual(12 * 1024 * 1024);
		expect(unset).toBeGreaterThan(16 * 1024 * 1024);
	});
});

describe('mayCompileEagerly', () => {
	it("compiles the live view eagerly unless the user chose V8's compile mode", () => {
		expect(mayCompileEagerly(facts)).toBe(true);
		expect(mayCompileEagerly({execArgv: ['--enable-source-maps'], nodeOptions: '--max-old-space-size=512'})).toBe(
			true,
		);
		for (const given of ['--lazy', '--no-lazy', '--no_lazy', '"--no-lazy"']) {
			expect(mayCompileEagerly({...facts, nodeOptions: `--trace-warnings ${given}`}), given).toBe(false);
			expect(mayCompileEagerly({...facts, execArgv: [given]}), given).toBe(false);
		}
	});
});

describe('LIVE_VIEW_BUILTINS', () => {
	/** The built-ins the chunks of `source` require as they load, by name (node:fs). */
	const builtinsOf = (source: string) =>
		new Set(
			bundledInputs(readBundleMeta(), source)
				.filter(input => input.startsWith('builtins-by-require:'))
				.map(input => input.slice('builtins-by-require:'.length)),
		);

	it("names every built-in the live view's chunk loads that the command line's has not, and no other", () => {
		const loadedBefore = builtinsOf('src/cli.ts');
		const live = [...builtinsOf('src/ui/run.tsx')].filter(name => !loadedBefore.has(name));
		// A built-in missing here is compiled whole at every launch: it still works, only slower.
		expect([...LIVE_VIEW_BUILTINS].sort()).toEqual(live.sort());
	});
});
