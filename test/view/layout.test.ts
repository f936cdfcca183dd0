import {describe, expect, it} from 'vitest';
import {COLUMNS} from '../../src/view/columns.js';
import {COLUMN_GAP, layoutColumns, ROW_PREFIX_WIDTH} from '../../src/view/layout.js';

const used = (width: number) => {
	const layout = layoutColumns(COLUMNS, width);
	return ROW_PREFIX_WIDTH + layout.reduce((sum, column) => sum + column.width, 0) + COLUMN_GAP * (layout.length - 1);
};
const keys = (width: number) => layoutColumns(COLUMNS, width).map(({column}) => column.key);

describe('layoutColumns', () => {
	it('fits exactly the width it is given, from narrow to wide', () => {
		for (const width of [40, 60, 80, 100, 120, 160]) {
			expect(used(width)).toBeLessThanOrEqual(width);
		}

		expect(used(80)).toBe(80);
	});

	it('drops columns in order as the terminal narrows, never status or name', () => {
		expect(keys(200)).toEqual([
			'status',
			'name',
			'duplicate',
			'machine',
			'mode',
			'heartbeat',
			'uptime',
			'lastSeen',
			'branch',
			'version',
			'os',
			'pod',
			'listener',
			'directory',
		]);
		// LAST SEEN goes after the listener id, the directory and the pod, before the OS.
		expect(keys(140)).toEqual([
			'status',
			'name',
			'duplicate',
			'machine',
			'mode',
			'heartbeat',
			'uptime',
			'lastSeen',
			'branch',
			'version',
			'os',
			'pod',
			'directory',
		]);
		expect(keys(120)).toEqual([
			'status',
			'name',
			'duplicate',
			'machine',
			'mode',
			'heartbeat',
			'uptime',
			'lastSeen',
			'branch',
			'version',
			'os',
			'pod',
		]);
		expect(keys(100)).toEqual([
			'status',
			'name',
			'duplicate',
			'machine',
			'mode',
			'heartbeat',
			'uptime',
			'branch',
			'version',
			'os',
		]);
		expect(keys(80)).toEqual(['status', 'name', 'duplicate', 'machine', 'mode', 'heartbeat', 'uptime']);
		expect(keys(60)).toEqual(['status', 'name', 'duplicate', 'mode', 'heartbeat']);
		expect(keys(30)).toEqual(['status', 'name']);
	});

	it('widens flexible columns on a large terminal, up to their maximum', () => {
		const wide = layoutColumns(COLUMNS, 300);
		for (const {column, width} of wide) {
			expect(width).toBe(column.maxWidth);
		}
	});
});

describe('the name column', () => {
	it('gets the width it is worth before optional columns are kept', () => {
		for (const width of [60, 80, 100]) {
			const name = layoutColumns(COLUMNS, width).find(({column}) => column.key === 'name')!;
			expect(name.width, `at ${width}`).toBeGreaterThanOrEqual(20);
		}
	});
});
