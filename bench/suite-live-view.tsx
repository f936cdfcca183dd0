/** The live view in this process against a fake terminal: keypress to frame, and the bytes a steady view writes. */
import {performance} from 'node:perf_hooks';
import {createClient} from '../src/api/client.js';
import {createFleetFetcher} from '../src/fleet/fetch-fleet.js';
import {createSimulation} from '../src/demo/simulation.js';
import type {Clock} from '../src/poller/poller.js';
import {App} from '../src/ui/app.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';
import {mountLive} from './live-mount.js';
import {snapshotFromRaw} from './fleets.js';
import {median, round, sleep} from './measure.js';
import {withDemo} from './processes.js';
import {label, record} from './results.js';

/** A clock on which the first poll happens at once and nothing after: keypress timings see only keypresses. */
const stillClock: Clock = {
	now: () => Date.now(),
	setTimeout(callback, ms) {
		return ms === 0 ? setImmediate(callback) : undefined;
	},
	clearTimeout(handle) {
		if (handle) clearImmediate(handle as NodeJS.Immediate);
	},
};

export async function keypressBenchmarks() {
	process.stderr.write('keypress to updated frame\n');
	for (const size of [1000, 10_000, 50_000]) {
		const now = Date.now();
		const simulation = createSimulation({seed: 3, size, now: () => now, churnPerMinute: 0});
		const snapshot = snapshotFromRaw(simulation.list(), now);
		const stdout = new FakeStdout(80, 24);
		const stdin = new FakeStdin();
		const client = createClient({baseUrl: 'http://127.0.0.1:9', apiKey: undefined});
		const live = mountLive(
			<App
				client={client}
				fetch={() => Promise.resolve(snapshot)}
				label="bench"
				keySource="demo"
				intervalMs={2000}
				staleAfterMs={75_000}
				lingerMs={30_000}
				clock={stillClock}
			/>,
			stdout,
			stdin,
		);
		await sleep(size >= 10_000 ? 1500 : 500);
		const press = async (key: string) => {
			await sleep(120); // past the frame throttle, as a person's keys are
			const written = stdout.nextWrite();
			const start = performance.now();
			stdin.write(key);
			await written;
			return performance.now() - start;
		};

		const timings: Record<string, number[]> = {j: [], PgDn: [], '/ typing': []};
		for (let index = 0; index < 15; index++) timings['j']!.push(await press('j'));
		for (let index = 0; index < 5; index++) timings['PgDn']!.push(await press('\u001B[6~'));
		await press('/');
		for (const character of 'build-run') timings['/ typing']!.push(await press(character));
		live.unmount();
		for (const [key, values] of Object.entries(timings)) {
			const value = median(values);
			record(
				`keypress to frame: ${key}`,
				label(size),
				`${round(value)} ms`,
				size === 10_000 ? '< 50 ms' : '',
				size === 10_000 ? value < 50 : null,
			);
		}
	}
}

/**
 * Bytes written by a steady view, in this process against a fake terminal that
 * counts them: 300 devices whose only change is heartbeat ages, a 1 s poll.
 * Colour is on (the npm script sets FORCE_COLOR), as in a user's terminal:
 * styled text costs bytes and work. Beside it, the floor: the bytes of just
 * the characters that changed (what no writer can go under), counted by the
 * terminal writer (src/output/terminal-writer.ts) over the same frames.
 */
export async function steadyViewBenchmarks() {
	process.stderr.write('a steady view: bytes written\n');
	await withDemo(300, 0, async demo => {
		const client = createClient({baseUrl: demo.url, apiKey: demo.apiKey});
		const seconds = 8;
		for (const [columns, rows, target] of [
			[80, 24, 300],
			[200, 60, 900],
		] as const) {
			const stdout = new FakeStdout(columns, rows);
			const stdin = new FakeStdin();
			const live = mountLive(
				<App
					client={client}
					fetch={createFleetFetcher(client, {query: {pageSize: 100}})}
					label="bench"
					keySource="demo"
					intervalMs={1000}
					staleAfterMs={75_000}
					lingerMs={30_000}
				/>,
				stdout,
				stdin,
			);
			const {writer} = live;
			await sleep(3000);
			const bytesBefore = stdout.bytes;
			const writesBefore = stdout.writes;
			const floorBefore = writer.stats.changedBytes;
			const start = performance.now();
			await sleep(seconds * 1000);
			const elapsed = (performance.now() - start) / 1000;
			// Both counters read before unmount: the screen it blanks is counted by the writer at once but written a
			// tick later, which read the floor above the bytes sent.
			const bytesPerSecond = (stdout.bytes - bytesBefore) / elapsed;
			const floorPerSecond = (writer.stats.changedBytes - floorBefore) / elapsed;
			const writesPerSecond = (stdout.writes - writesBefore) / elapsed;
			live.unmount();
			record(
				`bytes/s, steady view ${columns}x${rows}, 1 s poll, colour`,
				'300',
				`${Math.round(bytesPerSecond)} B/s (${round(writesPerSecond)} writes/s; floor ${Math.round(floorPerSecond)} B/s of changed characters, ${floorPerSecond > 0 ? round(bytesPerSecond / floorPerSecond) : '-'}× the floor)`,
				`<= ${target} B/s`,
				bytesPerSecond <= target,
			);
		}
	});
}
