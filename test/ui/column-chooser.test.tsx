/** The `f` column chooser in the live view, drawn by Ink against the demo server. */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {demoAppHarness, KEYS, type RenderedApp} from '../helpers/app.js';
import {tempFolder} from '../helpers/temp-folder.js';
import {COLUMNS} from '../../src/view/columns.js';
import {KEEP_ONE_OF} from '../../src/view/column-choice.js';

const harness = demoAppHarness({seed: 4, size: 60, churnPerMinute: 0});
afterEach(() => harness.stop());

/** The table's title line: column titles only, NAME or STATUS among them. */
const tableHeader = (ui: RenderedApp) =>
	ui.lines().find(line => /^ {2}[A-Z][A-Z ↑↓]+$/.test(line.trimEnd()) && /NAME|STATUS/.test(line)) ?? '';
const cursorLine = (ui: RenderedApp) => ui.lines().find(line => line.startsWith('› [')) ?? '';

describe('the column chooser (f)', () => {
	it('lists every column marked shown, hides and moves them, refuses to hide STATUS and NAME both, and shapes the table and CSV', async () => {
		const exports = tempFolder('letta-fleet-col-chooser-');
		const {app: ui} = await harness.start({}, {exportDirectory: exports});
		expect(ui.frame()).not.toContain('cols ');
		await ui.press('f', text => text.includes(' Columns '), 'f opens the chooser');
		for (const column of COLUMNS) expect(ui.frame()).toContain(`[x] ${column.title}`);
		expect(ui.frame()).toContain('Space show/hide');
		expect(ui.frame()).toContain('K/J move');
		expect(cursorLine(ui)).toContain('STATUS');

		// NAME hidden, then STATUS refused: the flash says why.
		await ui.press('j', () => cursorLine(ui).includes('NAME'), 'j to NAME');
		await ui.press(' ', () => cursorLine(ui).includes('[ ] NAME'), 'Space hides NAME');
		await ui.press('k', () => cursorLine(ui).includes('STATUS'), 'k to STATUS');
		await ui.press(' ', text => text.includes(KEEP_ONE_OF.slice(0, 40)), 'Space on STATUS refused');
		expect(cursorLine(ui)).toContain('[x] STATUS');
		// NAME back, and VERSION moved to the front with K.
		await ui.press('j', () => cursorLine(ui).includes('NAME'), 'j to NAME again');
		await ui.press(' ', () => cursorLine(ui).includes('[x] NAME'), 'Space shows NAME again');
		const versionAt = COLUMNS.findIndex(column => column.key === 'version');
		for (let line = 1; line < versionAt; line++) ui.stdin.write('j');
		await ui.waitForText(() => cursorLine(ui).includes('VERSION'), 'the cursor on VERSION');
		for (let step = 0; step < versionAt; step++) ui.stdin.write('K');
		await ui.waitForText(
			text =>
				text.split('\n').findIndex(line => line.includes('VERSION')) ===
				text.split('\n').findIndex(line => line.includes(' Columns ')) + 1,
			'VERSION moved to the top',
		);
		// And DIRECTORY hidden, then Enter back to the table.
		await ui.press('G', text => text.includes(' Columns '), 'G does nothing here');
		for (let line = 0; line < COLUMNS.length; line++) ui.stdin.write('j');
		await ui.waitForText(() => cursorLine(ui).includes('DIRECTORY'), 'the cursor on DIRECTORY');
		await ui.press(' ', () => cursorLine(ui).includes('[ ] DIRECTORY'), 'Space hides DIRECTORY');
		await ui.press(KEYS.enter, text => !text.includes(' Columns '), 'Enter closes the chooser');

		expect(tableHeader(ui)).toMatch(/^ {2}VERSION\s+STATUS\s+NAME↑/);
		expect(ui.frame()).toContain(`cols ${COLUMNS.length - 1}/${COLUMNS.length}`);
		await ui.press('e', text => text.includes('exported'), 'e exports a CSV');
		const [file] = readdirSync(exports);
		const header = readFileSync(path.join(exports, file!), 'utf8').split('\r\n')[0];
		expect(header).toMatch(/^lettaCodeVersion,status,connectionName,duplicate,deviceId,/);
		expect(header).not.toContain('workingDirectory');
		expect(header).toMatch(/,firstSeenAt,lastSeenAt$/);

		// Esc closes it too, and f toggles.
		await ui.press('f', text => text.includes(' Columns '), 'f again');
		await ui.press(KEYS.escape, text => !text.includes(' Columns ') && text.includes('STATUS'), 'Esc closes it');
	}, 30_000);

	it('starts from --columns: the order given is the order shown', async () => {
		const {app: ui} = await harness.start(
			{},
			{
				options: {
					sort: {key: 'name', descending: false},
					scope: 'all',
					filter: '',
					columns: ['name', 'status', 'version'],
					onlineOnly: false,
					source: undefined,
					userId: undefined,
				},
			},
		);
		expect(tableHeader(ui)).toMatch(/^ {2}NAME↑\s+STATUS\s+VERSION$/);
		expect(ui.frame()).toContain(`cols 3/${COLUMNS.length}`);
	});
});
