/**
 * The exporter's metrics as plain data: each family's name, help, type and label names, written
 * once here, and the samples a scrape shows, computed from the fleet state the poller and the
 * reducer keep (the same as the live view's and --events'). Pure: time comes in as a parameter,
 * so names, labels and values are tested without a server.
 *
 * Naming follows Prometheus's guide (https://prometheus.io/docs/practices/naming/): units in the
 * name (`_seconds`), timestamps rather than ages (`_timestamp_seconds`, so a stopped scrape
 * does not freeze an age), versions in an info metric, counters ending in `_total`, and our own
 * `letta_fleet_api_up` rather than Prometheus's reserved `up`.
 */
import type {FleetState} from '../fleet/reducer.js';
import {type FleetRow, selectRows} from '../fleet/rows.js';
import {CONNECTION_STATUSES, type ConnectionStatus, FLEET_EVENT_TYPES, type FleetEventType} from '../fleet/types.js';
import {minorVersionsBehind, newestVersion} from './versions.js';

export type FamilyType = 'gauge' | 'counter';

/** A family's definition, fixed for the life of the process (prom-client wants label names up front). */
export type FamilySpec = {name: string; help: string; type: FamilyType; labelNames: readonly string[]};

/** One sample: label values (strings as the API sent them, sanitized at parse) and a value. */
export type Sample = {labels: Record<string, string>; value: number};

/** A listener's identity labels: the row key, its machine and its name. */
const LISTENER_LABELS = ['id', 'device_id', 'connection_name'] as const;

/** Every family, in the order /metrics shows them. */
export const FAMILIES = {
	environments: {
		name: 'letta_environments',
		type: 'gauge',
		labelNames: ['status'],
		help: 'Listeners (rows of GET /v1/environments) in each status: online, stale, offline.',
	},
	status: {
		name: 'letta_environment_status',
		type: 'gauge',
		labelNames: [...LISTENER_LABELS, 'status'],
		help: "A listener's status as a state set: 1 for the status it is in, 0 for the others.",
	},
	lastHeartbeat: {
		name: 'letta_environment_last_heartbeat_timestamp_seconds',
		type: 'gauge',
		labelNames: LISTENER_LABELS,
		help: "When the listener's last heartbeat arrived, server time (Unix seconds); absent when it never beat.",
	},
	connected: {
		name: 'letta_environment_connected_timestamp_seconds',
		type: 'gauge',
		labelNames: LISTENER_LABELS,
		help: "When the listener's current session connected, server time (Unix seconds); absent while offline.",
	},
	info: {
		name: 'letta_environment_info',
		type: 'gauge',
		labelNames: [...LISTENER_LABELS, 'version', 'mode', 'os', 'user_id', 'listener_instance_id'],
		help: 'Facts about a listener, always 1: its Letta Code version, permission mode, OS, user and listener instance.',
	},
	minorsBehind: {
		name: 'letta_environment_version_minor_versions_behind',
		type: 'gauge',
		labelNames: LISTENER_LABELS,
		help: "Minor versions between the listener's Letta Code and the fleet's newest (a major version counts as 1000); absent without a readable version.",
	},
	disconnects: {
		name: 'letta_environment_disconnects_total',
		type: 'counter',
		labelNames: LISTENER_LABELS,
		help: "Times the exporter's own polls saw this listener's connection close, since it started; 0 for every listener it lists, so increase() sees the first.",
	},
	events: {
		name: 'letta_environment_events_total',
		type: 'counter',
		labelNames: ['type'],
		help: "Changes seen by the exporter's own diff of successive polls, by type.",
	},
	apiUp: {
		name: 'letta_fleet_api_up',
		type: 'gauge',
		labelNames: [],
		help: "1 when the exporter's last poll of the Letta API succeeded, 0 when it failed or none has finished yet.",
	},
	lastSuccess: {
		name: 'letta_fleet_last_success_timestamp_seconds',
		type: 'gauge',
		labelNames: [],
		help: 'When the last successful poll finished (Unix seconds, local clock); 0 before the first.',
	},
	pollDuration: {
		name: 'letta_fleet_poll_duration_seconds',
		type: 'gauge',
		labelNames: [],
		help: 'How long the last poll took, every page and retry included (seconds); 0 before the first.',
	},
	requests: {
		name: 'letta_fleet_api_requests_total',
		type: 'counter',
		labelNames: ['outcome'],
		help: 'List requests sent to the Letta API, by outcome: success or the error kind (server, timeout, rate-limited, unauthorized, ...).',
	},
	retries: {
		name: 'letta_fleet_api_retries_total',
		type: 'counter',
		labelNames: ['outcome'],
		help: 'List requests that repeated a failed one (within a pass or by the poller), by outcome.',
	},
} as const satisfies Record<string, FamilySpec>;

