import {describe, expect, it} from 'vitest';
import {FLEET_EVENT_TYPES} from '../../src/fleet/types.js';
import {type ExporterTelemetry, FAMILIES, familySamples, type Sample} from '../../src/exporter/families.js';
import {fleetReducer, initialFleetState, type FleetState} from '../../src/fleet/reducer.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const NO_TELEMETRY: ExporterTelemetry = {
	events: new Map(),
	disconnects: new Map(),
	requests: new Map(),
	retries: new Map(),
	lastPollMs: null,
};
const STALE_AFTER = 75_000;

function stateAfter(...snapshots: Array<ReturnType<typeof snapshotOf>>): FleetState {
	let state = initialFleetState({staleAfterMs: STALE_AFTER});
	for (const snapshot of snapshots) state = fleetReducer(state, {type: 'poll-succeeded', snapshot});
	return state;
}

const value = (samples: Sample[], labels: Record<string, string>) =>
	samples.find(sample => Object.entries(labels).every(([name, text]) => sample.labels[name] === text))?.value;

describe('exporter metric families', () => {
	it('names every family by the naming guide: letta_ prefix, units and _timestamp_seconds in the name, counters in _total', () => {
		for (const spec of Object.values(FAMILIES)) {
			expect(spec.name).toMatch(/^letta_[a-z_]+$/);
			if (spec.type === 'counter') expect(spec.name).toMatch(/_total$/);
			else expect(spec.name).not.toMatch(/_total$/);
			// Prometheus's own `up` is the scrape's; ages go stale when a scrape stops, timestamps do not.
			expect(spec.name).not.toBe('up');
			expect(spec.name).not.toMatch(/_age/);
		}

		expect(Object.values(FAMILIES).map(spec => spec.name)).toEqual([
			'letta_environments',
			'letta_environment_status',
			'letta_environment_last_heartbeat_timestamp_seconds',
			'letta_environment_connected_timestamp_seconds',
			'letta_environment_info',
			'letta_environment_version_minor_versions_behind',
			'letta_environment_disconnects_total',
			'letta_environment_events_total',
			'letta_fleet_api_up',
			'letta_fleet_last_success_timestamp_seconds',
			'letta_fleet_poll_duration_seconds',
			'letta_fleet_api_requests_total',
			'letta_fleet_api_retries_total',
		]);
	});

	it('counts listeners by status and gives each listener a state set, timestamps in seconds and an info series', () => {
		const state = stateAfter(
			snapshotOf([
				rawConnection({id: 'env-a', deviceId: 'dev-1', connectionName: 'ana-mbp'}),
				rawConnection({id: 'env-b', deviceId: 'dev-1', connectionName: 'ana-mbp', lastHeartbeat: T0 - 100_000}),
				offline({
					id: 'env-c',
					deviceId: 'dev-2',
					connectionName: 'ci-01',
					metadata: {lettaCodeVersion: '0.30.9', os: 'darwin'},
				}),
			]),
		);
		const samples = familySamples(state, NO_TELEMETRY, T0, {perEnvironment: true});
		expect(samples.environments).toEqual([
			{labels: {status: 'online'}, value: 1},
			{labels: {status: 'stale'}, value: 1},
			{labels: {status: 'offline'}, value: 1},
		]);
		const a = {id: 'env-a', device_id: 'dev-1', connection_name: 'ana-mbp'};
		expect(samples.status.filter(sample => sample.labels['id'] === 'env-a')).toEqual([
			{labels: {...a, status: 'online'}, value: 1},
			{labels: {...a, status: 'stale'}, value: 0},
			{labels: {...a, status: 'offline'}, value: 0},
		]);
		expect(value(samples.status, {id: 'env-b', status: 'stale'})).toBe(1);
		expect(value(samples.status, {id: 'env-c', status: 'offline'})).toBe(1);
		expect(value(samples.lastHeartbeat, {id: 'env-a'})).toBe((T0 - 5_000) / 1000);
		expect(value(samples.connected, {id: 'env-a'})).toBe((T0 - 3_600_000) / 1000);
		// An offline listener has no session and no heartbeat: no series, rather than a 0 that reads as 1970.
		expect(value(samples.connected, {id: 'env-c'})).toBeUndefined();
		expect(value(samples.lastHeartbeat, {id: 'env-c'})).toBeUndefined();
		expect(samples.info.find(sample => sample.labels['id'] === 'env-c')).toEqual({
			labels: {
				id: 'env-c',
				device_id: 'dev-2',
				connection_name: 'ci-01',
				version: '0.30.9',
				mode: 'standard',
				os: 'darwin',
				user_id: 'user-1',
				listener_instance_id: '',
			},
			value: 1,
		});
		expect(value(samples.minorsBehind, {id: 'env-a'})).toBe(0);
		expect(value(samples.minorsBehind, {id: 'env-c'})).toBe(2);
		for (const [key, list] of Object.entries(samples)) {
			const spec = FAMILIES[key as keyof typeof FAMILIES];
			for (const sample of list)
				expect(Object.keys(sample.labels).sort(), spec.name).toEqual([...spec.labelNames].sort());
		}
	});

	it('--no-per-environment drops every per-listener series and keeps the fleet-wide ones', () => {
		const state = stateAfter(snapshotOf([rawConnection({id: 'env-a'}), rawConnection({id: 'env-b'})]));
		const samples = familySamples(state, NO_TELEMETRY, T0, {perEnvironment: false});
		for (const key of ['status', 'lastHeartbeat', 'connected', 'info', 'minorsBehind', 'disconnects'] as const)
			expect(samples[key]).toEqual([]);
		expect(value(samples.environments, {status: 'online'})).toBe(2);
		expect(samples.apiUp).toEqual([{labels: {}, value: 1}]);
	});

	it('reports events by type (every type from the start, at 0) and requests and retries by outcome', () => {
		const telemetry: ExporterTelemetry = {
			events: new Map([['disconnected', 2]]),
			disconnects: new Map(),
			requests: new Map([
				['success', 7],
				['server', 2],
			]),
			retries: new Map([['success', 1]]),
			lastPollMs: 250,
		};
		const samples = familySamples(initialFleetState(), telemetry, T0, {perEnvironment: true});
		expect(samples.events.map(sample => sample.labels['type'])).toEqual(FLEET_EVENT_TYPES);
		expect(value(samples.events, {type: 'disconnected'})).toBe(2);
		expect(value(samples.events, {type: 'connected'})).toBe(0);
		expect(samples.requests).toEqual([
			{labels: {outcome: 'server'}, value: 2},
			{labels: {outcome: 'success'}, value: 7},
		]);
		expect(samples.retries).toEqual([{labels: {outcome: 'success'}, value: 1}]);
		expect(samples.pollDuration).toEqual([{labels: {}, value: 0.25}]);
		// Nothing polled yet: the API is not known to be up, and no success has a time.
		expect(samples.apiUp).toEqual([{labels: {}, value: 0}]);
		expect(samples.lastSuccess).toEqual([{labels: {}, value: 0}]);
	});

	it('during an outage says letta_fleet_api_up 0 and keeps the last good values, judged at the last good poll', () => {
		let state = stateAfter(snapshotOf([rawConnection({id: 'env-a', lastHeartbeat: T0 - 5_000})]));
		state = fleetReducer(state, {
			type: 'poll-failed',
			error: {kind: 'server', message: '503', at: T0 + 1_000},
			nextAttemptAt: T0 + 5_000,
			halted: false,
		});
		// Ten minutes of failed polls later: the heartbeat is ten minutes old by the wall clock, but
		// the exporter lost the API, not the listener; it stays online as last seen.
		const samples = familySamples(state, NO_TELEMETRY, T0 + 600_000, {perEnvironment: true});
		expect(samples.apiUp).toEqual([{labels: {}, value: 0}]);
		expect(samples.lastSuccess).toEqual([{labels: {}, value: T0 / 1000}]);
		expect(value(samples.status, {id: 'env-a', status: 'online'})).toBe(1);
		expect(value(samples.environments, {status: 'online'})).toBe(1);
		expect(value(samples.lastHeartbeat, {id: 'env-a'})).toBe((T0 - 5_000) / 1000);

		// Recovery: judged at the new poll's time again.
		state = fleetReducer(state, {
			type: 'poll-succeeded',
			snapshot: snapshotOf([rawConnection({id: 'env-a', lastHeartbeat: T0 - 5_000})], T0 + 600_000),
		});
		const after = familySamples(state, NO_TELEMETRY, T0 + 600_000, {perEnvironment: true});
		expect(after.apiUp).toEqual([{labels: {}, value: 1}]);
		expect(value(after.status, {id: 'env-a', status: 'stale'})).toBe(1);
	});

	it('a removed listener (a tombstone in the live view) has no series: it is no longer in the API', () => {
		const state = stateAfter(
			snapshotOf([rawConnection({id: 'env-a'}), rawConnection({id: 'env-b'})]),
			snapshotOf([rawConnection({id: 'env-a'})], T0 + 2_000),
		);
		const samples = familySamples(state, NO_TELEMETRY, T0 + 2_000, {perEnvironment: true});
		expect(samples.info.map(sample => sample.labels['id'])).toEqual(['env-a']);
		expect(samples.environments.reduce((sum, sample) => sum + sample.value, 0)).toBe(1);
	});
});
