import path from 'node:path';
import {DatabaseSync} from 'node:sqlite';
import {describe, expect, it} from 'vitest';
import {mergeInterval, readIntervals} from '../../src/history/queries.js';
import type {StatusInterval} from '../../src/history/types.js';
import {T0, offline, rawConnection} from '../helpers/fixtures.js';
import {fleetStates, recorderOn, tempFolder} from './helpers.js';

describe('readIntervals', () => {
	it('clips intervals to the window, leaves unwatched time uncovered, and knows when each was last online', () => {
		const file = path.join(tempFolder(), 'history.sqlite');
		const recorder = recorderOn(file, {now: T0});
		const states = fleetStates();
		const live = (at: number) => rawConnection({id: 'a', lastHeartbeat: at - 1000, lastSeenAt: at - 1000});
		for (const at of [T0, T0 + 2000, T0 + 4000]) recorder.record(states([live(at)], at));
		for (const at of [T0 + 6000, T0 + 8000])
			recorder.record(states([offline({id: 'a', lastSeenAt: T0 + 5000})], at));
		recorder.close();

		const db = new DatabaseSync(file, {readOnly: true});
		const window = (since: number, until: number) =>
			readIntervals(db, {baseUrl: 'https://api.example', since, until});
		expect(window(T0 + 1000, T0 + 7000)).toEqual([
			{
				listener: {id: 'a', deviceId: 'device-a', listenerInstanceId: null, connectionName: 'host-a'},
				intervals: [
					{status: 'online', from: T0 + 1000, to: T0 + 6000},
					{status: 'offline', from: T0 + 6000, to: T0 + 7000},
				],
				lastSeenAt: T0 + 6000,
			},
		]);
		// Before the first poll and after the last, nobody watched: nothing, not offline.
		expect(window(T0 - 60_000, T0)).toEqual([]);
		expect(window(T0 + 8000, T0 + 60_000)).toEqual([]);
		expect(readIntervals(db, {baseUrl: 'https://api.example', org: 'org-2', since: T0, until: T0 + 9000})).toEqual(
			[],
		);
		db.close();
	});
});

describe('mergeInterval', () => {
	const merged = (...intervals: StatusInterval[]) => {
		const result: StatusInterval[] = [];
		for (const interval of intervals) mergeInterval(result, interval);
		return result;
	};

	it('joins the same status, and cuts an earlier one where another status starts', () => {
		expect(
			merged(
				{status: 'online', from: 0, to: 100},
				{status: 'online', from: 1, to: 102},
				{status: 'offline', from: 100, to: 200},
				{status: 'offline', from: 102, to: 199},
			),
		).toEqual([
			{status: 'online', from: 0, to: 100},
			{status: 'offline', from: 100, to: 200},
		]);
		expect(merged({status: 'online', from: 0, to: 10}, {status: 'online', from: 10, to: 20})).toEqual([
			{status: 'online', from: 0, to: 20},
		]);
		expect(merged({status: 'online', from: 0, to: 10}, {status: 'stale', from: 0, to: 5})).toEqual([
			{status: 'stale', from: 0, to: 5},
		]);
	});
});
