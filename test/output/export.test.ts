import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {EXPORT_NAME_TRIES, ExportError, rowsToCsv, writeExport} from '../../src/output/export.js';
import {COLUMNS} from '../../src/view/columns.js';
import {rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const rows = selectRows(
	fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot: snapshotOf([rawConnection()])}),
	T0,
);
// T0 is 2026-11-29T12:00:00Z; an export a few hundred ms later is named for the same second.
const STAMP = '20261129T120000Z';
let folder: string;

beforeEach(() => {
	folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-files-export-'));
});

afterEach(() => {
	rmSync(folder, {recursive: true, force: true});
});

describe('writeExport', () => {
	it('gives two exports in one second two names, and overwrites nothing already there', async () => {
		const first = await writeExport(rows, 'csv', folder, T0, T0);
		const second = await writeExport(rows, 'csv', folder, T0 + 400, T0);
		expect([first, second]).toEqual([
			path.join(folder, `letta-fleet-${STAMP}.csv`),
			path.join(folder, `letta-fleet-${STAMP}-2.csv`),
		]);
		writeFileSync(path.join(folder, `letta-fleet-${STAMP}-3.csv`), "a file of the user's");
		const fourth = await writeExport(rows, 'csv', folder, T0 + 900, T0);
		expect(fourth).toBe(path.join(folder, `letta-fleet-${STAMP}-4.csv`));
		expect(readFileSync(path.join(folder, `letta-fleet-${STAMP}-3.csv`), 'utf8')).toBe("a file of the user's");
		for (const file of [first, second, fourth]) {
			expect(readFileSync(file, 'utf8')).toMatch(/^status,connectionName,/);
		}
	});

	it('racing writers each get a name of their own, every file whole', async () => {
		const files = await Promise.all(Array.from({length: 8}, async () => writeExport(rows, 'json', folder, T0, T0)));
		expect(new Set(files).size).toBe(8);
		expect(readdirSync(folder)).toHaveLength(8);
		for (const file of files) {
			expect((JSON.parse(readFileSync(file, 'utf8')) as {connections: unknown[]}).connections).toHaveLength(1);
		}
	});

	it('says in words why it failed, naming the path', async () => {
		const missing = path.join(folder, 'gone');
		await expect(writeExport(rows, 'csv', missing, T0, T0)).rejects.toThrow(
			new ExportError(path.join(missing, `letta-fleet-${STAMP}.csv`), 'the folder does not exist (ENOENT)'),
		);
		const aFile = path.join(folder, 'a-file');
		writeFileSync(aFile, '');
		await expect(writeExport(rows, 'csv', aFile, T0, T0)).rejects.toThrow(
			`cannot write ${path.join(aFile, `letta-fleet-${STAMP}.csv`)}: not a folder (ENOTDIR)`,
		);
	});

	it('gives up, saying so, only when every name it may try is taken', async () => {
		for (let attempt = 1; attempt <= EXPORT_NAME_TRIES; attempt++) {
			writeFileSync(path.join(folder, `letta-fleet-${STAMP}${attempt === 1 ? '' : `-${attempt}`}.csv`), '');
		}

		await expect(writeExport(rows, 'csv', folder, T0, T0)).rejects.toThrow(
			`cannot write ${folder}: letta-fleet-${STAMP}.csv and its next ${EXPORT_NAME_TRIES - 1} names are all taken`,
		);
		expect(await writeExport(rows, 'json', folder, T0, T0)).toBe(path.join(folder, `letta-fleet-${STAMP}.json`));
	});
});

describe('a CSV of chosen columns', () => {
	it('holds the chosen columns in their order, then firstSeenAt and lastSeenAt; JSON keeps every field', async () => {
		const csv = rowsToCsv(rows, T0, ['version', 'name', 'machine']).split('\r\n');
		expect(csv[0]).toBe('lettaCodeVersion,connectionName,deviceId,machineListeners,firstSeenAt,lastSeenAt');
		expect(csv[1]).toBe('0.32.1,host-env-1,device-env-1,1,2026-11-28T12:00:00.000Z,2026-11-29T11:59:55.000Z');
		// Every column in its own order: the full CSV, as without a choice.
		const every = rowsToCsv(
			rows,
			T0,
			COLUMNS.map(column => column.key),
		).split('\r\n')[0];
		expect(every).toBe(rowsToCsv(rows, T0).split('\r\n')[0]);
		expect(every).toContain('userId');
		const file = await writeExport(rows, 'json', folder, T0, T0, ['name']);
		const json = JSON.parse(readFileSync(file, 'utf8')) as {connections: unknown[]};
		expect(json.connections[0]).toMatchObject({
			userId: 'user-1',
			deviceId: 'device-env-1',
		});
	});
});
