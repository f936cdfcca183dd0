import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {exportFolder, exportFolderPath} from '../../src/config/export-path.js';
import {rowsToCsv} from '../../src/output/export.js';
import {selectRows} from '../../src/fleet/rows.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

function home(): string {
	const folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-export-home-'));
	folders.push(folder);
	return folder;
}

describe('where exports go', () => {
	it('is the state folder by default, never the folder it was started in, made on first use, private', () => {
		const dir = home();
		const folder = exportFolder(undefined, {HOME: dir});
		expect(folder).toBe(path.join(dir, '.local', 'state', 'letta-fleet', 'exports'));
		expect(statSync(folder).isDirectory()).toBe(true);
		expect(statSync(folder).mode & 0o777).toBe(0o700);
		expect(exportFolderPath(undefined, {HOME: dir, XDG_STATE_HOME: '/srv/state'})).toBe(
			'/srv/state/letta-fleet/exports',
		);
	});

	it('is --export-dir when given, made by nobody, and the current folder only without a home', () => {
		const dir = home();
		expect(exportFolder(path.join(dir, 'mine'), {HOME: dir})).toBe(path.join(dir, 'mine'));
		expect(() => statSync(path.join(dir, 'mine'))).toThrow();
		expect(exportFolderPath(undefined, {})).toBe(process.cwd());
	});
});

describe('the CSV export', () => {
	it('says when each listener was first and last seen', () => {
		const state = fleetReducer(initialFleetState(), {
			type: 'poll-succeeded',
			snapshot: snapshotOf([rawConnection({id: 'a', firstSeenAt: T0 - 86_400_000, lastSeenAt: T0 - 1000})]),
		});
		const [header, row] = rowsToCsv(selectRows(state, T0), T0).split('\r\n');
		const columns = header!.split(',');
		const cells = row!.split(',');
		expect(cells[columns.indexOf('firstSeenAt')]).toBe(new Date(T0 - 86_400_000).toISOString());
		expect(cells[columns.indexOf('lastSeenAt')]).toBe(new Date(T0 - 1000).toISOString());
	});
});
