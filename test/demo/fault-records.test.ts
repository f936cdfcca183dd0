/**
 * Fault injection, over real HTTP: faults in the records and the pages (drift, a stuck cursor, a
 * huge page, hostile strings).
 */
import {afterEach, describe, expect, it} from 'vitest';
import {HOSTILE_ATTACKS} from '../../src/demo/fault-hostile.js';
import type {Page} from '../../src/demo/simulation.js';
import {field, parseJson, type ErrorJson, type JsonObject} from '../helpers/json.js';
import {matcher} from '../helpers/matcher.js';
import {
	call,
	closeFaultServers,
	type DriftedPage,
	getJson,
	ids,
	isPlainObject,
	startFaultServer as start,
} from '../helpers/fault-server.js';

afterEach(closeFaultServers);

describe('drift', () => {
	it('strings: every number arrives as a string', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'drift', variant: 'strings'}}]});
		const before = simulation.list();
		const {body} = await getJson<DriftedPage>(server, '/v1/environments');
		const online = body.connections.filter(record => record.connectionId !== null);
		expect(online.length).toBeGreaterThan(0);
		for (const record of online) {
			expect(typeof record.lastHeartbeat).toBe('string');
			expect(record.lastHeartbeat).toMatch(/^\d{13}$/);
		}

		for (const record of body.connections) {
			expect(typeof record.firstSeenAt).toBe('string');
			expect(typeof record.lastSeenAt).toBe('string');
		}

		const one = await getJson<JsonObject>(server, `/v1/environments/${before[0]!.deviceId}`);
		expect(typeof one.body.firstSeenAt).toBe('string');
		expect(simulation.list()).toEqual(before);
	});

	it('missing: optional fields and metadata keys go, id and deviceId stay', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'drift', variant: 'missing'}}]});
		const before = simulation.list();
		const {body} = await getJson<DriftedPage>(server, '/v1/environments');
		expect(ids(body)).toEqual(before.map(record => record.id));
		for (const record of body.connections) {
			expect(record.deviceId).toEqual(expect.any(String));
			expect(record).not.toHaveProperty('currentMode');
			expect(record).not.toHaveProperty('userId');
			expect(record).not.toHaveProperty('apiKeyOwner');
			expect(Object.keys(record.metadata ?? {})).toEqual([]);
		}

		expect(body.connections.some(record => Object.keys(record).length === 2)).toBe(true);
		expect(simulation.list()).toEqual(before);
	});

	it('extra: unknown top-level and metadata fields are added', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'drift', variant: 'extra'}}]});
		const before = simulation.list();
		const {body} = await getJson<DriftedPage>(server, '/v1/environments');
		body.connections.forEach((record, index) => {
			expect(record).toMatchObject({...before[index], metadata: matcher.any(Object)});
			expect(record).toHaveProperty('region');
			expect(record.metadata).toMatchObject({...before[index]!.metadata, shell: 'zsh'});
		});
		expect(simulation.list()).toEqual(before);
	});

	it('wrong-types: fields arrive with the wrong JSON types', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'drift', variant: 'wrong-types'}}]});
		const before = simulation.list();
		const {body} = await getJson<DriftedPage>(server, '/v1/environments');
		for (const record of body.connections) {
			expect(typeof record.connectionName).toBe('number');
			expect(isPlainObject(record.lastHeartbeat)).toBe(true);
			expect(typeof field(record, 'metadata', 'supported_commands')).toBe('string');
			expect(typeof field(record, 'metadata', 'self_update')).toBe('string');
		}

		expect(simulation.list()).toEqual(before);
	});

	it('metadata-not-object: metadata is a string or an array', async () => {
		const {server, simulation} = await start({
			faults: [{fault: {kind: 'drift', variant: 'metadata-not-object'}, route: 'get'}],
		});
		const before = simulation.list();
		for (const record of before.slice(0, 4)) {
			const {body} = await getJson<JsonObject>(server, `/v1/environments/${record.deviceId}`);
			expect(body.id).toBe(record.id);
			expect(isPlainObject(body.metadata)).toBe(false);
			expect(typeof body.metadata === 'string' || Array.isArray(body.metadata)).toBe(true);
		}

		// The rule names 'get': the list is untouched.
		const {body} = await getJson<DriftedPage>(server, '/v1/environments');
		expect(body.connections).toEqual(before);
		expect(simulation.list()).toEqual(before);

		server.faults.clear();
		server.faults.add({fault: {kind: 'drift', variant: 'metadata-not-object'}});
		const page = await getJson<DriftedPage>(server, '/v1/environments?limit=4');
		expect(
			page.body.connections.map(record => (Array.isArray(record.metadata) ? 'array' : typeof record.metadata)),
		).toEqual(['string', 'array', 'string', 'array']);
		expect(simulation.list()).toEqual(before);
	});
});

