import {describe, expect, it} from 'vitest';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {groupLineSegments} from '../../src/view/group-line.js';
import {groupCountsText, groupRows, isGroupLine, isGroupLineId, nextGroupBy} from '../../src/view/grouping.js';
import {headerOf, resolveLine, tableLines} from '../../src/view/table-lines.js';
import {DEFAULT_SORT, sortRows} from '../../src/view/query.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const version = (lettaCodeVersion: string | undefined) => ({
	metadata: lettaCodeVersion === undefined ? {} : {lettaCodeVersion},
});

/** Six listeners on three machines, two users, four versions (one missing); c is offline, f stale. */
function rows() {
	const state = fleetReducer(initialFleetState(), {
		type: 'poll-succeeded',
		snapshot: snapshotOf([
			rawConnection({id: 'a', deviceId: 'desktop:ffff0000', userId: 'user-b', ...version('0.9.9')}),
			rawConnection({id: 'b', deviceId: 'desktop:ffff0000', userId: 'user-b', ...version('0.10.0')}),
			offline({id: 'c', deviceId: 'aaaa1111', userId: 'user-a', ...version('0.10.0')}),
			rawConnection({id: 'd', deviceId: 'aaaa1111', userId: null, ...version(undefined)}),
			rawConnection({id: 'e', deviceId: 'cccc3333', userId: 'user-a', ...version('0.10.0-next.1')}),
			rawConnection({id: 'f', deviceId: 'bbbb2222', lastHeartbeat: T0 - 200_000, ...version('0.9.9')}),
		]),
	});
	return sortRows(selectRows(state, T0), DEFAULT_SORT);
}

const names = (list: ReturnType<typeof groupRows>) => list.map(group => group.name);
const ids = (list: ReturnType<typeof groupRows>) => list.map(group => group.rows.map(row => row.id).join(''));

describe('groupRows', () => {
	it('orders versions newest first by SemVer (0.10.0 before 0.9.9, a prerelease before its release), none last', () => {
		const groups = groupRows(rows(), 'version');
		expect(names(groups)).toEqual(['0.10.0', '0.10.0-next.1', '0.9.9', null]);
		expect(ids(groups)).toEqual(['bc', 'e', 'af', 'd']);
	});

	it('groups by machine (the whole deviceId) as the MACHINE column names it', () => {
		const groups = groupRows(rows(), 'machine');
		expect(names(groups)).toEqual(['aaaa1111', 'bbbb2222', 'cccc3333', 'ffff0000']);
		expect(groups.map(group => group.key)).toContain('machine:desktop:ffff0000');
	});

	it('groups by userId, a listener without one last', () => {
		expect(names(groupRows(rows(), 'user'))).toEqual(['user-1', 'user-a', 'user-b', null]);
	});

	it('keeps the current sort inside each group', () => {
		const byNameDown = sortRows(rows(), {key: 'name', descending: true});
		expect(ids(groupRows(byNameDown, 'machine'))).toEqual(['dc', 'f', 'e', 'ba']);
	});

	it('counts online of all shown, and each problem', () => {
		const [aaaa, bbbb] = groupRows(rows(), 'machine');
		expect(groupCountsText(aaaa!)).toBe('1/2 online · 1 offline');
		expect(groupCountsText(bbbb!)).toBe('0/1 online · 1 stale');
	});
});

describe('tableLines', () => {
	it('is the rows alone when ungrouped', () => {
		const table = tableLines(rows(), 'none', new Set());
		expect(table.ids).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
		expect(table.lines.some(line => isGroupLine(line))).toBe(false);
		expect(table.headers).toBeNull();
	});

	it("puts each group's header above its rows, and hides a collapsed group's rows under its header", () => {
		const table = tableLines(rows(), 'machine', new Set(['machine:desktop:ffff0000']));
		expect(table.ids.map(id => (isGroupLineId(id) ? 'H' : id)).join('')).toBe('HcdHfHeH');
		expect(table.hiddenIn.get('a')).toBe(7);
		expect(table.hiddenIn.get('b')).toBe(7);
		expect(headerOf(table, 1)).toBe(0);
		expect(headerOf(table, 0)).toBe(-1);
	});

	it("resolves a selected row that a collapse hid to its group's header line", () => {
		const table = tableLines(rows(), 'machine', new Set(['machine:desktop:ffff0000']));
		expect(resolveLine(table, 'a', 0)).toBe(7);
		expect(resolveLine(table, 'f', 0)).toBe(4);
		expect(resolveLine(table, 'gone', 99)).toBe(table.ids.length - 1);
		expect(resolveLine(tableLines([], 'user', new Set()), 'a', 0)).toBe(-1);
	});
});

describe('the group header line', () => {
	it('shows the fold, the name, the counts and the problems in their colours, padded to the width', () => {
		const table = tableLines(rows(), 'machine', new Set(['machine:aaaa1111']));
		const line = table.lines[0]!;
		if (!isGroupLine(line)) throw new Error('not a group');
		const segments = groupLineSegments(line, 60, UNICODE_SYMBOLS, true);
		const text = segments.map(segment => segment.text).join('');
		expect(text.trimEnd()).toBe('›▸ aaaa1111 · 1/2 online · 1 offline · collapsed');
		expect(text).toHaveLength(60);
		expect(segments.every(segment => segment.inverse)).toBe(true);
		expect(segments.find(segment => segment.text === '1 offline')?.color).toBe('gray');
		const narrow = groupLineSegments(line, 12, UNICODE_SYMBOLS, false);
		expect(narrow.map(segment => segment.text).join('')).toBe(' ▸ aaaa1111…');
	});

	it('cycles none, machine, user, version, none', () => {
		expect([nextGroupBy('none'), nextGroupBy('machine'), nextGroupBy('user'), nextGroupBy('version')]).toEqual([
			'machine',
			'user',
			'version',
			'none',
		]);
	});
});
