import {DatabaseSync} from 'node:sqlite';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readEvents, readIntervals} from '../../src/history/queries.js';
import {LISTENERS_PER_WRITE, MAX_BUSY_POLLS, startRecorder} from '../../src/history/recorder.js';
import {openHistoryFile} from '../../src/history/open-file.js';
import {STATUS_CODES} from '../../src/history/schema.js';
import {T0, offline, rawConnection} from '../helpers/fixtures.js';

const METADATA = rawConnection()['metadata'] as Record<string, unknown>;
import {fleetStates, recorderOn, tempFolder} from './helpers.js';

const DAY = 86_400_000;
const SCOPE = {baseUrl: 'https://api.example', since: T0 - DAY, until: T0 + 10 * DAY};

function read(file: string) {
	const db = new DatabaseSync(file, {readOnly: true});
	try {
		return {events: readEvents(db, SCOPE, {limit: 1000}).events, intervals: readIntervals(db, SCOPE)};
	} finally {
		db.close();
	}
}

/** One listener's intervals as stored: [status code, from, to], by start. */
function storedIntervals(file: string, recordId: string): unknown[][] {
	const db = new DatabaseSync(file, {readOnly: true});
	try {
		return db
			.prepare(
				'SELECT status, from_at AS fromAt, to_at AS toAt FROM intervals JOIN listeners ON listeners.id = listener_id WHERE record_id = ? ORDER BY from_at',
			)
			.all(recordId)
			.map(row => [row['status'], row['fromAt'], row['toAt']]);
	} finally {
		db.close();
	}
}

/** A listener whose heartbeat is fresh at `at`. */
function live(id: string, at: number, overrides: Record<string, unknown> = {}) {
	return rawConnection({id, lastHeartbeat: at - 1000, lastSeenAt: at - 1000, ...overrides});
}