describe('paging faults', () => {
	it('stuck-cursor: the page after the first cursor comes back forever', async () => {
		const {server} = await start({faults: [{fault: {kind: 'stuck-cursor'}}]});
		const first = await getJson<Page>(server, '/v1/environments?limit=7');
		expect(first.body.hasNextPage).toBe(true);
		const second = await getJson<Page>(server, `/v1/environments?limit=7&after=${ids(first.body).at(-1)}`);
		const third = await getJson<Page>(server, `/v1/environments?limit=7&after=${ids(second.body).at(-1)}`);
		expect(ids(second.body)).not.toEqual(ids(first.body));
		expect(third.body).toEqual(second.body);
		expect(third.body.hasNextPage).toBe(true);
		// Even past the end of the fleet.
		const last = await getJson(server, '/v1/environments?limit=7&after=env-999999');
		expect(last.body).toEqual(second.body);
	});

	it('huge-page: limit is ignored and the whole fleet comes in one page', async () => {
		const {server, simulation} = await start({size: 130, faults: [{fault: {kind: 'huge-page'}}]});
		const {body} = await getJson<Page>(server, '/v1/environments?limit=5');
		expect(ids(body)).toEqual(simulation.list().map(record => record.id));
		expect(body.connections).toHaveLength(130);
		expect(body.hasNextPage).toBe(false);
		// Filters still apply.
		const online = await getJson<Page>(server, '/v1/environments?limit=5&onlineOnly=true');
		expect(ids(online.body)).toEqual(
			simulation
				.list()
				.filter(record => record.connectionId !== null)
				.map(record => record.id),
		);
	});
});

describe('hostile-strings', () => {
	it('puts terminal attacks in every string field, still as JSON, without touching the simulation', async () => {
		const {server, simulation} = await start({size: 40, faults: [{fault: {kind: 'hostile-strings'}}]});
		const before = simulation.list();
		const response = await call(server, '/v1/environments');
		const text = await response.text();
		const body = parseJson<Page>(text);
		expect(ids(body)).toEqual(before.map(record => record.id));
		const names = body.connections.map(record => record.connectionName);
		expect(names.some(name => name.includes('\u001b') && name.includes('\u0007'))).toBe(true);
		body.connections.forEach((record, index) => {
			const clean = before[index]!;
			expect(record.deviceId).toBe(clean.deviceId);
			expect(record.connectionName).not.toBe(clean.connectionName);
			// A local proxy's synthetic rows carry no metadata to poison.
			if (clean.metadata?.workingDirectory !== undefined) {
				expect(record.metadata?.workingDirectory).not.toBe(clean.metadata.workingDirectory);
			}
		});
		// Across the fleet, every attack shows up somewhere.
		for (const attack of HOSTILE_ATTACKS) {
			expect(text.includes(JSON.stringify(attack).slice(1, -1))).toBe(true);
		}

		// The same record reads the same on every request.
		const again = (await getJson(server, '/v1/environments')).body;
		expect(again).toEqual(body);
		// GET by deviceId answers the machine's first record.
		const first = before.findIndex(
			record => simulation.get(record.deviceId)?.id === record.id && record.connectionId !== null,
		);
		const one = await getJson(server, `/v1/environments/${before[first]!.deviceId}`);
		expect(one.body).toEqual(body.connections[first]);
		const missing = await getJson<ErrorJson>(server, '/v1/environments/no-such-device');
		expect(missing.response.status).toBe(404);
		expect(missing.body.message).not.toMatch(/^[\u0020-\u007e]*$/);
		expect(simulation.list()).toEqual(before);
	});
});
