import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Connection} from '../../src/api/connection.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {connectionStatus} from '../../src/fleet/status.js';
import {judgeStatuses} from '../../src/fleet/status-judge.js';
import type {Snapshot} from '../../src/fleet/types.js';
import {rawConnection, snapshotOf, snapshotOfConnections, T0} from '../helpers/fixtures.js';

const STALE = 75_000;
const base = snapshotOf([rawConnection()]).connections[0]!;

/** A listener with a session or none, and a heartbeat near T0, none, or any number at all. */
const heartbeat = fc.oneof(
	{weight: 6, arbitrary: fc.integer({min: T0 - 200_000, max: T0 + 5000})},
	{weight: 1, arbitrary: fc.constant(null)},
	{weight: 1, arbitrary: fc.double()},
);
const connection = fc.record({session: fc.boolean(), heartbeat}).map(({session, heartbeat}): Connection => ({
	...base,
	connectionId: session ? 'conn' : null,
	lastHeartbeat: heartbeat,
}));
const snapshotArb = fc.array(connection, {maxLength: 12}).map(connections => snapshotOfConnections(connections));

/** Server times a tick could judge at: mostly on or beside a listener's threshold, where a stale answer would show. */
function moments(snapshot: Snapshot, stale: number) {
	const thresholds = snapshot.connections.flatMap(entry =>
		entry.lastHeartbeat === null ? [] : [entry.lastHeartbeat + stale],
	);
	const near =
		thresholds.length === 0
			? fc.integer({min: T0 - 100_000, max: T0 + 300_000})
			: fc
					.tuple(fc.constantFrom(...thresholds), fc.constantFrom(-1, -0.5, -1e-9, 0, 1e-9, 0.5, 1, 2000))
					.map(([threshold, step]) => threshold + step);
	return fc.array(
		fc.oneof(
			{weight: 6, arbitrary: near},
			{weight: 3, arbitrary: fc.integer({min: T0 - 100_000, max: T0 + 300_000})},
			{weight: 1, arbitrary: fc.double()},
		),
		{minLength: 1, maxLength: 20},
	);
}

describe('judging statuses only when a heartbeat can cross the threshold', () => {
	it('answers at every moment, in any order, what judging every listener afresh answers', () => {
		const stale = fc.oneof(
			{weight: 8, arbitrary: fc.constant(STALE)},
			{weight: 2, arbitrary: fc.integer({min: -10, max: 300_000})},
			{weight: 1, arbitrary: fc.double()},
		);
		fc.assert(
			fc.property(
				snapshotArb.chain(snapshot =>
					stale.chain(staleAfterMs =>
						moments(snapshot, staleAfterMs).map(times => ({snapshot, staleAfterMs, times})),
					),
				),
				({snapshot, staleAfterMs, times}) => {
					for (const serverNow of times) {
						const fresh = snapshot.connections.map(entry =>
							connectionStatus(entry, serverNow, staleAfterMs),
						);
						expect([...judgeStatuses(snapshot, serverNow, staleAfterMs)]).toEqual(fresh);
					}
				},
			),
			{numRuns: 400},
		);
	});

	it('turns a listener stale on the tick its heartbeat reaches the threshold, with no poll between', () => {
		const snapshot = snapshotOf([rawConnection({id: 'a', lastHeartbeat: T0 - 10_000})]);
		const quiet = judgeStatuses(snapshot, T0, STALE);
		expect(quiet).toEqual(['online']);
		// Within the span the same array comes back: nothing was judged again.
		expect(judgeStatuses(snapshot, T0 + 2000, STALE)).toBe(quiet);
		expect(judgeStatuses(snapshot, T0 + STALE - 10_001, STALE)).toEqual(['online']);
		expect(judgeStatuses(snapshot, T0 + STALE - 10_000, STALE)).toEqual(['stale']);
		// And back, should the clock step back (a new clock offset).
		expect(judgeStatuses(snapshot, T0, STALE)).toEqual(['online']);
	});

	it('gives selectRows the rows a fresh judging gives, tick after tick', () => {
		const records = fc.array(
			fc.record({
				session: fc.boolean(),
				age: fc.integer({min: -5000, max: 200_000}),
				name: fc.constantFrom('a', 'b', 'c'),
				device: fc.constantFrom('m1', 'm2', 'm3', 'm4'),
			}),
			{maxLength: 10},
		);
		fc.assert(
			fc.property(
				records.chain(specs => {
					// A tick on, just before or just after a heartbeat's threshold, or anywhere.
					const edges = specs.flatMap(spec => [STALE - spec.age - 1, STALE - spec.age, STALE - spec.age + 1]);
					const step = fc.integer({min: 0, max: 200_000});
					const steps = fc.array(edges.length === 0 ? step : fc.oneof(step, fc.constantFrom(...edges)), {
						minLength: 1,
						maxLength: 15,
					});
					return steps.map(times => ({specs, steps: times}));
				}),
				({specs, steps}) => {
					const raws = specs.map((spec, index) =>
						rawConnection({
							id: `env-${index}`,
							deviceId: spec.device,
							connectionName: spec.name,
							connectionId: spec.session ? `conn-${index}` : null,
							lastHeartbeat: spec.session ? T0 - spec.age : null,
						}),
					);
					const state = fleetReducer(initialFleetState({staleAfterMs: STALE}), {
						type: 'poll-succeeded',
						snapshot: snapshotOf(raws),
					});
					for (const step of steps) {
						// A copy of the snapshot has no judging kept: every row judged afresh.
						const fresh = selectRows({...state, snapshot: {...state.snapshot!}}, T0 + step);
						expect(selectRows(state, T0 + step)).toEqual(fresh);
					}
				},
			),
			{numRuns: 200},
		);
	});
});