describe('the recorder', () => {
	it('records each change of the diff, with status intervals that end at the last poll', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const clock = {now: T0};
		const recorder = recorderOn(file, clock);
		const states = fleetStates();
		recorder.record(states([live('a', T0), live('b', T0)], T0));
		recorder.record(states([live('a', T0 + 2000), offline({id: 'b'})], T0 + 2000));
		const moved = live('a', T0 + 4000, {metadata: {...METADATA, gitBranch: 'dev'}});
		recorder.record(states([moved, offline({id: 'b'})], T0 + 4000));
		clock.now = T0 + 60_000;
		expect(recorder.close()).toBeUndefined();

		const {events, intervals} = read(file);
		expect(events.map(({event}) => [event.type, event.id, event.at])).toEqual([
			['disconnected', 'b', T0 + 2000],
			['changed', 'a', T0 + 4000],
		]);
		expect(events[1]!.event).toMatchObject({field: 'branch', from: 'main', to: 'dev', connectionName: 'host-a'});
		expect(intervals.map(entry => [entry.listener.id, entry.intervals])).toEqual([
			['a', [{status: 'online', from: T0, to: T0 + 4000}]],
			[
				'b',
				[
					{status: 'online', from: T0, to: T0 + 2000},
					{status: 'offline', from: T0 + 2000, to: T0 + 4000},
				],
			],
		]);
		expect(intervals[0]!.listener).toEqual({
			id: 'a',
			deviceId: 'device-a',
			listenerInstanceId: null,
			connectionName: 'host-a',
		});
	});

	it('keeps Friday across a restart, and the weekend nobody watched stays unknown', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const friday = {now: T0};
		const first = recorderOn(file, friday);
		let states = fleetStates();
		first.record(states([live('a', T0)], T0));
		first.record(states([offline({id: 'a', lastSeenAt: T0})], T0 + 2000));
		first.close();

		const monday = T0 + 3 * DAY;
		const second = recorderOn(file, {now: monday});
		states = fleetStates();
		second.record(states([live('a', monday)], monday));
		second.record(states([live('a', monday + 2000)], monday + 2000));
		second.close();

		const {events, intervals} = read(file);
		expect(events.map(({event}) => event.type)).toEqual(['disconnected']);
		expect(intervals[0]!.intervals).toEqual(
			[
				{status: 'online', from: T0, to: T0 + 2000},
				{status: 'offline', from: T0 + 2000, to: T0 + 2000},
				{status: 'online', from: monday, to: monday + 2000},
			].filter(interval => interval.to > interval.from),
		);
	});

	it('leaves the time of failed polls unknown: intervals break at the last good poll', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const recorder = recorderOn(file, {now: T0}, {intervalMs: 2000});
		const states = fleetStates();
		recorder.record(states([live('a', T0)], T0));
		recorder.record(states([live('a', T0 + 2000)], T0 + 2000));
		// Ten minutes of failed polls, then a good one.
		recorder.record(states([live('a', T0 + 600_000)], T0 + 600_000));
		recorder.record(states([live('a', T0 + 602_000)], T0 + 602_000));
		recorder.close();
		expect(read(file).intervals[0]!.intervals).toEqual([
			{status: 'online', from: T0, to: T0 + 2000},
			{status: 'online', from: T0 + 600_000, to: T0 + 602_000},
		]);
	});

	it('keeps the offline time of a listener that left the listing and came back, and ends it at a gap', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const recorder = recorderOn(file, {now: T0}, {intervalMs: 2000});
		const states = fleetStates();
		recorder.record(states([live('a', T0), live('b', T0)], T0));
		recorder.record(states([live('a', T0 + 2000)], T0 + 2000));
		recorder.record(states([live('a', T0 + 4000)], T0 + 4000));
		recorder.record(states([live('a', T0 + 6000), live('b', T0 + 6000)], T0 + 6000));
		recorder.record(states([live('a', T0 + 8000)], T0 + 8000));
		recorder.record(states([live('a', T0 + 10_000)], T0 + 10_000));
		// Ten minutes of failed polls, then good ones.
		recorder.record(states([live('a', T0 + 610_000)], T0 + 610_000));
		recorder.record(states([live('a', T0 + 612_000)], T0 + 612_000));
		recorder.close();
		const intervals = new Map(read(file).intervals.map(entry => [entry.listener.id, entry.intervals]));
		expect(intervals.get('b')).toEqual([
			{status: 'online', from: T0, to: T0 + 2000},
			{status: 'offline', from: T0 + 2000, to: T0 + 6000},
			{status: 'online', from: T0 + 6000, to: T0 + 8000},
			{status: 'offline', from: T0 + 8000, to: T0 + 10_000},
		]);
		expect(intervals.get('a')).toEqual([
			{status: 'online', from: T0, to: T0 + 10_000},
			{status: 'online', from: T0 + 610_000, to: T0 + 612_000},
		]);
		// As stored, too: no interval left open to overlap the next (a read would only clip it).
		expect(storedIntervals(file, 'b')).toEqual([
			[STATUS_CODES.online, T0, T0 + 2000],
			[STATUS_CODES.offline, T0 + 2000, T0 + 6000],
			[STATUS_CODES.online, T0 + 6000, T0 + 8000],
			[STATUS_CODES.offline, T0 + 8000, T0 + 10_000],
		]);
	});

	it('keeps the intervals of a listener that left and came back while the file was busy', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const recorder = recorderOn(file, {now: T0}, {intervalMs: 2000});
		const states = fleetStates();
		recorder.record(states([live('a', T0), live('b', T0)], T0));
		const other = new DatabaseSync(file);
		other.exec('BEGIN IMMEDIATE');
		// Written together at the next poll: b leaves, then comes back.
		recorder.record(states([live('a', T0 + 2000)], T0 + 2000));
		recorder.record(states([live('a', T0 + 4000), live('b', T0 + 4000)], T0 + 4000));
		other.exec('COMMIT');
		other.close();
		recorder.record(states([live('a', T0 + 6000), live('b', T0 + 6000)], T0 + 6000));
		recorder.record(states([live('a', T0 + 8000), offline({id: 'b'})], T0 + 8000));
		recorder.record(states([live('a', T0 + 10_000), offline({id: 'b'})], T0 + 10_000));
		recorder.close();
		const intervals = new Map(read(file).intervals.map(entry => [entry.listener.id, entry.intervals]));
		expect(intervals.get('b')).toEqual([
			{status: 'online', from: T0, to: T0 + 2000},
			{status: 'offline', from: T0 + 2000, to: T0 + 4000},
			{status: 'online', from: T0 + 4000, to: T0 + 8000},
			{status: 'offline', from: T0 + 8000, to: T0 + 10_000},
		]);
		expect(storedIntervals(file, 'b')).toEqual([
			[STATUS_CODES.online, T0, T0 + 2000],
			[STATUS_CODES.offline, T0 + 2000, T0 + 4000],
			[STATUS_CODES.online, T0 + 4000, T0 + 8000],
			[STATUS_CODES.offline, T0 + 8000, T0 + 10_000],
		]);
	});

	it('with two recorders on one file, stores each change once and merges their intervals', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const view = recorderOn(file, {now: T0}, {mode: 'live view'});
		const exporter = recorderOn(file, {now: T0}, {mode: 'exporter'});
		const viewStates = fleetStates();
		const exporterStates = fleetStates();
		const going = (at: number) => [live('a', at), offline({id: 'b', lastSeenAt: T0 + 1500})];
		const moved = (at: number) => [
			live('a', at, {metadata: {...METADATA, gitBranch: 'dev'}}),
			offline({id: 'b', lastSeenAt: T0 + 1500}),
		];
		view.record(viewStates([live('a', T0), live('b', T0)], T0));
		exporter.record(exporterStates([live('a', T0 + 700), live('b', T0 + 700)], T0 + 700));
		view.record(viewStates(going(T0 + 2000), T0 + 2000));
		exporter.record(exporterStates(going(T0 + 2700), T0 + 2700));
		view.record(viewStates(moved(T0 + 4000), T0 + 4000));
		exporter.record(exporterStates(moved(T0 + 4700), T0 + 4700));
		view.close();
		exporter.close();

		const {events, intervals} = read(file);
		expect(events.map(({event}) => `${event.type} ${event.id}`)).toEqual(['disconnected b', 'changed a']);
		expect(intervals.find(entry => entry.listener.id === 'b')!.intervals).toEqual([
			{status: 'online', from: T0, to: T0 + 2000},
			{status: 'offline', from: T0 + 2000, to: T0 + 4700},
		]);
	});

	it('writes a big first poll over several polls, and every interval still starts at the first', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const recorder = recorderOn(file, {now: T0});
		const states = fleetStates();
		const size = LISTENERS_PER_WRITE * 2 + 100;
		const fleet = (at: number) => Array.from({length: size}, (_, index) => live(`env-${index}`, at));
		const stored = () => {
			const db = new DatabaseSync(file, {readOnly: true});
			const count = Number(db.prepare('SELECT count(*) AS n FROM listeners').get()!['n']);
			db.close();
			return count;
		};

		recorder.record(states(fleet(T0), T0));
		expect(stored()).toBe(LISTENERS_PER_WRITE);
		recorder.record(states(fleet(T0 + 2000), T0 + 2000));
		expect(stored()).toBe(LISTENERS_PER_WRITE * 2);
		recorder.record(states(fleet(T0 + 4000), T0 + 4000));
		expect(stored()).toBe(size);
		recorder.close();
		const {intervals} = read(file);
		expect(intervals).toHaveLength(size);
		expect(new Set(intervals.map(entry => JSON.stringify(entry.intervals)))).toEqual(
			new Set([JSON.stringify([{status: 'online', from: T0, to: T0 + 4000}])]),
		);
	});

	it('keeps every flip of a field within one run, though no server time tells them apart', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const recorder = recorderOn(file, {now: T0});
		const states = fleetStates();
		const modes = ['standard', 'plan', 'standard', 'plan'];
		modes.forEach((mode, poll) => {
			recorder.record(states([live('a', T0 + poll * 2000, {currentMode: mode})], T0 + poll * 2000));
		});
		recorder.close();
		expect(read(file).events.map(({event}) => `${event.from} → ${event.to}`)).toEqual([
			'standard → plan',
			'plan → standard',
			'standard → plan',
		]);
	});

	it('keeps a poll for the next when the file is busy, and stops after MAX_BUSY_POLLS busy polls', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const recorder = recorderOn(file, {now: T0});
		const states = fleetStates();
		recorder.record(states([live('a', T0)], T0));
		const other = new DatabaseSync(file);
		other.exec('BEGIN IMMEDIATE');
		expect(recorder.record(states([offline({id: 'a'})], T0 + 2000))).toBeUndefined();
		other.exec('COMMIT');
		expect(recorder.record(states([offline({id: 'a'})], T0 + 4000))).toBeUndefined();
		expect(read(file).events.map(({event}) => event.type)).toEqual(['disconnected']);

		other.exec('BEGIN IMMEDIATE');
		const notices = Array.from({length: MAX_BUSY_POLLS}, (_, poll) =>
			recorder.record(states([live('a', T0 + 6000 + poll * 2000)], T0 + 6000 + poll * 2000)),
		);
		other.exec('COMMIT');
		other.close();
		expect(notices.filter(Boolean)).toEqual([
			`history off: another program held the file locked for ${MAX_BUSY_POLLS} polls; monitoring goes on`,
		]);
		expect(recorder.off).toMatch(/^history off/);
		expect(recorder.record(states([live('a', T0 + 99_000)], T0 + 99_000))).toBeUndefined();
	});

	it('turns off with one notice when the disk is full, and monitoring goes on', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const opened = openHistoryFile(file, T0);
		const db = opened.db!;
		const pages = Number(db.prepare('PRAGMA page_count').get()!['page_count']);
		db.exec(`PRAGMA max_page_count = ${pages + 1}`);
		const started = startRecorder(db, {
			baseUrl: 'https://api.example',
			mode: 'test',
			filters: [],
			intervalMs: 2000,
			historyDays: 30,
			maxBytes: 1e9,
			now: () => T0,
		});
		const states = fleetStates();
		const many = Array.from({length: 300}, (_, index) => live(`listener-${index}-${'x'.repeat(200)}`, T0));
		expect(started.recorder!.record(states(many, T0))).toBe('history off: the disk is full; monitoring goes on');
		expect(started.recorder!.close()).toBeUndefined();
	});

	it('names a listener by its record id only: a row without one, or a repeated one, is not recorded', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const recorder = recorderOn(file, {now: T0});
		const states = fleetStates();
		for (const at of [T0, T0 + 2000]) {
			recorder.record(states([live('a', at), live('a', at, {deviceId: 'other'}), live('', at)], at));
		}

		recorder.close();
		expect(read(file).intervals.map(entry => [entry.listener.id, entry.listener.deviceId])).toEqual([
			['a', 'device-a'],
		]);
	});
});
