import {describe, expect, it} from 'vitest';
import {nearestWord} from '../../src/config/did-you-mean.js';
import {parseOptions} from '../../src/config/options.js';
import {type ColumnKey, COLUMNS} from '../../src/view/columns.js';
import {
	chosenCountText,
	DEFAULT_SETUP,
	isDefaultSetup,
	KEEP_ONE_OF,
	moveColumn,
	parseColumnNames,
	setupOf,
	shownColumns,
	toggleColumn,
} from '../../src/view/column-choice.js';
import {layoutColumns} from '../../src/view/layout.js';

const keys = (columns: ReturnType<typeof shownColumns>) => columns.map(column => column.key);

describe('--columns and the config key columns', () => {
	it('take --sort names plus dup, any case, in the order given', () => {
		expect(parseOptions(['--columns', 'version,STATUS,name,dup,last-seen']).columns).toEqual([
			'version',
			'status',
			'name',
			'duplicate',
			'lastSeen',
		]);
		expect(parseOptions([]).columns).toEqual(COLUMNS.map(column => column.key));
	});

	it('take a comma-separated string or a JSON array of names from the config file', () => {
		expect(parseOptions([], {columns: 'name,version'}).columns).toEqual(['name', 'version']);
		expect(parseOptions([], {columns: ['name', 'beat']}).columns).toEqual(['name', 'heartbeat']);
		expect(() => parseOptions([], {columns: ['name', 3]}, '/c.json')).toThrow(
			'/c.json: "columns" must be a string or a list of strings',
		);
		expect(() => parseOptions([], {columns: []}, '/c.json')).toThrow(
			'/c.json: "columns" takes at least one column',
		);
	});

	it('refuse an unknown name with the nearest one and every valid one, a repeat, an empty list, neither status nor name', () => {
		expect(() => parseOptions(['--columns', 'name,verison'])).toThrow(
			'--columns has no column "verison"; did you mean version? (columns: status, name, dup, machine, mode, beat, up, last-seen, branch, version, os, pod, listener, directory)',
		);
		expect(() => parseOptions(['--columns', 'name,xyzzy'])).toThrow(/^--columns has no column "xyzzy" \(columns:/);
		expect(() => parseOptions(['--columns', 'name,beat,heartbeat'])).toThrow(
			'--columns names beat twice; give each column once',
		);
		expect(() => parseOptions(['--columns', ','])).toThrow('--columns takes at least one column');
		expect(() => parseOptions(['--columns', 'version,os'])).toThrow('--columns needs status or name');
		expect(parseColumnNames(['name'], nearestWord)).toEqual(['name']);
	});
});

describe('a column setup', () => {
	it('shows the chosen columns in their order, the rest hidden after them', () => {
		const setup = setupOf(['version', 'name', 'status']);
		expect(keys(shownColumns(setup))).toEqual(['version', 'name', 'status']);
		expect(setup).toHaveLength(COLUMNS.length);
		expect(chosenCountText(setup)).toBe(`cols 3/${COLUMNS.length}`);
		expect(chosenCountText(DEFAULT_SETUP)).toBe('');
		expect(isDefaultSetup(DEFAULT_SETUP)).toBe(true);
		expect(isDefaultSetup(moveColumn(DEFAULT_SETUP, 1, -1))).toBe(false);
		// Reordered, every column still shown: nothing to say on the view line.
		expect(chosenCountText(moveColumn(DEFAULT_SETUP, 1, -1))).toBe('');
	});

	it('moves a column earlier and later, and not past either end', () => {
		const setup = setupOf(['status', 'name', 'version']);
		expect(keys(shownColumns(moveColumn(setup, 2, -1)))).toEqual(['status', 'version', 'name']);
		expect(keys(shownColumns(moveColumn(setup, 0, 1)))).toEqual(['name', 'status', 'version']);
		expect(moveColumn(setup, 0, -1)).toBe(setup);
		expect(moveColumn(setup, setup.length - 1, 1)).toBe(setup);
	});

	it('shows and hides, but refuses to hide both STATUS and NAME, saying so', () => {
		const setup = setupOf(['status', 'name', 'version']);
		const withoutName = toggleColumn(setup, 1);
		expect(keys(shownColumns(withoutName.setup))).toEqual(['status', 'version']);
		const refused = toggleColumn(withoutName.setup, 0);
		expect(refused.refused).toBe(KEEP_ONE_OF);
		expect(refused.setup).toBe(withoutName.setup);
		const shownAgain = toggleColumn(
			setup,
			setup.findIndex(entry => entry.key === 'os'),
		);
		expect(keys(shownColumns(shownAgain.setup))).toEqual(['status', 'name', 'version', 'os']);
	});

	it('still drops columns in their usual order when narrow, whatever order was chosen', () => {
		const chosen = setupOf(['directory', 'listener', 'version', 'name', 'status', 'heartbeat']);
		const wide = layoutColumns(shownColumns(chosen), 200).map(({column}) => column.key);
		expect(wide).toEqual(['directory', 'listener', 'version', 'name', 'status', 'heartbeat']);
		// LISTENER (dropOrder 1) goes before DIRECTORY (2), then VERSION (6), then BEAT (12) last.
		const narrowing = [70, 58, 45, 40, 28].map(width =>
			layoutColumns(shownColumns(chosen), width).map(({column}) => column.key),
		);
		for (const kept of narrowing) {
			const dropped = chosen.filter(entry => entry.shown && !kept.includes(entry.key)).map(entry => entry.key);
			const order: ColumnKey[] = ['listener', 'directory', 'version', 'heartbeat'];
			expect(order.filter(key => dropped.includes(key))).toEqual(order.slice(0, dropped.length));
			expect(dropped).toHaveLength(chosen.filter(entry => entry.shown).length - kept.length);
			expect(kept.filter(key => key !== 'name' && key !== 'status')).toEqual(
				(['directory', 'listener', 'version', 'heartbeat'] as const).filter(key => kept.includes(key)),
			);
		}

		expect(narrowing.at(-1)).toEqual(['name', 'status']);
	});
});
