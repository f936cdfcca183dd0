import {describe, expect, it} from 'vitest';
import type {FleetSource} from '../src/source.js';
import {withFirstFetchStarted} from '../src/source.js';
import {fixedCredential} from '../src/credentials/live-credential.js';
import type {Snapshot} from '../src/fleet/types.js';

function fakeSource() {
	const calls: Array<AbortSignal | undefined> = [];
	const source: FleetSource = {
		client: {
			baseUrl: 'http://test',
			listEnvironments: () => Promise.resolve({body: {}, serverDate: null, receivedAt: 0, latencyMs: 0}),
			getEnvironment: () => Promise.resolve({body: {}, serverDate: null, receivedAt: 0, latencyMs: 0}),
		},
		label: 'test',
		keySource: undefined,
		credential: fixedCredential(undefined, undefined),
		fetch(signal) {
			calls.push(signal);
			return Promise.resolve({
				connections: [],
				byId: new Map(),
				fetchedAt: calls.length,
				clockOffsetMs: 0,
				latencyMs: 0,
				pages: 1,
			} satisfies Snapshot);
		},
		close: async () => {},
	};
	return {source, calls};
}

describe('withFirstFetchStarted', () => {
	it('starts the first pass at once and gives it to the first caller, later callers fetch anew', async () => {
		const {source, calls} = fakeSource();
		const live = withFirstFetchStarted(source);
		expect(calls).toHaveLength(1);
		expect((await live.fetch()).fetchedAt).toBe(1);
		expect((await live.fetch()).fetchedAt).toBe(2);
		expect(calls).toHaveLength(2);
	});

	it('aborts the early pass when its taker aborts, or when the source closes first', async () => {
		const {source, calls} = fakeSource();
		const live = withFirstFetchStarted(source);
		const controller = new AbortController();
		await live.fetch(controller.signal);
		controller.abort();
		expect(calls[0]?.aborted).toBe(true);

		const {source: other, calls: otherCalls} = fakeSource();
		await withFirstFetchStarted(other).close();
		expect(otherCalls[0]?.aborted).toBe(true);
	});
});
