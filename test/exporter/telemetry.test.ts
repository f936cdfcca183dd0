/** The exporter's per-listener disconnect counter: counted from the diff's events, bounded by the listing. */
import {describe, expect, it} from 'vitest';
import {diffSnapshots} from '../../src/fleet/diff.js';
import {familySamples} from '../../src/exporter/families.js';
import {createTelemetry} from '../../src/exporter/telemetry.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

describe('letta_environment_disconnects_total', () => {
	it('counts each listener its disconnects from 0, and forgets a listener the API stops listing', () => {
		const telemetry = createTelemetry();
		const up = snapshotOf([rawConnection({id: 'env-a'}), rawConnection({id: 'env-b'})]);
		const down = snapshotOf([offline({id: 'env-a'}), rawConnection({id: 'env-b'})], T0 + 2000);
		const back = snapshotOf([rawConnection({id: 'env-a'}), rawConnection({id: 'env-b'})], T0 + 4000);
		const gone = snapshotOf([rawConnection({id: 'env-b'})], T0 + 6000);
		let state = fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot: up});
		for (const [previous, next] of [
			[up, down],
			[down, back],
			[back, down],
		] as const) {
			telemetry.countEvents(diffSnapshots(previous, next, 75_000));
			state = fleetReducer(state, {type: 'poll-succeeded', snapshot: next});
		}

		const samples = familySamples(state, telemetry, T0 + 6000, {perEnvironment: true});
		expect(samples.disconnects.map(sample => [sample.labels['id'], sample.value])).toEqual([
			['env-a', 2],
			['env-b', 0],
		]);
		telemetry.countEvents(diffSnapshots(down, gone, 75_000));
		expect(telemetry.disconnects.has('env-a')).toBe(false);
	});
});
