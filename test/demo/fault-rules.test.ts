/**
 * Fault rules: which requests a rule applies to, the `--fault` grammar, and serve-demo's report
 * of the faults it runs with.
 */
import {Writable} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {
	FAULT_SPEC_HELP,
	createFaultInjector,
	formatFaultRule,
	parseFaultSpec,
	type FaultRule,
} from '../../src/demo/faults.js';
import {runServeDemo} from '../../src/demo/serve-demo.js';
import {call, closeFaultServers, keepServer, startFaultServer as start} from '../helpers/fault-server.js';

afterEach(closeFaultServers);

describe('which requests a rule applies to', () => {
	it('page=2 applies only to the second page of a pass', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'status', status: 500}, page: 2}]});
		const all = simulation.list().map(record => record.id);
		for (let pass = 0; pass < 2; pass++) {
			expect((await call(server, '/v1/environments?limit=7')).status).toBe(200);
			expect((await call(server, `/v1/environments?limit=7&after=${all[6]}`)).status).toBe(500);
			expect((await call(server, `/v1/environments?limit=7&after=${all[13]}`)).status).toBe(200);
			// A cursor inside page 2's range still means the second page.
			expect((await call(server, `/v1/environments?limit=7&after=${all[9]}`)).status).toBe(500);
		}

		// Pages are counted in the filtered fleet, with the page size asked for.
		const online = simulation
			.list()
			.filter(record => record.connectionId !== null)
			.map(record => record.id);
		expect((await call(server, `/v1/environments?onlineOnly=true&limit=3&after=${online[2]}`)).status).toBe(500);
		expect((await call(server, `/v1/environments?onlineOnly=true&limit=3&after=${online[5]}`)).status).toBe(200);
		// A device read is not a page of a list pass.
		expect((await call(server, '/v1/environments/no-such-device')).status).toBe(404);
	});

	it('times=2 is spent after two matching requests', async () => {
		const {server} = await start({faults: [{fault: {kind: 'status', status: 503}, route: 'list', times: 2}]});
		expect(server.faults.rules()).toEqual([{fault: {kind: 'status', status: 503}, route: 'list', times: 2}]);
		// Requests the rule does not match do not spend it.
		expect((await call(server, '/v1/environments/no-such-device')).status).toBe(404);
		expect((await call(server, '/v1/environments')).status).toBe(503);
		expect(server.faults.rules()[0]?.times).toBe(1);
		expect((await call(server, '/v1/environments')).status).toBe(503);
		expect(server.faults.rules()).toEqual([]);
		expect((await call(server, '/v1/environments')).status).toBe(200);
		expect(server.requests()).toBe(4);
	});

	it('route get does not touch the list', async () => {
		const {server, simulation} = await start({faults: [{fault: {kind: 'status', status: 500}, route: 'get'}]});
		expect((await call(server, '/v1/environments')).status).toBe(200);
		expect((await call(server, `/v1/environments/${simulation.list()[0]!.deviceId}`)).status).toBe(500);
	});

	it('the first matching rule wins; clear() removes them all', async () => {
		const {server} = await start();
		server.faults.add({fault: {kind: 'status', status: 429}, route: 'get'});
		server.faults.add({fault: {kind: 'status', status: 502}});
		server.faults.add({fault: {kind: 'status', status: 503}});
		expect((await call(server, '/v1/environments/x')).status).toBe(429);
		expect((await call(server, '/v1/environments')).status).toBe(502);
		server.faults.clear();
		expect(server.faults.rules()).toEqual([]);
		expect((await call(server, '/v1/environments')).status).toBe(200);
	});

	it('a list-only fault on route any is not spent on a device read', () => {
		const injector = createFaultInjector([{fault: {kind: 'huge-page'}, times: 1}]);
		expect(injector.match({route: 'get'})).toBeUndefined();
		expect(injector.match({route: 'list', page: () => 1})).toEqual({kind: 'huge-page'});
		expect(injector.rules()).toEqual([]);
	});

	it('refuses rules that cannot be applied', () => {
		const injector = createFaultInjector();
		expect(() => injector.add({fault: {kind: 'status', status: 99}})).toThrow(/100-599/);
		expect(() => injector.add({fault: {kind: 'delay', ms: -1}})).toThrow(/delay/);
		expect(() => injector.add({fault: {kind: 'hang'}, page: 0})).toThrow(/page/);
		expect(() => injector.add({fault: {kind: 'hang'}, times: 1.5})).toThrow(/times/);
		expect(() => injector.add({fault: {kind: 'status', status: 503, retryAfter: '1\r\nx: y'}})).toThrow(
			/retry-after/,
		);
	});
});

