#!/usr/bin/env node
// Reads a V8 CPU profile (node --cpu-prof) and prints where the time went: self time by function,
// by file, and inclusive time by function, skipping the first SKIP seconds (start-up) when set.
//
//   SKIP=12 node bench/profile-summary.mjs CPU.….cpuprofile [functions=30] [inclusive=50]
import {readFileSync} from 'node:fs';

const [file, selfCount = '30', inclusiveCount = '50'] = process.argv.slice(2);
if (!file) {
	process.stderr.write(
		'usage: SKIP=seconds node bench/profile-summary.mjs FILE.cpuprofile [functions] [inclusive]\n',
	);
	process.exit(2);
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map(node => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const name = node =>
	`${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/.*\//, '')}:${node.callFrame.lineNumber}`;
const skipUs = Number(process.env.SKIP ?? 0) * 1e6;
const self = new Map();
const files = new Map();
const inclusive = new Map();
let clock = 0;
let busy = 0;
const add = (map, key, value) => map.set(key, (map.get(key) ?? 0) + value);
for (let index = 0; index < profile.samples.length; index++) {
	const delta = profile.timeDeltas[index] ?? 0;
	clock += delta;
	if (clock < skipUs) continue;
	const node = nodes.get(profile.samples[index]);
	if (node.callFrame.functionName === '(idle)') continue;
	busy += delta;
	add(self, name(node), delta);
	add(files, node.callFrame.url.replace(/.*\//, '') || node.callFrame.functionName, delta);
	// A function on the stack twice (recursion) counts once.
	const seen = new Set();
	for (let id = node.id; id !== undefined; id = parents.get(id)) {
		const key = name(nodes.get(id));
		if (!seen.has(key)) {
			seen.add(key);
			add(inclusive, key, delta);
		}
	}
}

const top = (map, count) =>
	[...map]
		.sort((a, b) => b[1] - a[1])
		.slice(0, Number(count))
		.map(([key, value]) => `${(value / 1000).toFixed(1).padStart(9)} ms  ${key}`)
		.join('\n');
process.stdout.write(`busy: ${(busy / 1000).toFixed(0)} ms\n`);
process.stdout.write(`--- self, by function\n${top(self, selfCount)}\n`);
process.stdout.write(`--- self, by file\n${top(files, 15)}\n`);
process.stdout.write(`--- inclusive, by function\n${top(inclusive, inclusiveCount)}\n`);
