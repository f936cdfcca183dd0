import {afterEach, describe, expect, it} from 'vitest';
import {demoAppHarness, KEYS, type RenderedApp} from '../helpers/app.js';
import {displayWidth} from '../../src/view/text.js';

const harness = demoAppHarness({seed: 7, size: 12, churnPerMinute: 0});
afterEach(() => harness.stop());

const DIRECTORY = `/Users/ana/${'deeply-nested-folder/'.repeat(8)}letta-code`;
const LONG_KEY = 'a_metadata_key_far_longer_than_its_column';

async function openMetadata(columns: number, rows: number): Promise<RenderedApp> {
	const {server, app} = await harness.start({}, {size: {columns, rows}});
	server.simulation.addDevice({
		connectionName: 'zz-wide',
		metadata: {workingDirectory: DIRECTORY, [LONG_KEY]: 'yes', os: 'linux'},
	});
	await app.waitForText(text => text.includes('zz-wide'), 'the added listener', 5000).catch(() => '');
	await app.press('G', () => app.selectedLine().includes('zz-wide'), 'the last row');
	await app.press(KEYS.enter, text => text.includes('1 overview'), 'the detail pane');
	return app;
}

/** Every line of the open tab, scrolling down a line at a time as far as it goes. */
async function wholeTab(app: RenderedApp): Promise<string[]> {
	const bodyOf = () => app.lines().slice(5, -1);
	const body = bodyOf();
	for (let step = 0; step < 100; step++) {
		const before = app.frame();
		app.stdin.write(KEYS.down);
		// The title's "N more lines" may be cut at this width: the end is where ↓ no longer moves it.
		const moved = await app.waitForText(frame => frame !== before, 'scrolled a line', 400).catch(() => null);
		if (moved === null) break;
		body.push(bodyOf().at(-1)!);
	}

	return body;
}

describe('the detail pane at 80x24, 60x20 and 40x10', () => {
	for (const [columns, rows] of [
		[80, 24],
		[60, 20],
		[40, 10],
	] as const) {
		it(`wraps long metadata at ${columns}x${rows}: no line cut, one value column`, async () => {
			const app = await openMetadata(columns, rows);
			await app.press('2', text => text.includes(LONG_KEY.slice(0, 20)), 'the metadata tab');
			for (const line of app.lines()) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
			const body = await wholeTab(app);
			expect(body.join('\n')).not.toContain('…');
			// The long key has a line of its own; its value starts where os's does.
			const keyLine = body.findIndex(line => line.includes(LONG_KEY.slice(0, 20)));
			const valueLine = body.findIndex(line => line.trim() === 'yes');
			const osLine = body.find(line => line.trimStart().startsWith('os '))!;
			expect(valueLine).toBeGreaterThan(keyLine);
			expect(body.slice(keyLine, valueLine).join('').replaceAll(' ', '')).toBe(LONG_KEY);
			expect(body[valueLine]!.indexOf('yes')).toBe(osLine.indexOf('linux'));
			// The directory reads whole, in pieces under its column.
			const start = body.findIndex(line => line.includes('/Users/ana/'));
			const column = body[start]!.indexOf('/Users/ana/');
			const pieces = body.slice(start).map(line => line.slice(column).trimEnd());
			expect(pieces.join('').startsWith(DIRECTORY)).toBe(true);
		});
	}

	it('says each time once, with its age to the second', async () => {
		const app = await openMetadata(80, 24);
		const text = await app.waitForText(frame => /heartbeat/.test(frame), 'the times');
		const heartbeat = text.split('\n').find(line => line.includes('heartbeat'))!;
		expect(heartbeat).toMatch(/heartbeat +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \((just now|\d+s ago)\)$/);
	});
});
