/**
 * The first five minutes with the built binary: refused flags, -h, an empty organization, a view started as asked, an
 * unbuilt clone.
 */
import {spawn} from 'node:child_process';
import {copyFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {tempFolder} from './helpers/temp-folder.js';
import {startDemoServer, type DemoServer} from '../src/demo/server.js';
import {BIN, collect, runCli} from './helpers/cli.js';

let server: DemoServer;
let empty: DemoServer;
let env: Record<string, string>;

beforeAll(async () => {
	[server, empty] = await Promise.all([
		startDemoServer({seed: 7, size: 40, churnPerMinute: 0}),
		startDemoServer({size: 0, churnPerMinute: 0}),
	]);
	env = {LETTA_BASE_URL: server.url, LETTA_API_KEY: server.apiKey};
});

afterAll(async () => {
	await Promise.all([server.close(), empty.close()]);
});

/** The table's body: one line a listener, as `[status, name, ...]`. */
const tableRows = (stdout: string) =>
	stdout
		.split('\n')
		.slice(1)
		.filter(line => /^ {2}(online|stale|offline|gone)/.test(line))
		.map(line => line.trim().split(/\s+/));

describe('refused before anything starts, exit 2 and one line', () => {
	it('contradictory flags, a negative number, an export directory that is not one', async () => {
		const cases: Array<[string[], RegExp]> = [
			[
				['--once', '--events'],
				/^letta-fleet: --once prints the fleet once and --events streams its changes: pick one$/,
			],
			[['--json', '--events'], /^letta-fleet: --events already prints JSON/],
			[['serve-demo', '--once'], /^letta-fleet: serve-demo only runs the demo server; --once does not apply/],
			[['--interval', '-5'], /^letta-fleet: --interval must be positive, got "-5"$/],
			[['--demo', '--fault', 'nope'], /^letta-fleet: Invalid fault "nope": unknown fault "nope"/],
			[
				['--export-dir', '/nonexistent/exports'],
				/^letta-fleet: --export-dir: "\/nonexistent\/exports" does not exist$/,
			],
			[['--export-dir', BIN], /is not a directory$/],
		];
		for (const [args, message] of cases) {
			const result = await runCli(args, env);
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stderr.split('\n')[0], args.join(' ')).toMatch(message);
			expect(result.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
			expect(result.stdout, args.join(' ')).toBe('');
		}
	});
});

describe('letta-fleet -h', () => {
	it('is --help', async () => {
		const [short, long] = await Promise.all([runCli(['-h']), runCli(['--help'])]);
		expect(short.code).toBe(0);
		expect(short.stdout).toBe(long.stdout);
		expect(short.stdout).toContain('-h, --help');
	});
});

describe('an empty organization', () => {
	it('--once says so, not "no device matches"; --json gives an empty list', async () => {
		const emptyEnv = {LETTA_BASE_URL: empty.url, LETTA_API_KEY: empty.apiKey};
		const once = await runCli(['--once'], emptyEnv);
		expect(once.code).toBe(0);
		expect(once.stdout).toBe('no environments in this organization yet\n');
		const narrowed = await runCli(['--once', '--online-only'], emptyEnv);
		expect(narrowed.stdout).toBe('no environments match --online-only\n');
		const json = await runCli(['--once', '--json'], emptyEnv);
		expect(JSON.parse(json.stdout)).toEqual({connections: []});
	});
});

describe('--sort, --scope and --filter', () => {
	it('shape --once as they start the live view: darwin problems, longest unseen first, on a 240-column pipe', async () => {
		const result = await runCli(
			['--once', '--scope', 'problems', '--filter', 'darwin', '--sort', 'last-seen'],
			env,
		);
		expect(result.code).toBe(0);
		const rows = tableRows(result.stdout);
		// The seed's darwin listeners with a problem: the offline ones, oldest lastSeenAt first, then the stale ones
		// (hung: a session, so no LAST SEEN, which sorts last).
		const darwin = server.simulation.list().filter(record => (record.metadata as {os?: string}).os === 'darwin');
		const offline = darwin.filter(record => record.connectionId === null);
		const stale = darwin.filter(
			record => record.connectionId !== null && server.simulation.state(record.id) === 'hung',
		);
		expect(offline.length).toBeGreaterThan(1);
		expect(rows.map(row => row[1])).toEqual([
			...offline.sort((a, b) => a.lastSeenAt - b.lastSeenAt).map(record => record.connectionName),
			...stale.map(record => record.connectionName).sort(),
		]);
		expect(result.stdout).toMatch(
			new RegExp(
				`^${rows.length} of ${server.simulation.list().length} shown: scope problems, filter darwin$`,
				'm',
			),
		);
	});

	it('take a regular expression, and say when nothing matches', async () => {
		const result = await runCli(['--once', '--filter', '^build-runner-0\\d$'], env);
		const names = tableRows(result.stdout).map(row => row[1]);
		expect(names.length).toBeGreaterThan(0);
		for (const name of names) expect(name).toMatch(/^build-runner-0\d$/);
		const none = await runCli(['--once', '--filter', 'no-such-listener-anywhere'], env);
		expect(none.stdout).toBe('no listener matches\n');
	});
});

describe('a clone that was never built', () => {
	it('says how to build in one line, not a stack trace', async () => {
		const root = tempFolder('letta-fleet-unbuilt-');
		mkdirSync(path.join(root, 'bin'));
		copyFileSync(BIN, path.join(root, 'bin', 'letta-fleet.js'));
		const result = await collect(
			spawn(process.execPath, [path.join(root, 'bin', 'letta-fleet.js'), '--once'], {cwd: root}),
		);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`letta-fleet is not built yet: run \`npm run build\` in ${root}${path.sep} (npm ci builds it too).\n`,
		);
		expect(result.stdout).toBe('');
	});
});
