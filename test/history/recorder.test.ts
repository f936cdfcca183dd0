import {DatabaseSync} from 'node:sqlite';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readEvents, readIntervals} from '../../src/history/queries.js';
import {T0, offline, rawConnection} from '../helpers/fixtures.js';
import {fleetStates, recorderOn, tempFolder} from './helpers.js';

const SCOPE = {baseUrl: 'https://api.example', since: T0 - 3_600_000, until: T0 + 86_400_000 * 10};

function reader(file: string): DatabaseSync {
	return new DatabaseSync(file, {readOnly: true});
}

describe('the recorder', () => {
	it('records each change of the diff once, with status intervals that end at the last poll', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const clock = {now: T0};
		const recorder = recorderOn(file, clock);
		const states = fleetStates();
		recorder.record(states([rawConnection({id: 'a'}), rawConnection({id: 'b'})], T0));
		recorder.record(states([rawConnection({id: 'a'}), offline({id: 'b'})], T0 + 2000));
		recorder.record(states([rawConnection({id: 'a', gitBranch: 'dev'} as never), offline({id: 'b'})], T0 + 4000));
		clock.now = T0 + 4000;
		expect(recorder.close()).toBeUndefined();

		const db = reader(file);
		const {events} = readEvents(db, SCOPE, {limit: 100});
		expect(events.map(({event}) => [event.type, event.id, event.at])).toEqual([['disconnected', 'b', T0 + 2000]]);
		const intervals = readIntervals(db, SCOPE);
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
		db.close();
	});
});
