import {existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {describe, expect, it} from 'vitest';
import {openHistoryFile} from '../../src/history/open-file.js';
import {APPLICATION_ID, SCHEMA_VERSION} from '../../src/history/schema.js';
import {T0, rawConnection} from '../helpers/fixtures.js';
import {fleetStates, recorderOn, tempFolder} from './helpers.js';

const STAMP = '20261129T120000Z';

function pragma(file: string, name: string): number {
	const db = new DatabaseSync(file, {readOnly: true});
	try {
		return Number(Object.values(db.prepare(`PRAGMA ${name}`).get()!)[0]);
	} finally {
		db.close();
	}
}

/** A history file with a few hundred listeners recorded, big enough to damage in the middle. */
function recordedFile(folder: string): string {
	const file = path.join(folder, 'history.sqlite');
	const recorder = recorderOn(file, {now: T0});
	const states = fleetStates();
	const fleet = (at: number) =>
		Array.from({length: 400}, (_, index) => rawConnection({id: `env-${index}`, lastHeartbeat: at - 1000}));
	recorder.record(states(fleet(T0), T0));
	recorder.record(states(fleet(T0 + 2000), T0 + 2000));
	recorder.close();
	return file;
}

describe('opening the history file', () => {
	it('creates the folder and a file that is ours: WAL, incremental auto-vacuum, versioned', () => {
		const file = path.join(tempFolder(), 'state', 'letta-fleet', 'history.sqlite');
		const opened = openHistoryFile(file, T0);
		expect(opened.notice).toBeUndefined();
		opened.db!.close();
		expect(pragma(file, 'application_id')).toBe(APPLICATION_ID);
		expect(pragma(file, 'user_version')).toBe(SCHEMA_VERSION);
		expect(pragma(file, 'auto_vacuum')).toBe(2);
		const db = new DatabaseSync(file);
		expect(db.prepare('PRAGMA journal_mode').get()).toEqual({journal_mode: 'wal'});
		db.close();
	});

	it.each([
		[
			'garbage bytes',
			(file: string) => writeFileSync(file, 'not a database, just text '.repeat(200)),
			'file is not a database',
		],
		[
			'a foreign SQLite file',
			(file: string) => {
				for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, {force: true});
				const db = new DatabaseSync(file);
				db.exec(
					'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)',
				);
				db.close();
			},
			'it is a SQLite file of another program',
		],
		[
			'a truncated file',
			(file: string) => truncateSync(file, Math.floor(readFileSync(file).length / 2)),
			'database disk image is malformed',
		],
		[
			'pages overwritten in the middle',
			(file: string) => {
				const bytes = readFileSync(file);
				bytes.fill(0x5a, 8192, 8192 + 4096 * 4);
				writeFileSync(file, bytes);
			},
			'database disk image is malformed',
		],
	])('sets %s aside, renamed, never deleted, and starts a new one', (_name, damage, why) => {
		const folder = tempFolder();
		const file = recordedFile(folder);
		damage(file);
		const before = readFileSync(file);
		const opened = openHistoryFile(file, T0);
		expect(opened.db).toBeDefined();
		opened.db!.close();
		const aside = path.join(folder, `history.sqlite.damaged-${STAMP}`);
		expect(opened.notice).toBe(
			`history: ${file} was unreadable (${why}); kept as history.sqlite.damaged-${STAMP}, started a new one`,
		);
		expect(readFileSync(aside)).toEqual(before);
		expect(pragma(file, 'application_id')).toBe(APPLICATION_ID);
		expect(readdirSync(folder).filter(name => name.includes('damaged')).length).toBeGreaterThan(0);
	});

	it('leaves a file of a newer letta-fleet alone and records nothing', () => {
		const folder = tempFolder();
		const file = recordedFile(folder);
		const db = new DatabaseSync(file);
		db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
		db.close();
		const opened = openHistoryFile(file, T0);
		expect(opened.off).toBe(
			`history off: ${file}: it was written by a newer letta-fleet (schema ${SCHEMA_VERSION + 1}; this one knows ${SCHEMA_VERSION})`,
		);
		expect(readdirSync(folder).some(name => name.includes('damaged'))).toBe(false);
	});

	it('turns recording off with one line when the folder cannot be made', () => {
		const folder = tempFolder();
		// A file where the folder should be: fails for root too, unlike a permission.
		writeFileSync(path.join(folder, 'state'), '');
		const file = path.join(folder, 'state', 'letta-fleet', 'history.sqlite');
		expect(openHistoryFile(file, T0)).toEqual({
			off: `history off: cannot create ${path.dirname(file)} (a file is in the way)`,
		});
		expect(existsSync(file)).toBe(false);
	});
});
