/**
 * --events: no UI, one JSON line per change, written the moment it is seen.
 * The first snapshot is the baseline and prints nothing. Failures go to
 * stderr, one line each; an error that waiting cannot fix ends the stream,
 * except an expired or rejected Letta Code login: the stream waits for Letta
 * Code to write a fresh token to its settings file, then polls at once.
 */
import {signalExitStatus} from '../process/exit-status.js';
import {fleetReducer, initialFleetState} from '../fleet/reducer.js';
import type {Options} from '../config/flags.js';
import {eventToJson} from '../output/events.js';
import {createPoller} from '../poller/poller.js';
import type {FleetSource} from '../source.js';
import type {Io} from './io.js';

export async function runEvents(options: Options, source: FleetSource, io: Io): Promise<number> {
	let state = initialFleetState({staleAfterMs: options.staleAfterMs, lingerMs: options.lingerMs});
	return new Promise<number>(resolve => {
		const poller = createPoller({
			poll: signal => source.fetch(signal),
			intervalMs: options.intervalMs,
			onSuccess(snapshot) {
				state = fleetReducer(state, {type: 'poll-succeeded', snapshot});
				if (state.lastEvents.length > 0) {
					io.stdout.write(state.lastEvents.map(event => eventToJson(event) + '\n').join(''));
				}
			},
			onFailure(error, _at, nextAttemptAt, halted) {
				const waitsForLogin = halted && error.kind === 'unauthorized' && source.credential.watched;
				const next =
					nextAttemptAt === null ? '' : `; retrying in ${Math.ceil((nextAttemptAt - Date.now()) / 1000)}s`;
				const then = waitsForLogin ? `; waiting for ${source.credential.source} to change` : halted ? '' : next;
				io.stderr.write(`letta-fleet: ${error.describe()}${then}\n`);
				if (halted && !waitsForLogin) {
					finish(1);
				}
			},
		});
		// A fresh token from Letta Code is used at once, also by a poller halted on the old one.
		const unwatch = source.credential.watch(() => poller.pollNow());

		function finish(code: number) {
			unwatch();
			poller.stop();
			resolve(code);
		}

		// A closed pipe (`| head -1`) is a normal way for a reader to be done.
		io.stdout.on('error', () => finish(0));
		void io.stopSignal.then(signal => finish(signalExitStatus(signal)));
		poller.start();
	});
}
