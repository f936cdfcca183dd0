import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {fleetReducer, type FleetState, initialFleetState} from '../../src/fleet/reducer.js';
import {type FleetRow, rowsServerNow, selectRows} from '../../src/fleet/rows.js';
import {COLUMNS} from '../../src/view/columns.js';
import {layoutColumns} from '../../src/view/layout.js';
import {createRowMemory, rowSegments, segmentsSignature} from '../../src/view/row-line.js';
import {type SymbolSet, UNICODE_SYMBOLS} from '../../src/view/symbols.js';
import {rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';
import type {Connection} from '../../src/api/connection.js';
import type {Snapshot} from '../../src/fleet/types.js';

const STALE = 75_000;
const LAYOUTS = new Map([60, 120, 200].map(width => [width, layoutColumns(COLUMNS, width)]));
const OTHER_SYMBOLS: SymbolSet = {...UNICODE_SYMBOLS, selected: '>'};

/** A listener at one poll: a few fields that the table shows, drawn from small pools so that they change and repeat. */
const record = fc.record({
	id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
	online: fc.boolean(),
	beat: fc.constantFrom(0, 20_000, 60_000, 100_000),
	os: fc.constantFrom('linux', 'darwin'),
	name: fc.constantFrom('alpha', 'beta', 'a-rather-long-listener-name'),
	mode: fc.constantFrom('standard', 'strict'),
	device: fc.constantFrom('m1', 'm2', 'm3'),
});

type Spec = {id: string; online: boolean; beat: number; os: string; name: string; mode: string; device: string};

/** A poll: a new list, or the last one with a field changed here and there (mostly one the diff does not watch). */
const poll = fc.oneof(
	fc.record({fresh: fc.uniqueArray(record, {selector: entry => entry.id, maxLength: 5})}),
	fc.record({
		changes: fc.array(
			fc.tuple(fc.nat(4), record, fc.constantFrom<keyof Spec>('os', 'os', 'beat', 'online', 'name', 'device')),
			{maxLength: 3},
		),
	}),
);

const frame = fc.record({
	step: fc.constantFrom(0, 0, 500, 2000, 30_000, 70_000),
	poll: fc.option(poll, {freq: 2}),
	selected: fc.constantFrom(0, 0, 0, 1, 2),
	width: fc.constantFrom(120, 120, 120, 60, 200),
	otherSymbols: fc.constantFrom(false, false, false, true),
});

describe('rows remembered from the last frame', () => {
	it('are drawn as rowSegments draws them afresh, frame after frame, polls and ticks between', () => {
		fc.assert(
			fc.property(fc.array(frame, {minLength: 1, maxLength: 12}), frames => {
				const memory = createRowMemory();
				// As the page reader does, a record unchanged since the last poll keeps its Connection object.
				let kept = new Map<string, {spec: string; connection: Connection}>();
				let state: FleetState = initialFleetState({staleAfterMs: STALE, lingerMs: 60_000});
				let now = T0;
				let specs: Spec[] = [];
				// As the live view does, each frame's rows are selected from the last frame's (fleet/rows.ts).
				let rows: FleetRow[] = [];
				for (const {step, poll, selected, width, otherSymbols} of frames) {
					now += step;
					if (poll) {
						specs =
							'fresh' in poll
								? poll.fresh
								: specs.map((spec, index) => {
										const change = poll.changes.find(([at]) => at === index);
										return change ? {...spec, [change[2]]: change[1][change[2]]} : spec;
									});
						const next = new Map<string, {spec: string; connection: Connection}>();
						const connections = specs.map(entry => {
							const spec = JSON.stringify(entry);
							const connection =
								kept.get(entry.id)?.spec === spec
									? kept.get(entry.id)!.connection
									: snapshotOf([
											rawConnection({
												id: entry.id,
												deviceId: entry.device,
												connectionName: entry.name,
												currentMode: entry.mode,
												connectionId: entry.online ? `conn-${entry.id}` : null,
												lastHeartbeat: entry.online ? T0 - entry.beat : null,
												metadata: {os: entry.os, lettaCodeVersion: '0.32.1'},
											}),
										]).connections[0]!;
							next.set(entry.id, {spec, connection});
							return connection;
						});
						kept = next;
						const snapshot: Snapshot = {
							connections,
							byId: new Map(connections.map(connection => [connection.id, connection])),
							fetchedAt: now,
							clockOffsetMs: 0,
							latencyMs: 1,
							pages: 1,
						};
						state = fleetReducer(state, {type: 'poll-succeeded', snapshot});
					} else {
						state = fleetReducer(state, {type: 'tick', now});
					}

					const layout = LAYOUTS.get(width)!;
					const symbols = otherSymbols ? OTHER_SYMBOLS : UNICODE_SYMBOLS;
					rows = selectRows(state, now, rows);
					const serverNow = rowsServerNow(state, now);
					rows.forEach((row, index) => {
						const plain = rowSegments(row, layout, symbols, index === selected, serverNow);
						expect(memory.draw(row, layout, symbols, index === selected, serverNow)).toEqual({
							segments: plain,
							signature: segmentsSignature(plain),
						});
					});
					memory.endFrame();
				}
			}),
			{numRuns: 800},
		);
	});
});
