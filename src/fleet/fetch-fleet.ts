/**
 * One complete pass over GET /v1/environments: follows hasNextPage with
 * after = the last record's id until the fleet is whole. A server that repeats
 * a cursor, or pages without end, gets a clear error instead of a loop.
 */
import type {LettaClient, ListQuery} from '../api/client.js';
import {ApiError} from '../api/errors.js';
import {ParseError, parsePage} from '../api/parse.js';
import {createPageReader, type PageReader} from '../api/page-reader.js';
import {
	forcedPageSizing,
	learnedPageSizing,
	type PageSizing,
	sizingAfterPage,
	sizingAfterRejected,
} from './page-size.js';
import type {RequestBudget} from './request-budget.js';
import {keyRecords} from './row-keys.js';
import {DEFAULT_RETRY_POLICY, type RetryEnvironment, type RetryPolicy, realSleep, withRetries} from './retry.js';
import type {Connection} from '../api/connection.js';
import type {Snapshot} from './types.js';

/** `pageSize`: a size to force (as --page-size); without it the pass learns the server's cap (see page-size.ts). */
export type FleetQuery = Omit<ListQuery, 'after' | 'limit'> & {pageSize?: number};

/**
 * How far a pass has come, told after each page that says there are more (never after the last): for
 * progress on screen only, never for a snapshot, a diff or the history.
 */
export type PassProgress = {
	/** Pages fetched so far in this pass. */
	pages: number;
	/**
	 * The records of those pages, in the order fetched: the pass's own array, growing as it goes; read it (or copy it)
	 * at once, never keep it. Bounded as the pass is (maxPages pages of at most 1 000 records).
	 */
	connections: readonly Connection[];
	/** As Snapshot.clockOffsetMs, from the pass's first response. */
	clockOffsetMs: number;
	/** When the pass started, ms on its clock (`now`). */
	startedAt: number;
};

/** Told each page of a pass but the last (fetchFleet's `onPage`). */
export type OnPage = (progress: PassProgress) => void;

export type FetchFleetOptions = {
	query?: FleetQuery;
	/** Pages after which a pass gives up (a server that never says hasNextPage=false). */
	maxPages?: number;
	retry?: RetryPolicy;
	retryEnvironment?: Partial<RetryEnvironment>;
	signal?: AbortSignal;
	now?: () => number;
	/** The last snapshot's connections: unchanged records keep theirs (see parsePage). */
	reuse?: ReadonlyMap<string, Connection>;
	/** Paces every list request, retries included, and is told of a 429 (see request-budget.ts). */
	budget?: RequestBudget;
	/** The page sizing to start from and update (a fetcher keeps it across passes); else made from query.pageSize. */
	pageSizing?: {current: PageSizing};
	/** Told after each page that says there are more, for progress on screen (a one-page fleet is never told). */
	onPage?: OnPage;
	/**
	 * Reads pages from their text, keeping the records whose text the last pass had (api/page-reader.ts); a
	 * fetcher keeps one across passes. Without it every page is parsed whole.
	 */
	reader?: PageReader;
	/**
	 * Whether a record takes the equal strings other records of the pass already hold (parsePage's `strings`):
	 * memory a poller keeps for hours, at about a map lookup a string. Default true; a one-shot, whose records die
	 * with the process, turns it off.
	 */
	shareStrings?: boolean;
};

export const DEFAULT_MAX_PAGES = 2000;
/** The Date header has whole seconds: a smaller disagreement is rounding, not skew. */
const CLOCK_NOISE_MS = 1500;

