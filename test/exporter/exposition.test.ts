import {describe, expect, it} from 'vitest';
import {createExposition, wantsOpenMetrics} from '../../src/exporter/exposition.js';
import {type ExporterTelemetry, familySamples} from '../../src/exporter/families.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const TELEMETRY: ExporterTelemetry = {
	events: new Map([['connected', 3]]),
	disconnects: new Map([['env-a', 2]]),
	requests: new Map([['success', 4]]),
	retries: new Map(),
	lastPollMs: 12,
};
/** What Prometheus 2.42 sends when scraping. */
const PROMETHEUS_ACCEPT =
	'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

function expositionOf(raws: Array<Record<string, unknown>>) {
	const state = fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot: snapshotOf(raws)});
	return createExposition(() => familySamples(state, TELEMETRY, T0, {perEnvironment: true}));
}

describe('the exposition', () => {
	it('writes the Prometheus text format by default, with HELP and TYPE lines', async () => {
		const {contentType, body} = await expositionOf([
			rawConnection({id: 'env-a', connectionName: 'ana-mbp'}),
		]).render(undefined);
		expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
		expect(body).toContain('# TYPE letta_environment_status gauge\n');
		expect(body).toContain(
			'letta_environment_status{id="env-a",device_id="device-env-a",connection_name="ana-mbp",status="online"} 1\n',
		);
		expect(body).toContain(
			'# TYPE letta_environment_events_total counter\nletta_environment_events_total{type="appeared"} 0\n',
		);
		expect(body).toContain(
			'letta_environment_disconnects_total{id="env-a",device_id="device-env-a",connection_name="ana-mbp"} 2\n',
		);
		expect(body).toContain('letta_fleet_api_requests_total{outcome="success"} 4\n');
		expect(body).toContain('letta_fleet_poll_duration_seconds 0.012\n');
		expect(body).not.toContain('# EOF');
	});

	it('writes OpenMetrics when the scraper prefers it, and the text format again after (the counter keeps its _total)', async () => {
		const exposition = expositionOf([rawConnection({id: 'env-a'})]);
		const open = await exposition.render(PROMETHEUS_ACCEPT);
		expect(open.contentType).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
		expect(open.body).toContain(
			'# TYPE letta_environment_events counter\nletta_environment_events_total{type="appeared"} 0\n',
		);
		expect(open.body.endsWith('# EOF\n')).toBe(true);
		const text = await exposition.render('text/plain');
		expect(text.body).toContain('# TYPE letta_environment_events_total counter\n');
	});

	it('reads the Accept header by preference', () => {
		expect(wantsOpenMetrics(PROMETHEUS_ACCEPT)).toBe(true);
		expect(wantsOpenMetrics('application/openmetrics-text; version=1.0.0')).toBe(true);
		expect(wantsOpenMetrics('text/plain;version=0.0.4;q=0.9,application/openmetrics-text;q=0.5')).toBe(false);
		expect(wantsOpenMetrics('application/openmetrics-text;q=0')).toBe(false);
		expect(wantsOpenMetrics('*/*')).toBe(false);
		expect(wantsOpenMetrics(undefined)).toBe(false);
	});

	it("keeps a hostile connectionName to one harmless label value: no escape sequence, quote and backslash escaped as Prometheus's format says", async () => {
		const hostile = 'evil"} 1\nfake_metric 99\r\u001B[2J\u001B]0;pwned\u0007\\x\u202Eab';
		const {body} = await expositionOf([
			rawConnection({
				id: 'env-h',
				connectionName: hostile,
				metadata: {lettaCodeVersion: '0.32.1\u001B[31m', os: 'linux'},
			}),
		]).render(undefined);
		const lines = body.split('\n');
		// Every sample is still one line of the format, and no other metric was smuggled in.
		expect(lines.some(line => line.startsWith('fake_metric'))).toBe(false);
		expect(body).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/);
		const info = lines.find(line => line.startsWith('letta_environment_info{'));
		expect(info).toBe(
			String.raw`letta_environment_info{id="env-h",device_id="device-env-a",connection_name="evil\"} 1 fake_metric 99 \\xab",version="0.32.1",mode="standard",os="linux",user_id="user-1",listener_instance_id=""} 1`.replace(
				'device-env-a',
				'device-env-h',
			),
		);
	});
});
