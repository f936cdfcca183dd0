/**
 * The table's lines refilled from the last plan on a tick (view/table-lines.ts `reuse`) must be the lines a fresh
 * grouping makes of the tick's rows: the same groups, counts, folds and ids, and the tick's own row objects (their
 * statuses and ages moved). A plan that went stale (old counts, old rows, an old fold) fails here.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {GROUP_BYS, isGroupLine} from '../../src/view/grouping.js';
import {DEFAULT_SORT, reorder, sortOrder, sortRows} from '../../src/view/query.js';
import {resolveLine, tableLines} from '../../src/view/table-lines.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const STALE_AFTER_MS = 60_000;
const DEVICES = ['aaaa', 'bbbb', 'cccc', ''];
const USERS = ['u1', 'u2', null];
const VERSIONS = ['0.9.0', '0.10.0', '0.10.0-next.1', null];
/** Keys a fold may name: some of each group-by's, and one no group has. */
const FOLDABLE = [
	'machine:aaaa',
	'machine\u0000',
	'user:u1',
	'user\u0000',
	'version:0.10.0',
	'version\u0000',
	'none:x',
];

const listener: fc.Arbitrary<Listener> = fc.record({
	device: fc.constantFrom(...DEVICES),
	user: fc.constantFrom(...USERS),
	version: fc.constantFrom(...VERSIONS),
	// Seconds since its last heartbeat at T0, or offline; a tick of up to 2 minutes turns some stale.
	beatAgo: fc.option(fc.integer({min: 0, max: 120}), {nil: null}),
});

type Listener = {device: string; user: string | null; version: string | null; beatAgo: number | null};

function stateOf(listeners: readonly Listener[]) {
	const raws = listeners.map((entry, index) => {
		const fields = {
			id: `env-${index}`,
			connectionName: `host-${index % 7}`,
			deviceId: entry.device,
			userId: entry.user,
			metadata: entry.version === null ? {} : {lettaCodeVersion: entry.version},
		};
		return entry.beatAgo === null
			? offline(fields)
			: rawConnection({...fields, lastHeartbeat: T0 - entry.beatAgo * 1000});
	});
	return fleetReducer(initialFleetState({staleAfterMs: STALE_AFTER_MS}), {
		type: 'poll-succeeded',
		snapshot: snapshotOf(raws),
	});
}

describe('table lines refilled on a tick', () => {
	it('equal a fresh grouping of the tick’s rows, under any group-by and folds', () => {
		fc.assert(
			fc.property(
				fc.array(listener, {maxLength: 30}),
				fc.constantFrom(...GROUP_BYS),
				fc.subarray(FOLDABLE),
				fc.subarray(FOLDABLE),
				fc.array(fc.integer({min: 1, max: 120_000}), {minLength: 1, maxLength: 4}),
				(listeners, by, foldedFirst, foldedLater, ticks) => {
					const state = stateOf(listeners);
					const sorted = sortRows(selectRows(state, T0), DEFAULT_SORT);
					const order = sortOrder(sorted);
					const listing = {};
					let last = tableLines(sorted, by, new Set(foldedFirst), {previous: undefined, listing});
					let at = T0;
					for (const [index, step] of ticks.entries()) {
						at += step;
						const rows = reorder(selectRows(state, at), order, sorted)!;
						// A fold between ticks: the same set, a set equal to it, or another.
						const collapsed = new Set(index % 2 === 0 ? foldedLater : foldedFirst);
						const refilled = tableLines(rows, by, collapsed, {previous: last, listing});
						expect(refilled).toEqual(tableLines(rows, by, collapsed));
						// The tick's rows themselves, not equal copies of the last ones.
						const shown = new Set(rows);
						for (const line of refilled.lines) if (!isGroupLine(line)) expect(shown.has(line)).toBe(true);
						for (const line of refilled.lines) {
							if (isGroupLine(line)) for (const row of line.group.rows) expect(shown.has(row)).toBe(true);
						}

						last = refilled;
					}
				},
			),
		);
	});

	it('are grouped again for another listing: a poll that moved a listener to another machine', () => {
		const before = stateOf([
			{device: 'aaaa', user: 'u1', version: '0.9.0', beatAgo: 1},
			{device: 'bbbb', user: 'u1', version: '0.9.0', beatAgo: 1},
		]);
		const after = stateOf([
			{device: 'bbbb', user: 'u1', version: '0.9.0', beatAgo: 1},
			{device: 'bbbb', user: 'u1', version: '0.9.0', beatAgo: 1},
		]);
		const first = tableLines(sortRows(selectRows(before, T0), DEFAULT_SORT), 'machine', new Set(), {
			previous: undefined,
			listing: {},
		});
		const rows = sortRows(selectRows(after, T0 + 2000), DEFAULT_SORT);
		const next = tableLines(rows, 'machine', new Set(), {previous: first, listing: {}});
		expect(next).toEqual(tableLines(rows, 'machine', new Set()));
		expect(next.lines.filter(line => isGroupLine(line))).toHaveLength(1);
	});
});

describe('resolveLine', () => {
	it('finds the selection where it was last seen, or wherever it moved', () => {
		const rows = sortRows(
			selectRows(
				stateOf(['aaaa', 'bbbb', 'cccc'].map(device => ({device, user: 'u1', version: null, beatAgo: 1}))),
				T0,
			),
			DEFAULT_SORT,
		);
		const table = tableLines(rows, 'none', new Set());
		expect(resolveLine(table, 'env-2', 2)).toBe(2);
		expect(resolveLine(table, 'env-2', 0)).toBe(2);
		expect(resolveLine(table, 'gone', 1)).toBe(1);
	});
});