export async function fetchFleet(client: LettaClient, options: FetchFleetOptions = {}): Promise<Snapshot> {
	const query = options.query ?? {};
	const {pageSize: _forced, ...listQuery} = query;
	const sizing = options.pageSizing ?? {
		current: query.pageSize === undefined ? learnedPageSizing() : forcedPageSizing(query.pageSize),
	};
	const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
	const now = options.now ?? Date.now;
	const environment: RetryEnvironment = {
		sleep: realSleep,
		random: Math.random,
		...options.retryEnvironment,
		signal: options.signal,
	};
	const startedAt = now();
	const connections: Connection[] = [];
	const cursors = new Set<string>();
	let after: string | undefined;
	let pages = 0;
	let clockOffsetMs: number | undefined;
	let waitedMs = 0;
	// Strings the pass's records repeat are held once (see parsePage) unless shareStrings is false; the map goes with
	// the pass.
	const strings = options.shareStrings === false ? undefined : new Map<string, string>();
	const reader = options.reader;
	reader?.startPass(options.reuse, strings);
	const readPage = reader ? (body: Uint8Array) => reader.read(body) : undefined;

	for (;;) {
		if (pages >= maxPages) {
			throw new ApiError('page-cap', `gave up after ${maxPages} pages: the server kept saying there were more`, {
				hint: 'raise --page-size, or report the server',
			});
		}

		const cursor = after;
		const asked = sizing.current.size;
		let response;
		try {
			response = await withRetries(
				async () => {
					waitedMs += (await options.budget?.take(options.signal)) ?? 0;
					try {
						return await client.listEnvironments(
							readPage
								? {...listQuery, limit: asked, after: cursor, readPage}
								: {...listQuery, limit: asked, after: cursor},
							options.signal,
						);
					} catch (error) {
						// The server's limit is lower than the budget's burst: pace from here on (request-budget.ts).
						if (error instanceof ApiError && error.kind === 'rate-limited') options.budget?.rateLimited();
						throw error;
					}
				},
				options.retry ?? DEFAULT_RETRY_POLICY,
				environment,
			);
		} catch (error) {
			// A 400 may be the size: ask for half, and remember it (a 400 for another reason ends at 1).
			const smaller =
				error instanceof ApiError && error.status === 400 ? sizingAfterRejected(sizing.current, asked) : null;
			if (!smaller) throw error;
			sizing.current = smaller;
			continue;
		}

		pages++;
		clockOffsetMs ??= estimateClockOffset(response.serverDate, response.receivedAt, response.latencyMs);

		let page;
		try {
			if (response.page) {
				page = response.page;
			} else {
				page = parsePage(response.body, options.reuse, strings);
				reader?.skipped(page.connections.length);
			}
		} catch (error) {
			if (error instanceof ParseError) {
				throw new ApiError('bad-response', error.message, {hint: 'is the base URL a Letta API?'});
			}

			throw error;
		}

		connections.push(...page.connections);
		sizing.current = sizingAfterPage(sizing.current, asked, page.connections.length, page.hasNextPage);
		if (!page.hasNextPage) {
			break;
		}

		if (page.lastId === null) {
			throw new ApiError('cursor-stuck', 'the server said there are more pages but sent an empty page');
		}

		if (page.lastId === cursor || cursors.has(page.lastId)) {
			throw new ApiError(
				'cursor-stuck',
				`the server sent the cursor ${JSON.stringify(page.lastId)} twice; stopped instead of looping`,
			);
		}

		cursors.add(page.lastId);
		after = page.lastId;
		options.onPage?.({pages, connections, clockOffsetMs: clockOffsetMs ?? 0, startedAt});
	}

	// Every record keeps its row, a repeated or missing id included (see row-keys.ts).
	const keyed = keyRecords(connections);
	reader?.endPass();
	const fetchedAt = now();
	return {
		connections: keyed.connections,
		byId: keyed.byId,
		fetchedAt,
		clockOffsetMs: clockOffsetMs ?? 0,
		latencyMs: fetchedAt - startedAt,
		pages,
		...(waitedMs > 0 && options.budget ? {paced: {maxRps: options.budget.maxRps, waitedMs}} : {}),
	};
}

/** One complete pass (a poll): `onPage` is told of each page but the last, for progress on screen. */
export type FleetFetch = (signal?: AbortSignal, onPage?: OnPage) => Promise<Snapshot>;

/**
 * fetchFleet for a poller: each pass reuses the Connections of the last
 * successful one for records that did not change (see parsePage), without
 * parsing those whose text is as it was (api/page-reader.ts).
 */
export function createFleetFetcher(
	client: LettaClient,
	options: Omit<FetchFleetOptions, 'signal' | 'reuse' | 'onPage'> = {},
): FleetFetch {
	let last: Snapshot | undefined;
	// What a pass learns of the server's page cap holds for the session.
	const query = options.query ?? {};
	const pageSizing = {current: query.pageSize === undefined ? learnedPageSizing() : forcedPageSizing(query.pageSize)};
	const reader = createPageReader();
	return async (signal, onPage) => {
		last = await fetchFleet(client, {...options, signal, reuse: last?.byId, pageSizing, onPage, reader});
		return last;
	};
}

export function estimateClockOffset(serverDate: number | null, receivedAt: number, latencyMs: number): number {
	if (serverDate === null) {
		return 0;
	}

	// The server stamped the response about half-way through the round trip.
	// The header has whole seconds, truncated: the true time is on average half a second later.
	const offset = serverDate + 500 - (receivedAt - latencyMs / 2);
	return Math.abs(offset) < CLOCK_NOISE_MS ? 0 : offset;
}
