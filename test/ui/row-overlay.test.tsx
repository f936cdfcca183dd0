/**
 * The table's rows drawn beside Ink (output/row-overlay.ts) must leave the screen exactly as Ink drawing them would:
 * the same characters in the same styles in every cell, grouped or not, selected or not, narrow or wide.
 */
import {PassThrough} from 'node:stream';
import chalk from 'chalk';
import fc from 'fast-check';
import {render} from 'ink';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parsePage} from '../../src/api/parse.js';
import {createSimulation} from '../../src/demo/simulation.js';
import {fleetReducer, initialFleetState} from '../../src/fleet/reducer.js';
import {keyRecords} from '../../src/fleet/row-keys.js';
import {rowsServerNow, selectRows} from '../../src/fleet/rows.js';
import {createRowOverlay} from '../../src/output/row-overlay.js';
import {gridText} from '../../src/output/screen-grid.js';
import {createScreenModel, feedScreen} from '../../src/output/screen-model.js';
import {terminalWriter} from '../../src/output/terminal-writer.js';
import {RowOverlayContext} from '../../src/ui/components/row-overlay-context.js';
import {FleetScreen} from '../../src/ui/fleet-screen.js';
import {COLUMNS} from '../../src/view/columns.js';
import {tableLines} from '../../src/view/table-lines.js';
import {layoutColumns} from '../../src/view/layout.js';
import {DEFAULT_SORT, sortRows} from '../../src/view/query.js';
import {toAscii} from '../../src/view/ascii.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';
import {initialViewState} from '../../src/view/view-state.js';
import {LIVE_RENDER_OPTIONS} from '../../src/ui/run.js';

let level: typeof chalk.level;
beforeAll(() => {
	// Colour on, as in a user's terminal: styles are what could differ.
	level = chalk.level;
	chalk.level = 1;
});
afterAll(() => {
	chalk.level = level;
});

const NOW = Date.parse('2026-12-04T12:00:00Z');

function fleetState(seed: number, size: number) {
	const simulation = createSimulation({seed, size, now: () => NOW, churnPerMinute: 0});
	const {connections} = parsePage({connections: simulation.list(), hasNextPage: false});
	const snapshot = {...keyRecords(connections), fetchedAt: NOW, clockOffsetMs: 0, latencyMs: 0, pages: 1};
	return fleetReducer(initialFleetState(), {type: 'poll-succeeded', snapshot});
}

type Case = {
	seed: number;
	size: number;
	columns: number;
	rows: number;
	selected: number;
	grouped: boolean;
	ascii: boolean;
};

/** The screen (each cell's character and SGR style) after the live view's frame of `scenario`, with or without. */
async function screen(scenario: Case, withOverlay: boolean): Promise<string> {
	const {columns, rows} = scenario;
	const state = fleetState(scenario.seed, scenario.size);
	const allRows = selectRows(state, NOW);
	const shownRows = sortRows(allRows, DEFAULT_SORT);
	const lines = scenario.grouped ? tableLines(shownRows, 'machine', new Set()).lines : shownRows;
	const target = Object.assign(new PassThrough(), {columns, rows, isTTY: true});
	const written: string[] = [];
	target.on('data', chunk => written.push(String(chunk)));
	const overlay = withOverlay ? createRowOverlay() : undefined;
	// ASCII mode is the writer's transform (ui/run.tsx): the overlay's rows go through it too.
	const transform = scenario.ascii ? toAscii : undefined;
	const writer = terminalWriter(target, {synchronizedOutput: false, overlay, transform});
	const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => {}, ref: () => {}, unref: () => {}});
	const element = (
		<FleetScreen
			state={state}
			view={initialViewState}
			now={NOW}
			columns={columns}
			rows={rows}
			layout={layoutColumns(COLUMNS, columns)}
			allRows={allRows}
			shownRows={shownRows}
			serverNow={rowsServerNow(state, NOW)}
			lines={lines}
			selectedIndex={Math.min(scenario.selected, lines.length - 1)}
			detail={null}
			paneMaxScroll={0}
			label="overlay test"
			keySource="demo"
			intervalMs={2000}
			symbols={UNICODE_SYMBOLS}
		/>
	);
	const instance = render(overlay ? <RowOverlayContext value={overlay}>{element}</RowOverlayContext> : element, {
		...LIVE_RENDER_OPTIONS,
		patchConsole: false,
		stdout: writer.stream as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
	});
	await new Promise(resolve => setTimeout(resolve, 50));
	const model = createScreenModel(columns, rows);
	feedScreen(model, written.join(''), () => {});
	instance.unmount();
	writer.dispose();
	const styles = Array.from(model.grid.styles, id => JSON.stringify(model.table.styles[id]));
	return `${gridText(model.grid)}\n${styles.join(',')}`;
}

describe('rows drawn beside Ink', () => {
	it('leave the same screen as rows drawn by Ink', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					seed: fc.integer({min: 1, max: 50}),
					size: fc.integer({min: 0, max: 60}),
					columns: fc.integer({min: 40, max: 220}),
					rows: fc.integer({min: 10, max: 50}),
					selected: fc.integer({min: 0, max: 60}),
					grouped: fc.boolean(),
					ascii: fc.boolean(),
				}),
				async scenario => {
					expect(await screen(scenario, true)).toBe(await screen(scenario, false));
				},
			),
			{numRuns: 25},
		);
	});
});
