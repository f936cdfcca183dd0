/**
 * `availability --prometheus URL`: asks a Prometheus that scrapes `letta-fleet exporter` over its HTTP
 * API (`/api/v1/query`, `/api/v1/query_range`) and builds the report (availability-queries.ts). Every
 * answer is read through api/body.ts under a cap, each request has a timeout, and every failure is
 * one line a person can act on: unreachable, not a Prometheus, a refused query, no letta-fleet data.
 */
import got from 'got';
import {MIB, readBoundedBody, BodyTooLargeError} from '../api/body.js';
import {sanitizeText} from '../api/sanitize.js';
import {maskUrl} from '../api/url-mask.js';
import type {AvailabilityReport} from '../history/availability-report.js';
import type {TimeWindow} from '../history/availability.js';
import {
	availabilityQueries,
	type InstantKey,
	type MatrixSeries,
	medianSpacing,
	outageQuery,
	outageStep,
	rangeSeconds,
	reportFromSamples,
	scrapeProbeQuery,
	type VectorSample,
} from './availability-queries.js';

/** How long a request may take and how big an answer may be. */
export type PrometheusLimits = {timeoutMs: number; maxBodyMib: number; signal?: AbortSignal};

/** How far back from the window's end the scrape interval is probed first, seconds. */
const PROBE_SECONDS = 600;

/**
 * The report for `window` from the Prometheus at `baseUrl` (its root, a path prefix kept).
 * @throws Error whose message is one line for a person: unreachable, not a Prometheus, a refused
 * query, an answer over the cap, or no letta-fleet exporter data in the window.
 */
export async function readPrometheus(
	baseUrl: string,
	window: TimeWindow,
	limits: PrometheusLimits,
): Promise<AvailabilityReport> {
	const ask = asker(baseUrl, limits);
	const time = String(window.until / 1000);
	const queries = availabilityQueries(window);
	const keys = Object.keys(queries) as InstantKey[];
	const [answers, probe] = await Promise.all([
		Promise.all(keys.map(key => ask('query', {query: queries[key], time}))),
		ask('query', {query: scrapeProbeQuery(Math.min(PROBE_SECONDS, rangeSeconds(window))), time}),
	]);
	let interval = medianSpacing(sampleTimes(probe));
	if (interval === null) {
		// The exporter was not scraped at the window's end: read its scrape times over the whole window.
		interval = medianSpacing(
			sampleTimes(await ask('query', {query: scrapeProbeQuery(rangeSeconds(window)), time})),
		);
	}

	const vectors = Object.fromEntries(keys.map((key, index) => [key, vector(answers[index])])) as Record<
		InstantKey,
		VectorSample[]
	>;
	if (interval === null && vectors.scrapes.length === 0)
		throw new Error(
			`the Prometheus at ${maskUrl(baseUrl)} has no letta-fleet exporter samples between ${new Date(window.since).toISOString()} and ${new Date(window.until).toISOString()}: is it scraping letta-fleet exporter?`,
		);
	// One sample only: no spacing to read; Prometheus's default scrape interval is the best guess.
	const seconds = interval ?? 60;
	const step = outageStep(window, seconds);
	const outages = matrix(
		await ask('query_range', {
			query: outageQuery(),
			start: String(window.since / 1000),
			end: String(window.until / 1000),
			step: String(step),
		}),
	);
	return reportFromSamples(window, vectors, outages, seconds, step);
}

type Ask = (endpoint: 'query' | 'query_range', searchParams: Record<string, string>) => Promise<unknown>;

