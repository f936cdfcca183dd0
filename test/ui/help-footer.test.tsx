/**
 * Help and footer fit every size: the footer keeps `? help` and `q quit` from
 * 40 columns, and the help overlay scrolls instead of spilling over itself,
 * at 60x20 and 40x10 against the demo server.
 */
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {Footer} from '../../src/ui/components/footer.js';
import {displayWidth} from '../../src/view/text.js';
import {initialViewState, type ViewState} from '../../src/view/view-state.js';
import {demoAppHarness, KEYS} from '../helpers/app.js';

const VIEWS: Record<string, ViewState> = {
	table: initialViewState,
	detail: {...initialViewState, pane: 'detail'},
	log: {...initialViewState, pane: 'log'},
	help: {...initialViewState, help: true},
};

describe('the footer', () => {
	for (const width of [40, 60, 80]) {
		it(`keeps ? help and q quit on one line of ${width} columns, wherever the operator is`, () => {
			for (const [where, view] of Object.entries(VIEWS)) {
				const {lastFrame, unmount} = render(
					<Box width={width}>
						<Footer view={view} width={width} />
					</Box>,
				);
				const lines = (lastFrame() ?? '').split('\n');
				unmount();
				expect(lines, where).toHaveLength(1);
				expect(displayWidth(lines[0]!), where).toBeLessThanOrEqual(width);
				expect(lines[0], where).toContain('? help');
				expect(lines[0], where).toContain('q quit');
			}
		});
	}

	it('drops the lowest hints first: at 40 columns the table keeps select and filter, at 80 more, r poll too', () => {
		const at = (width: number) => render(<Footer view={initialViewState} width={width} />).lastFrame() ?? '';
		expect(at(40)).toBe('↑↓ select · / filter · ? help · q quit');
		expect(at(80)).toContain('Enter details');
		expect(at(80)).toContain('r poll');
		expect(at(100)).toContain('r poll');
		expect(at(100)).toContain('1-4 scope');
	});

	it('while the filter is typed, shows the prompt and what Enter and Esc do, within the width', () => {
		const frame =
			render(
				<Footer view={{...initialViewState, filterEditing: true, filter: 'build'}} width={40} />,
			).lastFrame() ?? '';
		expect(frame).toMatch(/^\/build {3}Esc clear · Enter keep/);
		expect(displayWidth(frame)).toBeLessThanOrEqual(40);
	});
});

describe('the help overlay against the demo server', () => {
	const harness = demoAppHarness({seed: 4, size: 30, churnPerMinute: 0});
	afterEach(() => harness.stop());

	for (const [columns, rows] of [
		[60, 20],
		[40, 10],
	] as const) {
		it(`at ${columns}x${rows}: fills the screen exactly, one title, no line cut off or repeated, and scrolls to its end`, async () => {
			const {app: ui} = await harness.start({}, {size: {columns, rows}});
			await ui.waitForText(text => text.includes('STATUS'), 'the table');
			await ui.press('?', text => text.includes(' Keys '), 'the help overlay');
			const check = () => {
				const lines = ui.lines();
				expect(lines).toHaveLength(rows);
				for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
				expect(lines.filter(line => line.includes(' Keys ')).length).toBe(1);
				// The last line is the footer, whole.
				expect(lines.at(-1)).toContain('? help');
				expect(lines.at(-1)).toContain('q quit');
				return lines;
			};

			const first = check();
			expect(first.join('\n')).toContain('↑ ↓ k j');
			await ui.press(KEYS.down, text => text.split('\n')[4] !== first[4], 'help scrolled by a line');
			check();
			await ui.press(KEYS.pageDown, text => !text.includes('↑ ↓ k j'), 'help scrolled by a page');
			check();
			await ui.press('G', text => text.includes('marks:') || text.includes('changed'), 'the end of help');
			check();
			// The last binding is above the columns' legend and the marks: a line at a time back up to it.
			for (let step = 0; step < 80 && !ui.frame().includes('q F10 Ctrl-C'); step++) {
				const before = ui.frame();
				await ui.press(KEYS.up, text => text !== before, 'help scrolled up a line');
				check();
			}

			expect(ui.frame()).toContain('q F10 Ctrl-C');
			await ui.press(KEYS.escape, text => text.includes('STATUS') && !text.includes(' Keys '), 'help closed');
		});
	}
});
