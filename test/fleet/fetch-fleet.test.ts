import {describe, expect, it} from 'vitest';
import type {ApiResponse, LettaClient, ListQuery} from '../../src/api/client.js';
import {ApiError} from '../../src/api/errors.js';
import {estimateClockOffset, fetchFleet} from '../../src/fleet/fetch-fleet.js';
import {rawConnection, T0} from '../helpers/fixtures.js';
import {promised} from '../helpers/promised.js';

type Page = {body: unknown} | {error: ApiError};

/** A client that answers from a script of pages, and records every query it was sent. */
function scriptedClient(pages: Page[], serverDate: number | null = null) {
	const queries: ListQuery[] = [];
	const client: LettaClient = {
		baseUrl: 'http://test',
		listEnvironments: query =>
			promised(() => {
				queries.push(query);
				const page = pages.shift();
				if (!page) throw new Error('no more pages scripted');
				if ('error' in page) throw page.error;
				return {body: page.body, serverDate, receivedAt: T0, latencyMs: 0} satisfies ApiResponse;
			}),
		getEnvironment: () => Promise.reject(new Error('unused')),
	};
	return {client, queries};
}

const page = (ids: string[], hasNextPage: boolean) => ({
	body: {connections: ids.map(id => rawConnection({id})), hasNextPage},
});
const noSleep = {sleep: async () => {}, random: () => 0.5};

describe('fetchFleet', () => {
	it('follows hasNextPage with after = the last id until the fleet is whole', async () => {
		const {client, queries} = scriptedClient([page(['a', 'b'], true), page(['c', 'd'], true), page(['e'], false)]);
		const snapshot = await fetchFleet(client, {
			query: {pageSize: 2, onlineOnly: true, source: 'local', userId: 'u'},
			now: () => T0,
		});
		expect(snapshot.connections.map(c => c.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(snapshot.pages).toBe(3);
		expect(queries.map(query => query.after)).toEqual([undefined, 'b', 'd']);
		expect(queries[0]).toMatchObject({limit: 2, onlineOnly: true, source: 'local', userId: 'u'});
	});

	it('reads the same records whether or not the pass shares equal strings between them (a one-shot does not)', async () => {
		const pages = () => [page(['a', 'b'], true), page(['c'], false)];
		const shared = await fetchFleet(scriptedClient(pages()).client, {query: {pageSize: 2}, now: () => T0});
		const own = await fetchFleet(scriptedClient(pages()).client, {
			query: {pageSize: 2},
			now: () => T0,
			shareStrings: false,
		});
		expect(own.connections.map(c => c.id)).toEqual(['a', 'b', 'c']);
		expect(own.connections).toEqual(shared.connections);
	});

	it('tells each page but the last as it comes, with the records so far', async () => {
		const {client} = scriptedClient([page(['a', 'b'], true), page(['c', 'd'], true), page(['e'], false)]);
		const told: Array<{pages: number; ids: string[]}> = [];
		const snapshot = await fetchFleet(client, {
			query: {pageSize: 2},
			now: () => T0,
			onPage: progress => told.push({pages: progress.pages, ids: progress.connections.map(c => c.id)}),
		});
		expect(told).toEqual([
			{pages: 1, ids: ['a', 'b']},
			{pages: 2, ids: ['a', 'b', 'c', 'd']},
		]);
		expect(snapshot.connections).toHaveLength(5);
	});

	it('stops with a clear error when the server repeats a cursor', async () => {
		const {client} = scriptedClient([page(['a', 'b'], true), page(['c', 'b'], true), page(['x'], false)]);
		await expect(fetchFleet(client)).rejects.toMatchObject({kind: 'cursor-stuck'});
	});

	it('stops on an empty page that claims there are more', async () => {
		const {client} = scriptedClient([page([], true)]);
		await expect(fetchFleet(client)).rejects.toMatchObject({kind: 'cursor-stuck'});
	});

	it('gives up after the page cap instead of paging forever', async () => {
		const pages = Array.from({length: 10}, (_, index) => page([`id-${index}`], true));
		const {client, queries} = scriptedClient(pages);
		await expect(fetchFleet(client, {maxPages: 4})).rejects.toMatchObject({kind: 'page-cap'});
		expect(queries).toHaveLength(4);
	});

	it('keeps every copy of a record the server listed twice, each on its own row, and says why', async () => {
		const {client} = scriptedClient([page(['a', 'b'], true), page(['b', 'c'], false)]);
		const snapshot = await fetchFleet(client);
		expect(snapshot.connections.map(c => c.id)).toEqual(['a', 'b', 'b#2', 'c']);
		expect(snapshot.connections.map(c => c.recordId)).toEqual(['a', 'b', 'b', 'c']);
		expect(snapshot.byId.size).toBe(4);
		expect(snapshot.connections[2]!.keyNote).toBe(
			'id repeated: record 3 of the listing has the id of record 2; its row is keyed b#2',
		);
		expect(snapshot.connections[1]!.keyNote).toBeNull();
	});

	it('retries a failed page and keeps the pages it already has', async () => {
		const {client, queries} = scriptedClient([
			page(['a'], true),
			{error: new ApiError('server', 'boom', {status: 502})},
			page(['b'], false),
		]);
		const snapshot = await fetchFleet(client, {retryEnvironment: noSleep});
		expect(snapshot.connections.map(c => c.id)).toEqual(['a', 'b']);
		expect(queries.map(query => query.after)).toEqual([undefined, 'a', 'a']);
	});

	it('does not retry a rejected key', async () => {
		const {client, queries} = scriptedClient([
			{error: new ApiError('unauthorized', 'bad key', {status: 401})},
			page(['a'], false),
		]);
		await expect(fetchFleet(client, {retryEnvironment: noSleep})).rejects.toMatchObject({kind: 'unauthorized'});
		expect(queries).toHaveLength(1);
	});

	it('turns a body that is not a page into a bad-response error', async () => {
		const {client} = scriptedClient([{body: '<html>'}]);
		await expect(fetchFleet(client)).rejects.toMatchObject({kind: 'bad-response'});
	});

	it('takes the clock offset from the Date header, ignoring its rounding', async () => {
		const {client} = scriptedClient([page(['a'], false)], T0 + 600_000);
		const snapshot = await fetchFleet(client, {now: () => T0});
		expect(snapshot.clockOffsetMs).toBe(600_500);
		expect(estimateClockOffset(T0 - 400, T0, 0)).toBe(0);
		expect(estimateClockOffset(null, T0, 0)).toBe(0);
	});
});

describe('fetchFleet and Retry-After', () => {
	it('waits a short Retry-After inline, and gives a long one back to the caller', async () => {
		const slept: number[] = [];
		const environment = {sleep: (ms: number) => Promise.resolve(void slept.push(ms)), random: () => 0};
		const short = scriptedClient([
			{error: new ApiError('rate-limited', 'slow down', {status: 429, retryAfterMs: 3000})},
			page(['a'], false),
		]);
		await fetchFleet(short.client, {retryEnvironment: environment});
		expect(slept).toEqual([3000]);
		const long = scriptedClient([
			{error: new ApiError('rate-limited', 'slow down', {status: 429, retryAfterMs: 120_000})},
			page(['a'], false),
		]);
		await expect(fetchFleet(long.client, {retryEnvironment: environment})).rejects.toMatchObject({
			kind: 'rate-limited',
			retryAfterMs: 120_000,
		});
		expect(long.queries).toHaveLength(1);
	});
});