/** One query's `data.result`, or the Error that says why there is none. */
function asker(baseUrl: string, limits: PrometheusLimits): Ask {
	const root = baseUrl.replace(/\/+$/, '');
	const shown = maskUrl(root);
	const limitBytes = limits.maxBodyMib * MIB;
	return async (endpoint, searchParams) => {
		const stream = got.stream(`${root}/api/v1/${endpoint}`, {
			searchParams,
			headers: {accept: 'application/json', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'letta-fleet'},
			timeout: {request: limits.timeoutMs},
			...(limits.signal ? {signal: limits.signal} : {}),
			retry: {limit: 0},
			throwHttpErrors: false,
			followRedirect: false,
			decompress: false,
		});
		let status: number;
		let contentType: string | undefined;
		let body: Uint8Array;
		try {
			const response = await new Promise<{
				statusCode: number;
				headers: Record<string, string | string[] | undefined>;
			}>((resolve, reject) => {
				stream.once('response', resolve);
				stream.once('error', reject);
			});
			status = response.statusCode;
			contentType = String(response.headers['content-type'] ?? '');
			const header = (name: string) => {
				const value = response.headers[name];
				return Array.isArray(value) ? value[0] : value;
			};
			body = await readBoundedBody(
				stream,
				{contentLength: header('content-length'), contentEncoding: header('content-encoding')},
				limitBytes,
			);
		} catch (error) {
			throw new Error(requestFailure(error, shown, limits));
		}

		let parsed: unknown;
		try {
			parsed = JSON.parse(Buffer.from(body).toString('utf8'));
		} catch {
			parsed = undefined;
		}

		const answer = parsed as {status?: unknown; data?: {result?: unknown}; errorType?: unknown; error?: unknown};
		if (answer?.status === 'error')
			throw new Error(
				`the Prometheus at ${shown} refused a query (HTTP ${status}): ${reason(answer.error ?? answer.errorType)}`,
			);
		if (answer?.status !== 'success' || !Array.isArray(answer.data?.result))
			throw new Error(
				`${shown} does not answer as a Prometheus (GET /api/v1/${endpoint}: HTTP ${status}${contentType ? `, ${sanitizeText(contentType, 80)}` : ''}); give --prometheus the URL of Prometheus itself, like http://prometheus:9090`,
			);
		return answer.data.result as unknown;
	};
}

function requestFailure(error: unknown, shown: string, limits: PrometheusLimits): string {
	if (error instanceof BodyTooLargeError)
		return `the Prometheus at ${shown} answered with more than ${limits.maxBodyMib} MiB (--max-body-mib): try a shorter --since`;
	const code = (error as NodeJS.ErrnoException).code;
	const name = (error as Error).name;
	if (name === 'TimeoutError' || code === 'ETIMEDOUT')
		return `the Prometheus at ${shown} did not answer within ${limits.timeoutMs / 1000}s (--timeout)`;
	if (code === 'ECONNREFUSED') return `cannot reach Prometheus at ${shown}: connection refused`;
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
		return `cannot reach Prometheus at ${shown}: the host does not resolve`;
	return `cannot reach Prometheus at ${shown}: ${sanitizeText((error as Error).message ?? String(error), 200)}`;
}

/** Prometheus's error text, bounded and safe to print. */
function reason(value: unknown): string {
	return typeof value === 'string' && value !== '' ? sanitizeText(value, 300) : 'no reason given';
}

function vector(result: unknown): VectorSample[] {
	return Array.isArray(result)
		? result.filter(
				(each): each is VectorSample =>
					isObject(each) && isObject(each['metric']) && Array.isArray(each['value']),
			)
		: [];
}

function matrix(result: unknown): MatrixSeries[] {
	return Array.isArray(result)
		? result.filter(
				(each): each is MatrixSeries =>
					isObject(each) && isObject(each['metric']) && Array.isArray(each['values']),
			)
		: [];
}

/**
 * The sample times (Unix seconds) of the longest series of a range-vector answer: one exporter's
 * scrapes (two exporters scraped side by side would halve the spacing if merged).
 */
function sampleTimes(result: unknown): number[] {
	const longest = matrix(result).reduce<MatrixSeries | undefined>(
		(best, each) => (best === undefined || each.values.length > best.values.length ? each : best),
		undefined,
	);
	return longest?.values.map(point => Number(point?.[0])) ?? [];
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
