/**
 * The recorder's CPU in the live view, side by side: two live views (the built binary, each in a
 * pseudo-terminal at 80x24, 2 s polls) watch one demo server of 10 000 listeners at once, one
 * recording to a fresh history file and one with --no-history; their user + system time is read
 * from /proc over the same window, after both have taken their first pass. Usage:
 * `npm run build && npx tsc -p tsconfig.bench.json && node build/bench/bench/history-cpu.js [SECONDS] [CHURN]`
 */
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {round, sleep} from './measure.js';
import {cpuTicks, liveViewCommand, startInPty, withDemo} from './processes.js';

const SIZE = 10_000;
const seconds = Number(process.argv[2] ?? 60);
const churnPerMinute = Number(process.argv[3] ?? 20);
const folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-bench-history-cpu-'));
const file = path.join(folder, 'history.sqlite');

await withDemo(SIZE, churnPerMinute, async demo => {
	const [command, env] = liveViewCommand(demo.url);
	const recording = await startInPty(
		'recording',
		[`${command} --history-file ${file}`, {...env, XDG_STATE_HOME: folder}],
		80,
		24,
	);
	const plain = await startInPty('--no-history', [`${command} --no-history`, env], 80, 24);
	try {
		// The first pass of 10 000 listeners (100 pages at 10 requests a second) and the first write.
		await sleep(25_000);
		const before = [cpuTicks(recording.pid), cpuTicks(plain.pid)];
		await sleep(seconds * 1000);
		const after = [cpuTicks(recording.pid), cpuTicks(plain.pid)];
		const ticks = after.map((value, index) => value - before[index]!);
		// Linux reports /proc times in USER_HZ ticks, 100 a second.
		const percent = ticks.map(value => (value / 100 / seconds) * 100);
		process.stdout.write(
			[
				`| live view at ${SIZE} listeners, demo churn ${churnPerMinute}/min, ${seconds} s side by side | CPU (% of a core) |`,
				'| --- | --- |',
				`| recording history | ${round(percent[0]!)} % |`,
				`| --no-history | ${round(percent[1]!)} % |`,
				`| added by recording | ${round(percent[0]! - percent[1]!)} points (${round(((percent[0]! - percent[1]!) / percent[1]!) * 100)} % more); file ${round(statSync(file).size / 1024 / 1024)} MiB |`,
			].join('\n') + '\n',
		);
	} finally {
		await recording.stop();
		await plain.stop();
		rmSync(folder, {recursive: true, force: true});
	}
});
