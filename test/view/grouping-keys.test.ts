/**
 * The tree's keys as a pure function of keys, view and a world built on real rows (grouping.ts,
 * apply-keys.ts): `t` cycles the grouping, `←` goes to the group and collapses it, `→` expands it,
 * Enter toggles a group and, from the log, opens the group of an event's listener.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {type FleetRow, selectRows} from '../../src/fleet/rows.js';
import type {FleetEvent} from '../../src/fleet/types.js';
import {applyKeys, type KeyWorld, NO_ID_ON_GROUP} from '../../src/view/apply-keys.js';
import {isGroupLine, isGroupLineId} from '../../src/view/grouping.js';
import {resolveLine, tableLines} from '../../src/view/table-lines.js';
import {type Key, parseKeys} from '../../src/view/key-parse.js';
import {filterRows, scopeRows, sortRows} from '../../src/view/query.js';
import {initialViewState, type ViewState} from '../../src/view/view-state.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

type Listener = {device: string; user: string | null; version: string | null; online: boolean};

function rowsOf(listeners: readonly Listener[]): FleetRow[] {
	const raws = listeners.map((listener, index) =>
		(listener.online ? rawConnection : offline)({
			id: `env-${index}`,
			connectionName: `host-${index}`,
			deviceId: listener.device,
			userId: listener.user,
			metadata: listener.version === null ? {} : {lettaCodeVersion: listener.version},
		}),
	);
	return selectRows(fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot: snapshotOf(raws)}), T0);
}

/** The rows a view shows, flat, as exports and --json read them. */
const flat = (all: FleetRow[], view: ViewState) =>
	sortRows(filterRows(scopeRows(all, view.scope), view.filter), view.sort);

function worldOf(all: FleetRow[], log: FleetEvent[] = []): KeyWorld {
	const lines = (view: ViewState) => tableLines(flat(all, view), view.groupBy, view.collapsed);
	return {
		ids: view => lines(view).ids,
		lines,
		pageSize: () => 5,
		logEvents: () => log,
		paneMaxScroll: () => 0,
		helpMaxScroll: () => 0,
		paused: false,
		history: false,
		now: T0,
	};
}

/** Two machines of two listeners each (aaaa, bbbb) and one of one (cccc); env-2 is offline. */
const ROWS = rowsOf([
	{device: 'aaaa', user: 'u1', version: '0.9.0', online: true},
	{device: 'aaaa', user: 'u2', version: '0.10.0', online: true},
	{device: 'bbbb', user: 'u1', version: '0.10.0', online: false},
	{device: 'bbbb', user: null, version: null, online: true},
	{device: 'cccc', user: 'u2', version: '0.9.0', online: true},
]);
const WORLD = worldOf(ROWS);

function press(keys: string, view: ViewState = initialViewState, world: KeyWorld = WORLD) {
	return applyKeys(
		view,
		parseKeys(keys).map(key => ({key})),
		world,
	);
}

/** What the table shows under a view: `[aaaa]` a header (`]` when collapsed), a row by its id, `>` the selection. */
function screen(view: ViewState, world: KeyWorld = WORLD): string {
	const table = world.lines!(view);
	const selected = resolveLine(table, view.selectedId, view.selectedIndex);
	return table.lines
		.map((line, index) => {
			const text = isGroupLine(line) ? `${line.collapsed ? ']' : '['}${line.group.name ?? '-'}` : line.id;
			return index === selected ? `>${text}` : text;
		})
		.join(' ');
}