export type FamilyKey = keyof typeof FAMILIES;

/** What the exporter knows beside the fleet state: its own counts and the last poll's duration. */
export type ExporterTelemetry = {
	/** Events seen per type since the exporter started. */
	events: ReadonlyMap<FleetEventType, number>;
	/**
	 * `disconnected` events per listener (row key) since the exporter started, for listeners still
	 * listed (a `removed` one is forgotten, so the map is bounded by the listing).
	 */
	disconnects: ReadonlyMap<string, number>;
	/** List requests per outcome (`success` or an ApiError kind). */
	requests: ReadonlyMap<string, number>;
	retries: ReadonlyMap<string, number>;
	/** The last finished poll's duration, ms; null before the first. */
	lastPollMs: number | null;
};

export type FamilyOptions = {
	/** false drops every per-listener family (--no-per-environment), for very large fleets. */
	perEnvironment: boolean;
};

/**
 * Every family's samples at local time `now` (epoch ms). Listeners are judged as the live view
 * judges them (fleet/rows.ts): while polls fail, at the last good poll, so the values kept are
 * the last good ones and `letta_fleet_api_up` says they are old. Tombstones (listeners gone from
 * the listing) have no series: they are not in the API any more.
 */
export function familySamples(
	state: FleetState,
	telemetry: ExporterTelemetry,
	now: number,
	options: FamilyOptions,
): Record<FamilyKey, Sample[]> {
	const rows = selectRows(state, now).filter(
		(row): row is FleetRow & {status: ConnectionStatus} => row.status !== 'gone',
	);
	const counts: Record<ConnectionStatus, number> = {online: 0, stale: 0, offline: 0};
	for (const row of rows) counts[row.status]++;

	const samples: Record<FamilyKey, Sample[]> = {
		environments: CONNECTION_STATUSES.map(status => ({labels: {status}, value: counts[status]})),
		status: [],
		lastHeartbeat: [],
		connected: [],
		info: [],
		minorsBehind: [],
		disconnects: [],
		// Every event type the diff can report, so each counter exists from the start at 0.
		events: FLEET_EVENT_TYPES.map(type => ({labels: {type}, value: telemetry.events.get(type) ?? 0})),
		apiUp: [{labels: {}, value: apiUp(state) ? 1 : 0}],
		lastSuccess: [{labels: {}, value: (state.health.lastSuccessAt ?? 0) / 1000}],
		pollDuration: [{labels: {}, value: (telemetry.lastPollMs ?? 0) / 1000}],
		requests: byOutcome(telemetry.requests),
		retries: byOutcome(telemetry.retries),
	};
	if (!options.perEnvironment) {
		return samples;
	}

	const newest = newestVersion(rows.map(row => row.connection.lettaCodeVersion));
	for (const {connection, status} of rows) {
		const listener = {
			id: connection.id,
			device_id: connection.deviceId,
			connection_name: connection.connectionName,
		};
		for (const each of CONNECTION_STATUSES) {
			samples.status.push({labels: {...listener, status: each}, value: each === status ? 1 : 0});
		}

		if (connection.lastHeartbeat !== null)
			samples.lastHeartbeat.push({labels: listener, value: connection.lastHeartbeat / 1000});
		if (connection.connectedAt !== null)
			samples.connected.push({labels: listener, value: connection.connectedAt / 1000});
		samples.info.push({
			labels: {
				...listener,
				version: connection.lettaCodeVersion ?? '',
				mode: connection.mode ?? '',
				os: connection.os ?? '',
				user_id: connection.userId ?? '',
				listener_instance_id: connection.listenerInstanceId ?? '',
			},
			value: 1,
		});
		// Every listed listener from 0: a counter that first appears at 1 is an increase() of 0.
		samples.disconnects.push({labels: listener, value: telemetry.disconnects.get(connection.id) ?? 0});
		const behind = minorVersionsBehind(connection.lettaCodeVersion, newest);
		if (behind !== null) samples.minorsBehind.push({labels: listener, value: behind});
	}

	return samples;
}

/** The last poll succeeded: there is a snapshot and no failure since it. */
export function apiUp(state: FleetState): boolean {
	return state.snapshot !== null && state.health.failingSince === null;
}

function byOutcome(counts: ReadonlyMap<string, number>): Sample[] {
	return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([outcome, value]) => ({labels: {outcome}, value}));
}
