/**
 * `letta-fleet availability` on a history reader given in (the embedded recorder's is wired at merge):
 * the exact --json shape, the table worst first with its caveats, and the one line for each failure.
 */
import {createServer, type Socket} from 'node:net';
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {tempFolder} from '../helpers/temp-folder.js';
import {promised} from '../helpers/promised.js';
import {parseOptions} from '../../src/config/options.js';
import type {ListenerIntervals} from '../../src/history/types.js';
import {type HistoryReader, NO_HISTORY, runAvailability} from '../../src/modes/availability.js';
import type {Io} from '../../src/modes/io.js';
import {renderAvailabilityTable} from '../../src/output/availability.js';
import {availabilityReport} from '../../src/history/availability.js';
import {collect, runCli, startCli} from '../helpers/cli.js';
import {T0} from '../helpers/fixtures.js';

const HOUR = 3_600_000;
const NOW = T0 + 24 * HOUR;

function capture(columns?: number) {
	let out = '';
	let err = '';
	const io: Io = {
		stdout: new PassThrough().on('data', chunk => (out += String(chunk))),
		stderr: new PassThrough().on('data', chunk => (err += String(chunk))),
		stdin: new PassThrough(),
		env: {LANG: 'C.UTF-8'},
		columns,
		isTTY: false,
		stopSignal: new Promise(() => {}),
	};
	return {io, out: () => out, err: () => err};
}

const recorded: ListenerIntervals[] = [
	{
		listener: {id: 'env-laptop', deviceId: 'device-ana', listenerInstanceId: 'li-1', connectionName: 'ana-laptop'},
		intervals: [
			{status: 'online', from: T0, to: T0 + 10 * HOUR},
			{status: 'offline', from: T0 + 10 * HOUR, to: T0 + 12 * HOUR},
			{status: 'online', from: T0 + 12 * HOUR, to: NOW},
		],
		lastSeenAt: NOW - 5000,
	},
	{
		listener: {
			id: 'env-runner',
			deviceId: 'device-ci',
			listenerInstanceId: null,
			connectionName: 'build-runner-02',
		},
		intervals: [{status: 'online', from: T0, to: NOW}],
		lastSeenAt: NOW - 1000,
	},
	{
		listener: {id: 'env-gone', deviceId: null, listenerInstanceId: null, connectionName: 'old-box'},
		intervals: [],
		lastSeenAt: null,
	},
];

