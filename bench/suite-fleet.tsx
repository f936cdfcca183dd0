/**
 * In this process: one poll (fetch, parse, diff, reduce) over loopback, one frame (rows, sort, render), and a tick's
 * frame in the running App.
 */
import {performance} from 'node:perf_hooks';
import {renderToString} from 'ink';
import {createClient} from '../src/api/client.js';
import {createFleetFetcher, fetchFleet} from '../src/fleet/fetch-fleet.js';
import {fleetReducer, type FleetState, initialFleetState} from '../src/fleet/reducer.js';
import {rowsServerNow, selectRows} from '../src/fleet/rows.js';
import {App} from '../src/ui/app.js';
import {FleetScreen} from '../src/ui/fleet-screen.js';
import {COLUMNS} from '../src/view/columns.js';
import {layoutColumns} from '../src/view/layout.js';
import {DEFAULT_SORT, sortMoved, sortRows} from '../src/view/query.js';
import {UNICODE_SYMBOLS} from '../src/view/symbols.js';
import type {GroupBy} from '../src/view/grouping.js';
import {initialViewState} from '../src/view/view-state.js';
import {createSimulation} from '../src/demo/simulation.js';
import {FakeStdout} from './fake-terminal.js';
import {mountLive} from './live-mount.js';
import {churned, SIZES, snapshotFromRaw, stateFor} from './fleets.js';
import {manualClock} from './manual-clock.js';
import {median, round, sleep, timeRuns} from './measure.js';
import {withDemo} from './processes.js';
import {label, record} from './results.js';

export async function pollBenchmarks() {
	process.stderr.write('one poll: fetch + parse over loopback, then diff + reduce\n');
	for (const size of SIZES) {
		await withDemo(size, 0, async demo => {
			const client = createClient({baseUrl: demo.url, apiKey: demo.apiKey});
			await fetchFleet(client, {query: {pageSize: 100}});
			const fetchMs = await timeRuns(size >= 50_000 ? 3 : 5, () => fetchFleet(client, {query: {pageSize: 100}}));
			record(
				'poll: fetch all pages + parse, first pass',
				label(size),
				`${round(fetchMs)} ms (${Math.ceil(size / 100)} pages)`,
			);
			// A poller's later passes: a record unchanged since the last pass keeps its Connection.
			const fetcher = createFleetFetcher(client, {query: {pageSize: 100}});
			await fetcher();
			const nextMs = await timeRuns(size >= 50_000 ? 3 : 5, () => fetcher());
			record('poll: fetch all pages + parse, next passes', label(size), `${round(nextMs)} ms`);
			const first = await fetchFleet(client, {query: {pageSize: 100}});
			const raw = first.connections.map(connection => connection.raw as Record<string, unknown>);
			const next = snapshotFromRaw(churned(raw), first.fetchedAt + 2000);
			const base = fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot: first});
			// The fetches' garbage collected first (npm run bench exposes gc): otherwise a full collection of it could
			// land in the reducer's few timed runs or not, 4-11 ms at 10 000 from one run to the next.
			globalThis.gc?.();
			const reduceMs = await timeRuns(9, () => fleetReducer(base, {type: 'poll-succeeded', snapshot: next}));
			const target = size === 10_000 ? 10 : size === 50_000 ? 60 : undefined;
			record(
				'poll: diff + reduce (1% changed)',
				label(size),
				`${round(reduceMs)} ms`,
				target ? `< ${target} ms` : '',
				target ? reduceMs < target : null,
			);
		});
	}
}

function screenProps(state: FleetState, now: number, columns: number, rows: number) {
	const layout = layoutColumns(COLUMNS, columns);
	const allRows = selectRows(state, now);
	const shownRows = sortRows(allRows, DEFAULT_SORT);
	return {
		state,
		view: initialViewState,
		now,
		columns,
		rows,
		layout,
		allRows,
		shownRows,
		serverNow: rowsServerNow(state, now),
		selectedIndex: 0,
		detail: null,
		paneMaxScroll: 0,
		label: 'bench',
		keySource: 'demo',
		intervalMs: 2000,
		symbols: UNICODE_SYMBOLS,
	};
}

