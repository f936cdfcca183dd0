/**
 * Opens the recorder a long-running mode (the live view, the exporter) records with: the file
 * config/history-path.ts names, the source's base URL (the demo's as DEMO_SOURCE), and the
 * server-side filters the run used. Never throws: no file, or a file that cannot be used, is a
 * notice, and the mode monitors without recording.
 */
import {historyPath} from '../config/history-path.js';
import {narrowingFlags} from '../config/options.js';
import type {Options} from '../config/flags.js';
import {openHistoryFile} from '../history/open-file.js';
import {type Recorder, startRecorder} from '../history/recorder.js';
import {DEMO_SOURCE, sourceBaseUrl} from '../history/source-key.js';
import {type LiveHistory, openLiveHistory} from '../history/live-history.js';

/** One MiB, for --history-max-mb. */
const MIB = 1024 * 1024;

/**
 * The recorder, or none; `notice` says, in one line, what the user should know (off, or a file set
 * aside). `readBack` opens a second connection for reading the file back (the live view's), or
 * answers undefined when there is no file.
 */
export type Recording = {
	recorder: Recorder | undefined;
	notice: string | undefined;
	readBack: () => LiveHistory | undefined;
};

const NOTHING_TO_READ = (): undefined => undefined;

/**
 * The recording for a mode watching `baseUrl`. `mode` names it in the file's runs ("live view",
 * "exporter"); a notice-free none when the user turned history off or runs the demo without a file.
 */
export function openRecording(
	options: Options,
	env: NodeJS.ProcessEnv,
	baseUrl: string,
	mode: string,
	now: () => number = Date.now,
): Recording {
	const where = historyPath(options, env);
	if (where.file === undefined) {
		const quiet = options.noHistory || options.demo;
		return {
			recorder: undefined,
			notice: quiet ? undefined : `history off: ${where.why}`,
			readBack: NOTHING_TO_READ,
		};
	}

	const opened = openHistoryFile(where.file, now());
	if (opened.db === undefined) return {recorder: undefined, notice: opened.off, readBack: NOTHING_TO_READ};
	const source = options.demo ? DEMO_SOURCE : sourceBaseUrl(baseUrl);
	const file = where.file;
	const started = startRecorder(opened.db, {
		baseUrl: source,
		mode,
		filters: narrowingFlags(options),
		intervalMs: options.intervalMs,
		historyDays: options.historyDays,
		maxBytes: options.historyMaxMb * MIB,
		now,
	});
	return started.recorder
		? {recorder: started.recorder, notice: opened.notice, readBack: () => openLiveHistory(file, source)}
		: {recorder: undefined, notice: started.off, readBack: NOTHING_TO_READ};
}