describe('parseFaultSpec', () => {
	const examples: Array<[string, FaultRule]> = [
		['503', {fault: {kind: 'status', status: 503}}],
		['429:retry-after=5', {fault: {kind: 'status', status: 429, retryAfter: '5'}}],
		[
			'503:retry-after=Wed, 21 Oct 2026 07:28:00 GMT',
			{fault: {kind: 'status', status: 503, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT'}},
		],
		['401', {fault: {kind: 'status', status: 401}}],
		['403', {fault: {kind: 'status', status: 403}}],
		['404', {fault: {kind: 'status', status: 404}}],
		['500', {fault: {kind: 'status', status: 500}}],
		['delay:2000', {fault: {kind: 'delay', ms: 2000}}],
		['hang', {fault: {kind: 'hang'}}],
		['reset', {fault: {kind: 'reset'}}],
		['truncate', {fault: {kind: 'truncate'}}],
		['not-json', {fault: {kind: 'not-json'}}],
		['drift:strings', {fault: {kind: 'drift', variant: 'strings'}}],
		['drift:metadata-not-object', {fault: {kind: 'drift', variant: 'metadata-not-object'}}],
		['stuck-cursor', {fault: {kind: 'stuck-cursor'}}],
		['huge-page', {fault: {kind: 'huge-page'}}],
		['hostile-strings', {fault: {kind: 'hostile-strings'}}],
		['500@page=2', {fault: {kind: 'status', status: 500}, page: 2}],
		['500@list*3', {fault: {kind: 'status', status: 500}, route: 'list', times: 3}],
		['hang@get', {fault: {kind: 'hang'}, route: 'get'}],
		[
			'503:retry-after=Wed, 21 Oct 2026 07:28:00 GMT:code=deploying@list@page=3*2',
			{
				fault: {
					kind: 'status',
					status: 503,
					retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT',
					errorCode: 'deploying',
				},
				route: 'list',
				page: 3,
				times: 2,
			},
		],
		[
			'500:message=db down, try later:retryable=true',
			{fault: {kind: 'status', status: 500, message: 'db down, try later', retryable: true}},
		],
		['bomb', {fault: {kind: 'bomb', encoding: 'gzip'}}],
		['bomb:br@list*2', {fault: {kind: 'bomb', encoding: 'br'}, route: 'list', times: 2}],
		['endless', {fault: {kind: 'endless'}}],
		['html', {fault: {kind: 'html', status: 403}}],
		['html:200', {fault: {kind: 'html', status: 200}}],
		['redirect', {fault: {kind: 'redirect', status: 302}}],
		['redirect:308@get', {fault: {kind: 'redirect', status: 308}, route: 'get'}],
	];

	it.each(examples)('reads %s', (spec, rule) => {
		expect(parseFaultSpec(spec)).toEqual(rule);
		expect(parseFaultSpec(formatFaultRule(rule))).toEqual(rule);
	});

	it.each([
		['banana', /unknown fault "banana"/],
		['999', /999 is outside 100-599/],
		['delay:abc', /delay needs milliseconds/],
		['delay', /delay needs milliseconds/],
		['@page=0', /missing the fault kind/],
		['500@page=0', /page .*>= 1, got "0"/],
		['500*0', /times .*>= 1/],
		['500@sometimes', /unknown "@sometimes"/],
		['drift:sideways', /drift needs one of/],
		['hang:5', /hang takes no arguments/],
		['429:retry-after=', /retry-after/],
		['429:wait=5', /unknown argument "wait"/],
		['bomb:zstd', /bomb takes gzip or br/],
		['endless:5', /endless takes no arguments/],
		['html:abc', /html takes a status/],
		['html:99', /html takes a status 200-599/],
		['redirect:200', /redirect takes a status 300-399/],
		['redirect:301:302', /redirect takes a status, e.g. redirect:302, got "301:302"/],
		['', /missing the fault kind/],
	])('refuses %j with a one-line reason', (spec, reason) => {
		let message = '';
		try {
			parseFaultSpec(spec);
		} catch (error) {
			message = (error as Error).message;
		}

		expect(message).toMatch(reason);
		expect(message).toMatch(/^Invalid fault "/);
		expect(message).not.toContain('\n');
	});

	it('documents the grammar for --help', () => {
		expect(FAULT_SPEC_HELP).toContain('KIND[:ARG…][@list|@get][@page=N][*TIMES]');
		expect(FAULT_SPEC_HELP).not.toContain('\n');
	});
});

describe('runServeDemo with faults', () => {
	it('prints the active faults after the key line, and applies them', async () => {
		let text = '';
		const out = new Writable({
			write(chunk, _encoding, done) {
				text += String(chunk);
				done();
			},
		});
		const faults = ['503:retry-after=Wed, 21 Oct 2026 07:28:00 GMT@list*1', 'delay:200'].map(parseFaultSpec);
		const server = await runServeDemo({size: 5, seed: 1, faults}, out);
		keepServer(server);
		expect(text.split('\n').slice(2, 5)).toEqual([
			'  LETTA_API_KEY=demo',
			'  faults: 503:retry-after=Wed, 21 Oct 2026 07:28:00 GMT@list*1; delay:200',
			'Press Ctrl-C to stop.',
		]);
		const response = await call(server, '/v1/environments');
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe('Wed, 21 Oct 2026 07:28:00 GMT');
		await response.body?.cancel();
	});
});