export async function frameBenchmarks() {
	process.stderr.write('one frame\n');
	for (const size of SIZES) {
		const now = Date.now();
		const state = stateFor(size, now);
		const deriveMs = await timeRuns(7, () => sortRows(selectRows(state, now), DEFAULT_SORT));
		record('rows at now + sort (a new snapshot)', label(size), `${round(deriveMs)} ms`);
		const all = selectRows(state, now);
		const sorted = sortRows(all, DEFAULT_SORT);
		// A tick: the rows a second later, from the last ones; none changed, so the sort is not run again.
		const tickMs = await timeRuns(7, () => selectRows(state, now + 1000, all));
		record('rows a second later, from the last (a tick)', label(size), `${round(tickMs)} ms`);
		// The next snapshot: about 1% of the fleet changed; only the rows that moved are sorted.
		const raw = state.snapshot!.connections.map(connection => connection.raw as Record<string, unknown>);
		const next = fleetReducer(state, {type: 'poll-succeeded', snapshot: snapshotFromRaw(churned(raw), now + 2000)});
		const nextRows = selectRows(next, now + 2000);
		const movedMs = await timeRuns(7, () => sortMoved(nextRows, sorted, DEFAULT_SORT));
		const fullMs = await timeRuns(7, () => sortRows(nextRows, DEFAULT_SORT));
		record(
			'sort a new snapshot (1% changed): only what moved / all',
			label(size),
			`${round(movedMs)} / ${round(fullMs)} ms`,
		);
		for (const [columns, rows] of [
			[80, 24],
			[200, 60],
		] as const) {
			const props = screenProps(state, now, columns, rows);
			// Warm the JIT first: a frame in a running monitor is never its first.
			for (let warm = 0; warm < 30; warm++) renderToString(<FleetScreen {...props} />, {columns});
			const frameMs = await timeRuns(25, () => renderToString(<FleetScreen {...props} />, {columns}));
			record(
				`render one frame ${columns}x${rows}, all through Ink (renderToString)`,
				label(size),
				`${round(frameMs)} ms`,
			);
			const liveMs = await liveFrames(state, now, columns, rows);
			record(
				`render one frame ${columns}x${rows} as the live view draws it`,
				label(size),
				`${round(liveMs)} ms`,
				'< 16 ms',
				liveMs < 16,
			);
		}
	}

	await tickFrameBenchmarks();
}

/**
 * A frame as the live view draws it: FleetScreen mounted on a fake terminal through the terminal writer, with the
 * table's rows beside Ink (output/row-overlay.ts), given the next second's props (every age moved): timed from the
 * render to the write of its changed cells. The rows are derived beforehand, as renderToString's are.
 */
async function liveFrames(state: FleetState, now: number, columns: number, rows: number): Promise<number> {
	const stdout = new FakeStdout(columns, rows);
	const frames = [0, 1000].map(offset => screenProps(state, now + offset, columns, rows));
	const element = (index: number) => <FleetScreen {...frames[index % 2]!} />;
	const live = mountLive(element(0), stdout);
	await sleep(300);
	const times: number[] = [];
	for (let index = 1; index <= 40; index++) {
		const written = stdout.nextWrite();
		const before = performance.now();
		live.rerender(element(index));
		await written;
		times.push(performance.now() - before);
	}

	live.unmount();
	// The first frames warm the JIT: a frame in a running monitor is never its first.
	return median(times.slice(10));
}

/**
 * A tick in the running App, as a user's terminal sees it: the App on a fake terminal (bench/fake-terminal.ts) through
 * the terminal writer with the rows beside Ink (as ui/run.tsx draws), a still fleet, polled once a minute, so every
 * 2 s a tick only moves time (ages, statuses). Timed from the tick's timer to the write of its frame: rows judged
 * again, the table's lines, the render, the diff.
 */
async function tickFrames(size: number, columns: number, rows: number, groupBy: GroupBy): Promise<number> {
	const start = Date.now();
	const simulation = createSimulation({seed: 3, size, now: () => start, churnPerMinute: 0});
	const snapshot = snapshotFromRaw(simulation.list(), start);
	const {clock, advance} = manualClock(start);
	const stdout = new FakeStdout(columns, rows);
	const live = mountLive(
		<App
			client={createClient({baseUrl: 'http://127.0.0.1:9', apiKey: undefined})}
			fetch={() => Promise.resolve(snapshot)}
			label="bench"
			keySource="demo"
			intervalMs={60_000}
			staleAfterMs={75_000}
			lingerMs={30_000}
			clock={clock}
			options={{
				sort: DEFAULT_SORT,
				scope: 'all',
				filter: '',
				groupBy,
				onlineOnly: false,
				source: undefined,
				userId: undefined,
			}}
			size={{columns, rows}}
		/>,
		stdout,
	);
	await sleep(size >= 10_000 ? 2500 : 800);
	const times: number[] = [];
	// 12 ticks of 2 s: the next poll (a minute after the first) never falls among them.
	for (let index = 0; index < 12; index++) {
		await sleep(150); // as ticks are, apart
		const written = stdout.nextWrite();
		const before = performance.now();
		advance(2000);
		await written;
		times.push(performance.now() - before);
	}

	live.unmount();
	return median(times.slice(2));
}

/** tickFrames at 50 000 listeners, 200x60, flat and grouped. */
export async function tickFrameBenchmarks() {
	process.stderr.write('a tick in the running App\n');
	for (const groupBy of ['none', 'machine', 'version'] as const) {
		const value = await tickFrames(50_000, 200, 60, groupBy);
		const grouped = groupBy === 'none' ? 'flat' : `grouped by ${groupBy}`;
		record(`a tick's frame in the App 200x60, ${grouped}`, label(50_000), `${round(value)} ms`);
	}
}
