/**
 * `letta-fleet exporter`: the fleet as Prometheus metrics. Another output of the same poller
 * and diff as the live view and --events: the source's client, retries, request budget and
 * login watch, createPoller, fleetReducer, and rows judged by fleet/rows.ts (at the last good
 * poll while polls fail, so an outage of ours keeps the last good values with their timestamps
 * and says `letta_fleet_api_up 0`). It prints its URL on stdout and one line per failure on
 * stderr (never the key), and serves until stopped; an error that waiting cannot fix (a rejected
 * key) keeps it serving with `letta_fleet_api_up 0`, since a scraper sees that and an exit does not,
 * and turns /healthz to 503, so a probe can restart it once the cause is fixed.
 *
 * A scrape serves the exposition of the last finished poll: the fleet judged at the moment that
 * poll ended, and every count (requests, retries, events, the poll's duration) as of that moment.
 * The requests of a poll in flight appear when it ends, with the listeners they fetched, so a
 * scrape never shows counts that disagree with the fleet beside them.
 */
import {signalExitStatus} from '../process/exit-status.js';
import {createExposition} from '../exporter/exposition.js';
import {apiUp, familySamples} from '../exporter/families.js';
import {startExporterServer} from '../exporter/http.js';
import {showListenAddress} from '../config/listen-address.js';
import type {Telemetry} from '../exporter/telemetry.js';
import {fleetReducer, initialFleetState} from '../fleet/reducer.js';
import type {Options} from '../config/flags.js';
import {createPoller} from '../poller/poller.js';
import type {FleetSource} from '../source.js';
import type {Io} from './io.js';
import {openRecording} from './recording.js';

/** `telemetry` must be the one whose wrapClient the source was opened with. Returns the exit status. */
export async function runExporter(
	options: Options,
	source: FleetSource,
	telemetry: Telemetry,
	io: Io,
): Promise<number> {
	let state = initialFleetState({staleAfterMs: options.staleAfterMs, lingerMs: options.lingerMs});
	let startedAt = Date.now();
	/** When the last poll ended (epoch ms); null before the first, when a scrape judges at its own time. */
	let polledAt: number | null = null;
	const exposition = createExposition(() =>
		familySamples(state, telemetry, polledAt ?? Date.now(), {perEnvironment: !options.noPerEnvironment}),
	);
	const settled = () => {
		polledAt = Date.now();
		exposition.refresh();
	};

	let server;
	try {
		server = await startExporterServer(options.listen.host, options.listen.port, exposition, () => ({
			apiUp: apiUp(state),
			lastSuccessAt: state.health.lastSuccessAt,
			halted: state.health.halted,
			errorKind: state.health.lastError?.kind ?? null,
		}));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
		io.stderr.write(
			`letta-fleet: cannot listen on ${showListenAddress(options.listen)}: ${code}${code === 'EADDRINUSE' ? ' (another process has it; pick one with --listen HOST:PORT)' : ''}\n`,
		);
		return 1;
	}

	// History is recorded after each poll's reduce; a notice (recording off, a file set aside) goes to stderr once.
	const recording = openRecording(options, io.env, source.client.baseUrl, 'exporter');
	if (recording.notice) io.stderr.write(`letta-fleet: ${recording.notice}\n`);
	const poller = createPoller({
		poll: signal => source.fetch(signal),
		intervalMs: options.intervalMs,
		onStart(at) {
			startedAt = at;
		},
		onSuccess(snapshot) {
			telemetry.recordPoll(snapshot.latencyMs);
			state = fleetReducer(state, {type: 'poll-succeeded', snapshot});
			telemetry.countEvents(state.lastEvents);
			settled();
			const notice = recording.recorder?.record(state);
			if (notice) io.stderr.write(`letta-fleet: ${notice}\n`);
		},
		onFailure(error, at, nextAttemptAt, halted) {
			telemetry.recordPoll(at - startedAt);
			state = fleetReducer(state, {
				type: 'poll-failed',
				error: {
					kind: error.kind,
					message: error.describe(),
					status: error.status,
					errorCode: error.errorCode,
					at,
				},
				nextAttemptAt,
				halted,
			});
			settled();
			const waitsForLogin = halted && error.kind === 'unauthorized' && source.credential.watched;
			const then = waitsForLogin
				? `; waiting for ${source.credential.source} to change`
				: halted
					? '; polling stopped (fix it and restart the exporter); serving letta_fleet_api_up 0 and /healthz 503'
					: nextAttemptAt === null
						? ''
						: `; retrying in ${Math.ceil((nextAttemptAt - at) / 1000)}s`;
			io.stderr.write(`letta-fleet: ${error.describe()}${then}\n`);
		},
	});
	// A fresh token from Letta Code is used at once, also by a poller halted on the old one.
	const unwatch = source.credential.watch(() => poller.pollNow());
	// Its URL line is for a person; a closed stdout (a finished `| head`) must not stop the serving.
	io.stdout.on('error', () => {});
	io.stdout.write(
		`letta-fleet exporter: ${source.label} → ${server.url}/metrics (and /healthz), polling every ${options.intervalMs / 1000}s\n`,
	);
	poller.start();
	const signal = await io.stopSignal;
	unwatch();
	poller.stop();
	const closing = recording.recorder?.close();
	if (closing) io.stderr.write(`letta-fleet: ${closing}\n`);
	await server.close();
	return signalExitStatus(signal);
}
