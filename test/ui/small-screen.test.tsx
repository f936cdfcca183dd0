import {afterEach, describe, expect, it} from 'vitest';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {renderApp, type RenderedApp} from '../helpers/app.js';

let server: DemoServer | undefined;
let app: RenderedApp | undefined;
afterEach(async () => {
	app?.unmount();
	await server?.close();
	app = undefined;
	server = undefined;
});

describe('the live view at 20x5', () => {
	it('shows why polls fail, wrapped, before the size it needs', async () => {
		server = await startDemoServer({seed: 7, size: 12, churnPerMinute: 0});
		server.faults.add({fault: {kind: 'status', status: 401}, route: 'list'});
		app = renderApp(server, {size: {columns: 20, rows: 5}});
		const text = await app.waitForText(frame => frame.includes('unauthorized'), 'the reason', 5000);
		const lines = text.split('\n');
		expect(lines).toHaveLength(5);
		expect(lines.map(line => line.trimEnd()).join(' ')).toMatch(
			/^✕ HTTP 401 +unauthorized: +Invalid or missing +API key/,
		);
		expect(lines[4]).toBe('more at 40x10');
	});
});