describe('the tree keys', () => {
	it('t cycles none, machine, user, version, none; the selection stays on its listener', () => {
		let view = press('jj').view;
		expect(view.selectedId).toBe('env-2');
		const seen: string[] = [];
		for (let index = 0; index < 4; index++) {
			view = press('t', view).view;
			seen.push(`${view.groupBy}: ${screen(view)}`);
		}

		expect(seen).toEqual([
			'machine: [aaaa env-0 env-1 [bbbb >env-2 env-3 [cccc env-4',
			'user: [u1 env-0 >env-2 [u2 env-1 env-4 [- env-3',
			'version: [0.10.0 env-1 >env-2 [0.9.0 env-0 env-4 [- env-3',
			'none: env-0 env-1 >env-2 env-3 env-4',
		]);
	});

	it('← on a listener selects its group, ← again collapses it, → expands it, Enter toggles it', () => {
		const grouped = press('tjjjj').view;
		expect(screen(grouped)).toBe('[aaaa env-0 env-1 [bbbb >env-2 env-3 [cccc env-4');
		const up = press('\u001B[D', grouped).view;
		expect(screen(up)).toBe('[aaaa env-0 env-1 >[bbbb env-2 env-3 [cccc env-4');
		const folded = press('\u001B[D', up).view;
		expect(screen(folded)).toBe('[aaaa env-0 env-1 >]bbbb [cccc env-4');
		// Down from a collapsed group goes to the next group: its rows are not lines.
		expect(screen(press('j', folded).view)).toBe('[aaaa env-0 env-1 ]bbbb >[cccc env-4');
		expect(screen(press('\u001B[C', folded).view)).toBe(screen(up));
		const toggled = press('\r', folded);
		expect(screen(toggled.view)).toBe(screen(up));
		expect(toggled.view.pane).toBe('table');
		expect(screen(press('\r', toggled.view).view)).toBe(screen(folded));
	});

	it('keeps a group collapsed by its key when the grouping goes round and back, and across new rows', () => {
		const folded = press('t\u001B[D').view;
		expect(screen(folded)).toBe('>]aaaa [bbbb env-2 env-3 [cccc env-4');
		const round = press('tttt', folded).view;
		expect(screen(round)).toBe('>]aaaa [bbbb env-2 env-3 [cccc env-4');
		// A poll brings a new listener onto the collapsed machine: it is counted under the header, not shown.
		const polled = worldOf(rowsOf([...[0, 1, 2, 3, 4].map(index => listenerOf(index)), listenerOf(0)]));
		const table = polled.lines!(round);
		const header = table.lines[0]!;
		expect(isGroupLine(header) && header.group.rows.length).toBe(3);
		expect(table.hiddenIn.get('env-5')).toBe(0);
	});

	it('Enter on a row still opens its details; c on a group says it has no deviceId', () => {
		expect(press('tj\r').view.pane).toBe('detail');
		const copied = press('tc');
		expect(copied.effects).toEqual([]);
		expect(copied.view.flash?.text).toBe(NO_ID_ON_GROUP);
		expect(press('tjc').effects).toEqual([{type: 'copy', id: 'env-0'}]);
	});

	it('Enter on an event expands the collapsed group of its listener and selects it', () => {
		const event: FleetEvent = {
			at: T0,
			type: 'disconnected',
			id: 'env-3',
			deviceId: 'bbbb',
			listenerInstanceId: null,
			connectionName: 'host-3',
		};
		const world = worldOf(ROWS, [event]);
		const folded = press('tjjj\u001B[D', initialViewState, world).view;
		expect(screen(folded, world)).toBe('[aaaa env-0 env-1 >]bbbb [cccc env-4');
		const shown = press('l\r', folded, world).view;
		expect(shown.pane).toBe('table');
		expect(screen(shown, world)).toBe('[aaaa env-0 env-1 [bbbb env-2 >env-3 [cccc env-4');
	});
});

function listenerOf(index: number): Listener {
	return [
		{device: 'aaaa', user: 'u1', version: '0.9.0', online: true},
		{device: 'aaaa', user: 'u2', version: '0.10.0', online: true},
		{device: 'bbbb', user: 'u1', version: '0.10.0', online: false},
		{device: 'bbbb', user: null, version: null, online: true},
		{device: 'cccc', user: 'u2', version: '0.9.0', online: true},
	][index]!;
}

describe('grouping loses no row', () => {
	const listener = fc.record({
		device: fc.constantFrom('aaaa', 'bbbb', 'cccc', 'dddd'),
		user: fc.constantFrom('u1', 'u2', null),
		version: fc.constantFrom('0.9.9', '0.10.0', '1.0.0-rc.1', 'dev', null),
		online: fc.boolean(),
	});
	const key = fc.constantFrom<Key>(
		't',
		'left',
		'right',
		'enter',
		'esc',
		'up',
		'down',
		'pgdn',
		'g',
		'G',
		'1',
		'2',
		'3',
		'N',
		'A',
		'V',
	);

	it('every row shown ungrouped is shown grouped exactly once, or hidden in a collapsed group that counts it', () => {
		fc.assert(
			fc.property(fc.array(listener, {maxLength: 30}), fc.array(key, {maxLength: 40}), (listeners, keys) => {
				const all = rowsOf(listeners);
				const world = worldOf(all);
				const {view} = applyKeys(
					initialViewState,
					keys.map(pressed => ({key: pressed})),
					world,
				);
				const table = world.lines!(view);
				const seen = new Map<string, number>();
				for (const line of table.lines) {
					if (!isGroupLine(line)) seen.set(line.id, (seen.get(line.id) ?? 0) + 1);
				}

				for (const row of flat(all, view)) {
					const header = table.hiddenIn.get(row.id);
					if (header === undefined) {
						expect(seen.get(row.id)).toBe(1);
						continue;
					}

					expect(seen.has(row.id)).toBe(false);
					const line = table.lines[header]!;
					expect(isGroupLine(line) && line.collapsed && line.group.rows.includes(row)).toBe(true);
				}

				const counted = table.lines.reduce(
					(sum, line) => sum + (isGroupLine(line) ? line.group.rows.length : 0),
					0,
				);
				expect(view.groupBy === 'none' ? seen.size : counted).toBe(flat(all, view).length);
				expect(table.ids.filter(isGroupLineId).length).toBe(
					table.lines.filter(line => isGroupLine(line)).length,
				);
				if (table.ids.length > 0)
					expect(resolveLine(table, view.selectedId, view.selectedIndex)).toBeGreaterThanOrEqual(0);
			}),
			{numRuns: 300},
		);
	});
});
