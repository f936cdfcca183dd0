/**
 * Opens what the monitor watches: the real API with the user's credentials,
 * or, with --demo, the embedded demo server started in this process.
 */
import {createClient, type LettaClient} from './api/client.js';
import {resolveCredentials} from './credentials.js';
import {createFleetFetcher} from './fleet/fetch-fleet.js';
import {DEFAULT_RETRY_POLICY, type RetryPolicy} from './fleet/retry.js';
import type {Snapshot} from './fleet/types.js';
import {type Options, UsageError} from './options.js';
import type {FaultRule} from './demo/faults.js';

export type FleetSource = {
	client: LettaClient;
	/** Shown in the header: the base URL, and where the key came from (never the key). */
	label: string;
	keySource: string | undefined;
	fetch: (signal?: AbortSignal) => Promise<Snapshot>;
	close: () => Promise<void>;
};

/** `retry`: the policy for failures inside one pass (a one-shot fetch retries more than a poller). */
export async function openFleetSource(options: Options, env: NodeJS.ProcessEnv, retry: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<FleetSource> {
	let close = async () => {};
	let baseUrl: string;
	let apiKey: string | undefined;
	let keySource: string | undefined;
	if (options.demo) {
		const {startDemoServer} = await import('./demo/server.js');
		const server = await startDemoServer({
			seed: options.demoSeed,
			size: options.demoSize,
			churnPerMinute: options.demoChurn,
			faults: await demoFaults(options.faults),
		});
		close = () => server.close();
		baseUrl = server.url;
		apiKey = server.apiKey;
		keySource = 'demo';
	} else {
		if (options.faults.length > 0) {
			throw new UsageError('--fault applies to the demo server: use it with --demo or serve-demo');
		}

		({baseUrl, apiKey, keySource} = await resolveCredentials(options, {env}));
	}

	// The embedded demo server listens on this process's loopback: a proxy elsewhere cannot reach it, and
	// tunnelling our own traffic out and back would only add a way to fail; so --demo always goes direct.
	const proxyEnv = options.demo ? {} : env;
	const client = createClient({baseUrl, apiKey, keySource, timeoutMs: options.timeoutMs, userAgent: 'letta-fleet', proxyEnv});
	const query = {pageSize: options.pageSize, onlineOnly: options.onlineOnly, source: options.source, userId: options.userId};
	return {
		client,
		label: options.demo ? `demo fleet at ${baseUrl}` : baseUrl,
		keySource,
		fetch: createFleetFetcher(client, {query, retry}),
		close,
	};
}

/** The --fault specs as rules for the demo server; a bad one is a usage error. */
export async function demoFaults(specs: string[]): Promise<FaultRule[]> {
	if (specs.length === 0) {
		return [];
	}

	const {parseFaultSpec} = await import('./demo/faults.js');
	return specs.map(spec => {
		try {
			return parseFaultSpec(spec);
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
	});
}

/**
 * Starts the first pass now and hands it to the first caller of fetch, so the
 * live view's first fetch runs while Ink and React load instead of after.
 * Aborting the first caller's signal aborts it, as it would a fetch of its own.
 */
export function withFirstFetchStarted(source: FleetSource): FleetSource {
	const controller = new AbortController();
	let first: Promise<Snapshot> | undefined = source.fetch(controller.signal);
	// Its failure is reported to whoever takes it, not as an unhandled rejection now.
	first.catch(() => {});
	return {
		...source,
		fetch(signal) {
			if (!first) {
				return source.fetch(signal);
			}

			const taken = first;
			first = undefined;
			signal?.addEventListener('abort', () => controller.abort(signal.reason), {once: true});
			return taken;
		},
		async close() {
			controller.abort();
			await source.close();
		},
	};
}
