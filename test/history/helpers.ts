/** Fleet states fed to a recorder, and temp folders for history files, for test/history. */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';
import {fleetReducer, type FleetState, initialFleetState} from '../../src/fleet/reducer.js';
import {openHistoryFile} from '../../src/history/open-file.js';
import {type Recorder, type RecorderSettings, startRecorder} from '../../src/history/recorder.js';
import {snapshotOf} from '../helpers/fixtures.js';

/** A fresh temp folder, removed after the test. */
export function tempFolder(): string {
	const folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-recorder-'));
	folders.push(folder);
	return folder;
}

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

/** Reduces one listing after another, as the live view does, keeping the states. */
export function fleetStates() {
	let state: FleetState = initialFleetState({staleAfterMs: 75_000});
	return (raws: Array<Record<string, unknown>>, at: number): FleetState => {
		state = fleetReducer(state, {type: 'poll-succeeded', snapshot: snapshotOf(raws, at)});
		return state;
	};
}

/** A recorder on `file`, its clock read from `clock`; throws when the file cannot be used. */
export function recorderOn(file: string, clock: {now: number}, settings: Partial<RecorderSettings> = {}): Recorder {
	const opened = openHistoryFile(file, clock.now);
	if (!opened.db) throw new Error(opened.off);
	const started = startRecorder(opened.db, {
		baseUrl: 'https://api.example',
		mode: 'test',
		filters: [],
		intervalMs: 2000,
		historyDays: 30,
		maxBytes: 256 * 1024 * 1024,
		now: () => clock.now,
		...settings,
	});
	if (!started.recorder) throw new Error(started.off);
	return started.recorder;
}
