/**
 * Opens what the monitor watches: the real API with the user's credentials,
 * or, with --demo, the embedded demo server started in this process.
 */
import {maskUrl} from './api/url-mask.js';
import {createClient, type LettaClient} from './api/client.js';
import {ApiError} from './api/errors.js';
import {type Credential, credentialFor, fixedCredential} from './credentials/live-credential.js';
import {resolveCredentials} from './credentials/credential-sources.js';
import {ExpiredLoginError, rejectedLoginHint} from './credentials/login-expiry.js';
import {createFleetFetcher, fetchFleet, type FleetFetch, type OnPage, type PassProgress} from './fleet/fetch-fleet.js';
import {createRequestBudget, ONE_SHOT_BURST_REQUESTS} from './fleet/request-budget.js';
import {DEFAULT_RETRY_POLICY, realSleep, type RetryPolicy} from './fleet/retry.js';

// The retry policies cli.ts opens a source with, from the chunk it loads anyway: one chunk, not a second import.
export {DEFAULT_RETRY_POLICY, POLLING_RETRY_POLICY} from './fleet/retry.js';
import type {Snapshot} from './fleet/types.js';
import type {Options} from './config/flags.js';
import {UsageError} from './config/usage-error.js';
import type {FaultRule} from './demo/faults.js';

export type FleetSource = {
	client: LettaClient;
	/** Shown in the header: the base URL, and where the key came from (never the key). */
	label: string;
	keySource: string | undefined;
	/** The context in use (config/contexts.ts), named in the header; undefined without one. */
	context?: string | undefined;
	/**
	 * The key being sent. Long-running modes call `credential.watch(onChange)` to
	 * poll at once when Letta Code writes a fresh login token (and stop it when done).
	 */
	credential: Credential;
	/**
	 * One pass. With an expired Letta Code login it sends nothing and throws ExpiredLoginError (kind 'unauthorized').
	 * `onPage` is told of each page but the last (fleet/fetch-fleet.ts PassProgress), for progress on screen.
	 */
	fetch: FleetFetch;
	/**
	 * The first pass, started early (withFirstFetchStarted) and not yet taken by a fetch, or undefined: the live view
	 * waits briefly for it to draw its first frame with rows (ui/run.tsx). `firstPage` resolves with the progress of a
	 * pass of several pages when its first page has come. Looking does not take it.
	 */
	firstPass?: () => {pass: Promise<Snapshot>; firstPage: Promise<PassProgress>} | undefined;
	close: () => Promise<void>;
};

/**
 * `retry`: the policy for failures inside one pass (a one-shot fetch retries more than a poller).
 * `wrapClient`: wraps the client every request goes through (the exporter counts requests by outcome).
 * `signal`: a stop signal during start-up; it ends a wait on an --api-key-file pipe, which then rejects.
 * `oneShot`: a single pass (`--once`, `--json`), whose request budget may burst a whole pass (fleet/request-budget.ts
 * ONE_SHOT_BURST_REQUESTS) unless `--max-rps` was set; long-running modes keep to `--max-rps` with one second's
 * worth held.
 */
export async function openFleetSource(
	options: Options,
	env: NodeJS.ProcessEnv,
	retry: RetryPolicy = DEFAULT_RETRY_POLICY,
	wrapClient: (client: LettaClient) => LettaClient = client => client,
	signal?: AbortSignal,
	oneShot = false,
): Promise<FleetSource> {
	let close = async () => {};
	let baseUrl: string;
	let credential: Credential;
	let context: string | undefined;
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
		credential = fixedCredential(server.apiKey, 'demo');
	} else {
		if (options.faults.length > 0) {
			throw new UsageError('--fault applies to the demo server: use it with --demo or serve-demo');
		}

		const credentials = await resolveCredentials(options, {env, signal});
		baseUrl = credentials.baseUrl;
		context = credentials.context;
		credential = credentialFor(credentials);
	}

	const keySource = credential.source;
	// The embedded demo server listens on this process's loopback: a proxy elsewhere cannot reach it, and
	// tunnelling our own traffic out and back would only add a way to fail; so --demo always goes direct.
	const proxyEnv = options.demo ? {} : env;
	const client = wrapClient(
		withLogin(
			createClient({
				baseUrl,
				apiKey: () => credential.key(),
				keySource,
				timeoutMs: options.timeoutMs,
				maxBodyMib: options.maxBodyMib,
				userAgent: 'letta-fleet',
				proxyEnv,
			}),
			credential,
		),
	);
	// Unless a person set --page-size, passes ask for big pages and learn the server's cap (fleet/page-size.ts).
	const forcedPageSize = options.sources['page-size'] === undefined ? undefined : options.pageSize;
	const query = {
		pageSize: forcedPageSize,
		onlineOnly: options.onlineOnly,
		source: options.source,
		userId: options.userId,
	};
	const passOptions = {
		query,
		retry,
		budget: createRequestBudget(
			options.maxRps,
			{now: Date.now, sleep: realSleep},
			// A --max-rps the person set (flag, environment or config) is a promise to them: no burst past it.
			oneShot && options.sources['max-rps'] === undefined ? ONE_SHOT_BURST_REQUESTS : options.maxRps,
		),
	};
	return {
		client,
		label: options.demo ? `demo fleet at ${baseUrl}` : maskUrl(baseUrl),
		keySource,
		context,
		credential,
		// A one-shot's single pass parses each page whole: a poller's fetcher also keeps every record's text to compare
		// the next pass with (api/page-reader.ts), a copy of the whole fleet and a parse per record that one pass never
		// gets back. Nor does it share equal strings between records: that saves memory only a poller keeps.
		fetch: oneShot
			? async (signal, onPage) => fetchFleet(client, {...passOptions, signal, onPage, shareStrings: false})
			: createFleetFetcher(client, passOptions),
		async close() {
			credential.close();
			await close();
		},
	};
}

