/**
 * Starts the live view full-screen in the alternate screen buffer and gives
 * the terminal back on every way out: q, Ctrl-C, SIGTERM, SIGHUP.
 */
import {render} from 'ink';
import type {Io} from '../modes/io.js';
import type {Options} from '../options.js';
import type {FleetSource} from '../source.js';
import {App} from './app.js';

export async function runLive(options: Options, source: FleetSource, io: Io): Promise<number> {
	const instance = render(
		<App
			client={source.client}
			fetch={source.fetch}
			label={source.label}
			keySource={source.keySource}
			intervalMs={options.intervalMs}
			staleAfterMs={options.staleAfterMs}
			lingerMs={options.lingerMs}
			bell={options.bell ? () => io.stdout.write('\u0007') : undefined}
			exportDirectory={options.exportDirectory}
		/>,
		{
			stdout: io.stdout as NodeJS.WriteStream,
			stdin: io.stdin as NodeJS.ReadStream,
			stderr: io.stderr as NodeJS.WriteStream,
			// The caller has checked that stdout is a terminal; a CI variable in the environment
			// (Ink's own guess) must not turn the live view into a single frame at exit.
			interactive: true,
			alternateScreen: true,
			incrementalRendering: true,
			maxFps: 15,
			exitOnCtrlC: true,
			patchConsole: true,
		},
	);

	void io.stopSignal.then(() => instance.unmount());
	await instance.waitUntilExit();
	return 0;
}
