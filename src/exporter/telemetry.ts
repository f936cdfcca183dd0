/**
 * The exporter's own counts: list requests and retries by outcome, events by type, disconnects
 * by listener, the last poll's duration. Requests are counted by wrapping the client the source polls with, so every
 * request the fetcher sends is seen, retries and the request budget's pacing included.
 */
import type {LettaClient} from '../api/client.js';
import {asApiError} from '../api/errors.js';
import type {FleetEvent, FleetEventType} from '../fleet/types.js';
import type {ExporterTelemetry} from './families.js';

export type Telemetry = ExporterTelemetry & {
	countEvents(events: readonly FleetEvent[]): void;
	/** A poll finished (well or not) after `ms` milliseconds. */
	recordPoll(ms: number): void;
	/**
	 * The client, counting each list request by outcome (`success`, or the ApiError kind of its
	 * failure; an aborted one is not counted). A request sent after a failed one is also a retry,
	 * whether the fetcher retried within its pass or the poller after its backoff.
	 */
	wrapClient: (client: LettaClient) => LettaClient;
};

export function createTelemetry(): Telemetry {
	const events = new Map<FleetEventType, number>();
	const disconnects = new Map<string, number>();
	const requests = new Map<string, number>();
	const retries = new Map<string, number>();
	let lastFailed = false;
	const add = <K>(map: Map<K, number>, key: K, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

	const telemetry: Telemetry = {
		events,
		disconnects,
		requests,
		retries,
		lastPollMs: null,
		countEvents(seen) {
			for (const event of seen) {
				add(events, event.type);
				if (event.type === 'disconnected') add(disconnects, event.id);
				else if (event.type === 'removed') disconnects.delete(event.id);
			}
		},
		recordPoll(ms) {
			telemetry.lastPollMs = ms;
		},
		wrapClient(client) {
			return {
				baseUrl: client.baseUrl,
				getEnvironment: (deviceId, signal) => client.getEnvironment(deviceId, signal),
				async listEnvironments(query, signal) {
					const retry = lastFailed;
					const record = (outcome: string) => {
						add(requests, outcome);
						if (retry) add(retries, outcome);
						lastFailed = outcome !== 'success';
					};

					try {
						const response = await client.listEnvironments(query, signal);
						record('success');
						return response;
					} catch (error) {
						// An aborted request is the exporter stopping, not the API's answer.
						if (!signal?.aborted) record(asApiError(error).kind);
						throw error;
					}
				},
			};
		},
	};
	return telemetry;
}
