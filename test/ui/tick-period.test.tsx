import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {createClient} from '../../src/api/client.js';
import {type DemoServer, startDemoServer} from '../../src/demo/server.js';
import {fetchFleet} from '../../src/fleet/fetch-fleet.js';
import {POLLING_RETRY_POLICY} from '../../src/fleet/retry.js';
import type {Clock} from '../../src/poller/poller.js';
import {tickPeriod, useFleet, type UseFleetOptions} from '../../src/ui/hooks/use-fleet.js';
import {fakeClock} from '../helpers/fake-clock.js';
import {waitFor} from '../helpers/wait.js';

describe('the live view clock', () => {
	it('keeps time with the polls: one frame per poll at 1–2 s, never slower than every 2 s', () => {
		expect(tickPeriod(1000)).toBe(1000);
		expect(tickPeriod(2000)).toBe(2000);
		// A 10 s poll still sees ages, countdowns and fading marks move every 2 s.
		expect(tickPeriod(10_000)).toBe(2000);
		expect(tickPeriod(200)).toBe(1000);
	});
});

/** Renders useFleet alone and counts its renders: each is a frame of the live view (Ink draws a frame per commit). */
function FleetProbe(props: {
	fetch: UseFleetOptions['fetch'];
	intervalMs: number;
	clock: Clock;
	seen: {renders: number; snapshot: unknown};
}) {
	const {state, now} = useFleet({fetch: props.fetch, intervalMs: props.intervalMs, settings: {}, clock: props.clock});
	props.seen.renders++;
	props.seen.snapshot = state.snapshot;
	return <Text>{`${now} ${state.snapshot?.connections.length ?? '-'}`}</Text>;
}

/** Lets the work a timer or a response set off (React's scheduled renders included) run to the end. */
async function settle() {
	for (let index = 0; index < 5; index++) await new Promise(resolve => setImmediate(resolve));
}

describe('frames on a steady fleet', () => {
	let server: DemoServer | undefined;
	let unmount: (() => void) | undefined;
	afterEach(async () => {
		unmount?.();
		await server?.close();
	});

	/**
	 * Timers run on a fake clock; each poll is real HTTP to the demo server. After
	 * each result the next poll and the next tick fall due at the same moment (the
	 * tick was set first): the frame drawn is the poll's result, and the tick draws
	 * none of its own.
	 */
	for (const intervalMs of [2000, 1000]) {
		it(`draws one frame per poll at a ${intervalMs / 1000} s poll`, async () => {
			server = await startDemoServer({seed: 5, size: 30, churnPerMinute: 0});
			const client = createClient({baseUrl: server.url, apiKey: server.apiKey, keySource: 'demo'});
			const fetch: UseFleetOptions['fetch'] = signal => fetchFleet(client, {signal, retry: POLLING_RETRY_POLICY});
			const {clock, advance} = fakeClock(Date.now());
			const seen = {renders: 0, snapshot: null as unknown};
			({unmount} = render(<FleetProbe fetch={fetch} intervalMs={intervalMs} clock={clock} seen={seen} />));

			/** Moves the clock to the next poll and waits until its result is drawn and all it set off has run. */
			const nextPoll = async () => {
				const last = seen.snapshot;
				await advance(intervalMs);
				await waitFor(() => seen.snapshot !== last, 'the poll drawn');
				await settle();
			};

			await advance(0);
			await waitFor(() => seen.snapshot !== null, 'the first poll');
			await settle();
			await nextPoll();
			const before = seen.renders;
			const polls = 5;
			for (let poll = 0; poll < polls; poll++) await nextPoll();
			expect(seen.renders - before).toBe(polls);
		});
	}

	it('sets no negative timeout after the process was stopped past a due poll (Node prints a warning over the screen)', async () => {
		server = await startDemoServer({seed: 5, size: 30, churnPerMinute: 0});
		const client = createClient({baseUrl: server.url, apiKey: server.apiKey, keySource: 'demo'});
		const fetch: UseFleetOptions['fetch'] = signal => fetchFleet(client, {signal, retry: POLLING_RETRY_POLICY});
		const {clock, advance, jump} = fakeClock(Date.now());
		const delays: number[] = [];
		const recording: Clock = {
			...clock,
			setTimeout: (callback, ms) => (delays.push(ms), clock.setTimeout(callback, ms)),
		};
		const seen = {renders: 0, snapshot: null as unknown};
		({unmount} = render(<FleetProbe fetch={fetch} intervalMs={2000} clock={recording} seen={seen} />));
		await advance(0);
		await waitFor(() => seen.snapshot !== null, 'the first poll');
		await settle();
		// Stopped for 30 s (Ctrl-Z, then fg): the tick and the poll are both long overdue.
		jump(30_000);
		const last = seen.snapshot;
		await advance(0);
		await waitFor(() => seen.snapshot !== last, 'the poll after the stop');
		await settle();
		expect(delays.filter(ms => ms < 0)).toEqual([]);
	});

	it('still draws every 2 s between polls 10 s apart, and once when the poll comes', async () => {
		server = await startDemoServer({seed: 5, size: 30, churnPerMinute: 0});
		const client = createClient({baseUrl: server.url, apiKey: server.apiKey, keySource: 'demo'});
		const fetch: UseFleetOptions['fetch'] = signal => fetchFleet(client, {signal, retry: POLLING_RETRY_POLICY});
		const {clock, advance} = fakeClock(Date.now());
		const seen = {renders: 0, snapshot: null as unknown};
		({unmount} = render(<FleetProbe fetch={fetch} intervalMs={10_000} clock={clock} seen={seen} />));
		await advance(0);
		await waitFor(() => seen.snapshot !== null, 'the first poll');
		await settle();
		const before = seen.renders;
		for (let tick = 0; tick < 4; tick++) {
			await advance(2000);
			await settle();
		}

		// Four ticks, no poll yet: four frames, ages moving.
		expect(seen.renders - before).toBe(4);
		const last = seen.snapshot;
		await advance(2000);
		await waitFor(() => seen.snapshot !== last, 'the poll drawn');
		await settle();
		expect(seen.renders - before).toBe(5);
	});
});
