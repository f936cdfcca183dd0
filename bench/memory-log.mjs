/**
 * Where a long-running process's memory is, every 10 s: load it into the process with
 * `node --import ./bench/memory-log.mjs dist/cli.js` and MEMLOG=FILE in the environment. Each line of FILE is JSON:
 * `t` (s since start), `rss`, `heapTotal`, `heapUsed`, `external`, `arrayBuffers` (process.memoryUsage(), MB) and
 * `spaces` (each V8 heap space's size, MB). With `--expose-gc` on the command line and MEMLOG_GC=1, a full collection
 * runs before each sample, so `heapUsed` is what is alive. Used to tell apart what a run's resident memory grows by
 * (docs/performance.md, "Memory at 10 000 in the first half hour"). The timer is unref'd: it never holds the process.
 */
import {appendFileSync} from 'node:fs';
import v8 from 'node:v8';

const file = process.env.MEMLOG;
const collect = process.env.MEMLOG_GC === '1' && typeof globalThis.gc === 'function';
const started = Date.now();
const mb = bytes => Math.round(bytes / 1e5) / 10;

if (file) {
	setInterval(() => {
		if (collect) globalThis.gc();
		const memory = process.memoryUsage();
		const spaces = Object.fromEntries(
			v8.getHeapSpaceStatistics().map(space => [space.space_name, mb(space.space_size)]),
		);
		const line = {
			t: Math.round((Date.now() - started) / 1000),
			rss: mb(memory.rss),
			heapTotal: mb(memory.heapTotal),
			heapUsed: mb(memory.heapUsed),
			external: mb(memory.external),
			arrayBuffers: mb(memory.arrayBuffers),
			spaces,
		};
		appendFileSync(file, `${JSON.stringify(line)}\n`);
	}, 10_000).unref();
}
