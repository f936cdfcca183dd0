/**
 * The live view while the API fails, and while it sends hostile strings:
 * the last good fleet stays, the header says what is wrong and when the next
 * try is, fatal errors stop the polling, and nothing unsafe reaches the screen.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {DemoServer} from '../../src/demo/server.js';
import {demoAppHarness, renderApp, type RenderedApp} from '../helpers/app.js';

let server: DemoServer;
let app: RenderedApp;

const harness = demoAppHarness({seed: 5, size: 30, churnPerMinute: 0, apiKey: 'sk-live-secret-42'});

async function start(props: Parameters<typeof renderApp>[1] = {}) {
	({server, app} = await harness.start({}, props));
	return app;
}

afterEach(() => harness.stop());

// Any control byte but the newline between frame lines, any bidi control.
const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

describe('the live view when polls fail', () => {
	it('keeps the fleet, says why with the errorCode, counts down to the Retry-After, and announces recovery', async () => {
		const ui = await start();
		server.faults.add({
			fault: {
				kind: 'status',
				status: 503,
				errorCode: 'cloud_api_shutting_down',
				message: 'deploy in progress',
				retryAfter: '4',
			},
			route: 'list',
		});
		await ui.waitForText(
			text =>
				/data from \d+s ago, as of \d\d:\d\d:\d\d: HTTP 503 cloud_api_shutting_down: deploy in progress/.test(
					text,
				),
			'the failure',
		);
		// The poller waits as the server asked: the countdown starts near the Retry-After.
		expect(ui.frame()).toMatch(/poll failed ×1 · retry in [345]s/);
		expect(ui.lines().filter(line => /^[› ].[●◐○✕] /.test(line)).length).toBeGreaterThan(10);
		server.faults.clear();
		await ui.waitForText(text => text.includes('the API answers again after'), 'the recovery notice', 20_000);
	});

	it('stops polling on a rejected key and says so; r tries again', async () => {
		const ui = await start();
		server.faults.add({fault: {kind: 'status', status: 401}, route: 'list'});
		await ui.waitForText(text => text.includes('polling stopped'), 'the halt');
		const requests = server.requests();
		await new Promise(resolve => setTimeout(resolve, 2500));
		expect(server.requests()).toBe(requests);
		server.faults.clear();
		await ui.press('r', text => !text.includes('polling stopped'), 'polling again after r');
	});

	it('shows drifted records with what could be read, and marks what could not', async () => {
		const ui = await start();
		server.faults.add({fault: {kind: 'drift', variant: 'wrong-types'}});
		await ui.waitForText(text => text.includes('events ('), 'a poll with drift');
		await ui.press('\r', text => text.includes('1 overview'), 'details');
		// The pane refreshes the device with GET /v1/environments/{deviceId} (drifted too); then go to its end.
		await ui.waitForText(text => text.includes('refreshed'), 'the refreshed record');
		await ui.press(
			'G',
			text => text.includes('Unreadable fields'),
			'the unreadable fields at the end of the overview',
		);
		expect(ui.frame()).toMatch(
			/expected a string, got|expected an object, got|expected an array, got|expected epoch milliseconds/,
		);
	});
});

describe('hostile strings and secrets', () => {
	it('draws a fleet of hostile names with no control byte, in the table, the details and the raw JSON', async () => {
		const ui = await start();
		server.faults.add({fault: {kind: 'hostile-strings'}});
		await ui.waitForText(text => text.includes('events ('), 'a poll with hostile strings');
		await new Promise(resolve => setTimeout(resolve, 1500));
		await ui.press('\r', text => text.includes('1 overview'), 'details');
		await ui.press('2', text => text.includes('2 metadata'), 'metadata');
		await ui.press('4', text => text.includes('"deviceId"'), 'raw JSON');
		for (const frame of ui.frames) {
			expect(frame).not.toMatch(UNSAFE);
		}

		for (const line of ui.lines()) {
			expect([...line].length).toBeLessThanOrEqual(100);
		}
	});

	it('never shows the key: only where it came from', async () => {
		const ui = await start();
		server.faults.add({fault: {kind: 'status', status: 401}, route: 'list'});
		await ui.waitForText(text => text.includes('polling stopped'), 'the halt');
		expect(ui.frame()).toContain('key: demo');
		expect(ui.frames.join('')).not.toContain('sk-live-secret-42');
	});
});
