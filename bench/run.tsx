/**
 * `npm run bench`: how fast letta-fleet is at fleet scale and how frugal over
 * ssh, measured on this machine against the demo server over loopback. Prints
 * a table and writes it, with the machine and date, to docs/benchmarks.md.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {quick} from './measure.js';
import {ROOT} from './processes.js';
import {machine, table} from './results.js';
import {frameBenchmarks, pollBenchmarks} from './suite-fleet.js';
import {keypressBenchmarks, steadyViewBenchmarks} from './suite-live-view.js';
import {liveMemoryBenchmark, memoryBenchmark} from './suite-memory.js';
import {fieldBenchmarks} from './suite-field.js';
import {launchBenchmark, onceJsonBenchmark} from './suite-programs.js';

/** The line in docs/benchmarks.md after which its sections are kept when the table is rewritten. */
const KEPT_SECTIONS =
	'<!-- Below: figures measured by commands of their own, kept when npm run bench rewrites the table above. -->';

// `--only poll,memory` runs a subset (for profiling one figure); the document is written only for a full run.
const SUITES: Record<string, () => Promise<void>> = {
	poll: pollBenchmarks,
	frame: frameBenchmarks,
	keypress: keypressBenchmarks,
	// Launch and --once --json time whole processes: run before the long memory runs churn the machine.
	launch: launchBenchmark,
	json: onceJsonBenchmark,
	steady: steadyViewBenchmarks,
	field: fieldBenchmarks,
	// Both measure memory, not time, each in processes of its own: run side by side, they save a minute.
	memory: async () => {
		await Promise.all([memoryBenchmark(), liveMemoryBenchmark()]);
	},
};
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? Object.keys(SUITES) : (process.argv[onlyIndex + 1] ?? '').split(',');
const unknown = only.filter(name => !(name in SUITES));
if (unknown.length > 0) {
	process.stderr.write(`bench: unknown suite ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}\n`);
	process.exit(2);
}

const started = performance.now();
for (const name of only) {
	// A full collection between suites (npm run bench runs Node with --expose-gc): the in-process suites leave a heap
	// of 50 000-listener fleets, and V8's collecting it on its helper threads while the next suite times whole programs
	// took a core from them (launch to first rows read 2.3-2.48x the floor's after them, 2.13-2.33x alone).
	globalThis.gc?.();
	const suiteStarted = performance.now();
	await SUITES[name]!();
	process.stderr.write(`  (${name}: ${Math.round((performance.now() - suiteStarted) / 1000)} s)\n`);
}
const took = Math.round((performance.now() - started) / 1000);

const output = table();
process.stdout.write(`\n${output}\n\n${machine()}; ${took} s\n`);
if (!quick && onlyIndex === -1) {
	const document = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, on ${machine()}. The demo server runs in its own
process and is reached over loopback. Medians of repeated runs; the whole suite took ${took} s.

${output}

How each figure is taken is in the \`bench/suite-*\` files that \`bench/run.tsx\` runs; what the numbers mean, and what
was done to reach them, is in \`docs/performance.md\`.
`;
	// Sections below the marker are measured by commands of their own (bench/exporter-scrapes.ts,
	// bench/hostile-bodies.sh): the table is rewritten, they are kept.
	const file = path.join(ROOT, 'docs', 'benchmarks.md');
	const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
	const kept = previous.includes(KEPT_SECTIONS) ? previous.slice(previous.indexOf(KEPT_SECTIONS)) : '';
	writeFileSync(file, kept ? `${document}\n${kept}` : document);
}

process.exit(0);