describe('letta-fleet availability', () => {
	it('prints the JSON report in exactly the shape the issue gives, times as ISO, caveats on stderr', async () => {
		let asked: unknown;
		const read: HistoryReader = query => {
			asked = query;
			return Promise.resolve(recorded);
		};
		const {io, out, err} = capture();
		const code = await runAvailability(parseOptions(['availability', '--json', '--org', 'org-1']), io, {
			now: () => NOW,
			readHistory: read,
		});
		expect(code, err()).toBe(0);
		expect(asked).toEqual({since: T0, until: NOW, org: 'org-1'});
		const report = JSON.parse(out()) as Record<string, unknown>;
		expect(Object.keys(report)).toEqual(['since', 'until', 'listeners']);
		expect(report['since']).toBe(new Date(T0).toISOString());
		expect(report['until']).toBe(new Date(NOW).toISOString());
		expect(report['listeners']).toEqual([
			{
				id: 'env-laptop',
				deviceId: 'device-ana',
				listenerInstanceId: 'li-1',
				connectionName: 'ana-laptop',
				availability: 22 / 24,
				staleShare: 0,
				observedSeconds: 86_400,
				disconnects: 1,
				longestOutageSeconds: 7200,
				lastSeenAt: new Date(NOW - 5000).toISOString(),
			},
			expect.objectContaining({id: 'env-runner', availability: 1, disconnects: 0}),
			expect.objectContaining({
				id: 'env-gone',
				availability: null,
				staleShare: null,
				observedSeconds: 0,
				lastSeenAt: null,
			}),
		]);
	});

	it('prints a table, worst first, with the window and what nobody observed', async () => {
		const {io, out} = capture(120);
		const code = await runAvailability(parseOptions(['availability', '--since', '12h']), io, {
			now: () => NOW,
			readHistory: () => Promise.resolve(recorded),
		});
		expect(code).toBe(0);
		const lines = out().split('\n');
		expect(lines[0]).toMatch(/^availability from .* \(12h\): 3 listeners, 2 observed$/);
		expect(lines[2]).toMatch(/^ {2}NAME +ID +AVAIL +STALE +OBSERVED +DISC +LONGEST +LAST SEEN$/);
		// The window is the last 12 hours: the laptop's outage ended at its start, so it is all online there.
		expect(lines.slice(3, 6).map(line => line.trim().split(/\s+/)[0])).toEqual([
			'ana-laptop',
			'build-runner-02',
			'old-box',
		]);
		expect(lines[5]).toMatch(/old-box +env-gone +- +- +0 +0 +0 +-/);
	});

	it('puts the worst listener first and says the caveats under the table', () => {
		const report = availabilityReport(recorded, {since: T0, until: NOW}, [
			'a disconnect shorter than 15s is missed',
		]);
		const table = renderAvailabilityTable(report, 100, ms => new Date(ms).toISOString().slice(0, 16));
		expect(table).toContain('ana-laptop');
		expect(table).toMatch(/ana-laptop +env-laptop +91\.6 % +0\.0 % +1d +1 +2h +\d{4}-/);
		expect(table.trimEnd().split('\n').at(-1)).toBe('note: a disconnect shorter than 15s is missed');
	});

	it('says there is no history yet, in one line, when nothing was recorded', async () => {
		const {io, out, err} = capture();
		const code = await runAvailability(parseOptions(['availability']), io, {now: () => NOW});
		expect(code).toBe(1);
		expect(out()).toBe('');
		expect(err()).toBe(`letta-fleet: ${NO_HISTORY}\n`);
	});

	it('reads --until alone as the 24 hours before it', async () => {
		let asked: unknown;
		const {io} = capture();
		const until = new Date(T0 + 12 * HOUR).toISOString();
		const code = await runAvailability(parseOptions(['availability', '--until', until, '--json']), io, {
			now: () => NOW,
			readHistory: query => {
				asked = query;
				return Promise.resolve(recorded);
			},
		});
		expect(code).toBe(0);
		expect(asked).toEqual({since: T0 - 12 * HOUR, until: T0 + 12 * HOUR, org: ''});
	});

	it('refuses a window that ends before it starts', async () => {
		const {io, err} = capture();
		const code = await runAvailability(parseOptions(['availability', '--since', '1h', '--until', '2h']), io, {
			now: () => NOW,
			readHistory: () => Promise.resolve(recorded),
		});
		expect(code).toBe(2);
		expect(err()).toMatch(/--since \(.*\) must be before --until/);
	});

	it('says why --org cannot narrow a Prometheus', async () => {
		const {io, err} = capture();
		const options = parseOptions(['availability', '--org', 'org-1', '--prometheus', 'http://127.0.0.1:9']);
		expect(await runAvailability(options, io, {now: () => NOW})).toBe(2);
		expect(err()).toMatch(/--org does not apply with --prometheus/);
	});

	it('says a history file that cannot be read in one line, not a stack', async () => {
		const {io, err} = capture();
		const code = await runAvailability(parseOptions(['availability']), io, {
			now: () => NOW,
			readHistory: () =>
				promised(() => {
					throw new Error('the history file /x/history.sqlite cannot be read: permission denied');
				}),
		});
		expect(code).toBe(1);
		expect(err()).toBe('letta-fleet: the history file /x/history.sqlite cannot be read: permission denied\n');
	});
});

describe('letta-fleet availability, the built binary', () => {
	it('says there is no history yet and exits 1 where nothing was ever recorded', async () => {
		const result = await runCli(['availability', '--since', '7d'], {
			XDG_STATE_HOME: tempFolder('letta-fleet-no-history-'),
		});
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(`letta-fleet: ${NO_HISTORY}\n`);
	});

	it('refuses a time it cannot read with one line and exit 2', async () => {
		const result = await runCli(['availability', '--until', 'tomorrow']);
		expect(result.code).toBe(2);
		expect(result.stderr.split('\n')[0]).toBe(
			'letta-fleet: --until takes 90m, 24h, 7d, a number of seconds, or an ISO date/time like 2026-11-28T09:30, got "tomorrow"',
		);
	});
});

it('stops at Ctrl-C while a Prometheus keeps it waiting, with 130, long before --timeout', async () => {
	// A server that takes the connection and never answers.
	const sockets: Socket[] = [];
	const silent = createServer(socket => sockets.push(socket));
	await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
	try {
		const {port} = silent.address() as {port: number};
		const child = startCli(['availability', '--prometheus', `http://127.0.0.1:${port}`, '--timeout', '60']);
		const result = collect(child, 20_000);
		await new Promise<void>(resolve => silent.once('connection', () => resolve()));
		const startedAt = Date.now();
		child.kill('SIGINT');
		const {code, stderr} = await result;
		expect(code, stderr).toBe(130);
		expect(stderr).toBe('');
		expect(Date.now() - startedAt).toBeLessThan(10_000);
	} finally {
		for (const socket of sockets) socket.destroy();
		await new Promise(resolve => silent.close(resolve));
	}
});