/**
 * Throws ExpiredLoginError rather than send a login token past its
 * `tokenExpiresAt`. The file is re-read first: Letta Code may have renewed it
 * since (this is also the re-check on each poll, should the file watch miss it).
 * `now`: local epoch ms, the clock Letta Code wrote the expiry by.
 */
async function refuseExpiredLogin(credential: Credential, now: () => number = Date.now): Promise<void> {
	const expired = () => {
		const expiresAt = credential.expiresAt();
		return expiresAt !== null && now() >= expiresAt;
	};

	if (expired()) {
		await credential.reload();
		const expiresAt = credential.expiresAt();
		if (expired() && expiresAt !== null) {
			throw new ExpiredLoginError(credential.source ?? 'the settings file', expiresAt, now());
		}
	}
}

/**
 * A client on a Letta Code login, for the list and the detail pane alike: a
 * token past its expiry is not sent (ExpiredLoginError), and a 401 re-reads
 * the settings file: when the token there differs from the one the request
 * carried (Letta Code refreshed it meanwhile), the request is sent once more
 * with it; otherwise the 401 stands, with a hint on renewing the login. Fixed
 * keys pass through untouched.
 */
function withLogin(client: LettaClient, credential: Credential): LettaClient {
	if (!credential.watched) {
		return client;
	}

	const rejected = (error: unknown): error is ApiError => error instanceof ApiError && error.kind === 'unauthorized';
	const withHint = (error: ApiError) =>
		new ApiError('unauthorized', error.message, {
			status: error.status,
			errorCode: error.errorCode,
			retryAfterMs: error.retryAfterMs,
			hint: rejectedLoginHint(credential.source ?? 'the settings file'),
		});

	async function sendWithLogin<T>(send: () => Promise<T>): Promise<T> {
		await refuseExpiredLogin(credential);
		const sent = credential.key();
		try {
			return await send();
		} catch (error) {
			if (!rejected(error)) throw error;
			await credential.reload();
			const current = credential.key();
			if (current === sent || current === undefined) throw withHint(error);
		}

		// The token Letta Code wrote meanwhile; it may itself be past its expiry.
		await refuseExpiredLogin(credential);

		try {
			return await send();
		} catch (error) {
			throw rejected(error) ? withHint(error) : error;
		}
	}

	return {
		baseUrl: client.baseUrl,
		listEnvironments: (query, signal) => sendWithLogin(() => client.listEnvironments(query, signal)),
		getEnvironment: (deviceId, signal) => sendWithLogin(() => client.getEnvironment(deviceId, signal)),
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
	// Its pages are told to whoever takes it: the latest at once, then each as it comes.
	let latest: PassProgress | undefined;
	let told: OnPage | undefined;
	let pageCame = (_progress: PassProgress) => {};
	const firstPage = new Promise<PassProgress>(resolve => {
		pageCame = resolve;
	});
	let first: Promise<Snapshot> | undefined = source.fetch(controller.signal, progress => {
		latest = progress;
		pageCame(progress);
		told?.(progress);
	});
	// Its failure is reported to whoever takes it, not as an unhandled rejection now; once settled it tells nothing.
	const forget = () => {
		latest = undefined;
		told = undefined;
	};
	first.then(forget, forget);
	return {
		...source,
		firstPass: () => (first ? {pass: first, firstPage} : undefined),
		fetch(signal, onPage) {
			if (!first) {
				return source.fetch(signal, onPage);
			}

			const taken = first;
			first = undefined;
			told = onPage;
			if (latest) onPage?.(latest);
			signal?.addEventListener('abort', () => controller.abort(signal.reason), {once: true});
			return taken;
		},
		async close() {
			controller.abort();
			await source.close();
		},
	};
}
