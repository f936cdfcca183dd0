/**
 * The header at the widths operators use: what gives way first (view/header-layout.ts). The counts
 * and the outage are always there; the interval and the data's age are there from 60 columns.
 */
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {Header} from '../../src/ui/components/header.js';
import {fleetReducer, type FleetState, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';
import {displayWidth} from '../../src/view/text.js';
import {initialViewState} from '../../src/view/view-state.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const WIDTHS = [40, 60, 80, 120, 200];
const version = (id: string, lettaCodeVersion: string) =>
	rawConnection({id, metadata: {lettaCodeVersion}, lastHeartbeat: T0 - 1000});
const healthy = fleetReducer(initialFleetState(), {
	type: 'poll-succeeded',
	snapshot: snapshotOf([
		...Array.from({length: 31}, (_, index) => version(`new-${index}`, '0.14.2')),
		...Array.from({length: 6}, (_, index) => version(`mid-${index}`, '0.14.1')),
		...Array.from({length: 3}, (_, index) => offline({id: `old-${index}`, metadata: {lettaCodeVersion: '0.13.0'}})),
	]),
});
const outage = fleetReducer(healthy, {
	type: 'poll-failed',
	error: {
		kind: 'server',
		message: 'HTTP 503: the server is restarting, try again in a minute',
		status: 503,
		at: T0 + 30_000,
	},
	nextAttemptAt: T0 + 40_000,
	halted: false,
});

function header(state: FleetState, width: number, now: number, context?: string): string[] {
	const allRows = selectRows(state, now);
	const {lastFrame, unmount} = render(
		<Box width={width}>
			<Header
				state={state}
				view={initialViewState}
				allRows={allRows}
				shownCount={allRows.length}
				now={now}
				label="https://api.letta.com"
				keySource="env LETTA_API_KEY"
				intervalMs={2000}
				symbols={UNICODE_SYMBOLS}
				width={width}
				trend={state.onlineSeries}
				context={context}
			/>
		</Box>,
	);
	const lines = (lastFrame() ?? '').split('\n');
	unmount();
	return lines;
}

describe('the header when the width is short', () => {
	it.each(WIDTHS)('at %i columns: every count, within the width; the age and interval from 60', width => {
		const lines = header(healthy, width, T0 + 3000);
		expect(lines).toHaveLength(3);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
		expect(lines[1]).toMatch(/● 37\b.*◐ 0\b.*○ 3\b/u);
		if (width >= 60) expect(lines[2]).toContain('updated 3s ago · every 2s');
		else expect(lines[2]).toContain('3s ago · every 2s');
	});

	it.each(WIDTHS)('at %i columns during an outage: the failure and every count, and the data’s age', width => {
		const lines = header(outage, width, T0 + 35_000);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
		expect(lines[1]).toMatch(/^⚠ poll failed ×1.*● 37\b.*◐ 0\b.*○ 3\b/u);
		expect(lines[1]).not.toContain('versions');
		if (width >= 80) expect(lines[1]).toContain('retry in 5s');
		expect(lines[2]).toMatch(/^data from 35s ago/u);
	});

	it('shows the version drift as an extra, newest first, as much as fits', () => {
		expect(header(healthy, 200, T0 + 3000)[1]).toContain('versions 0.14.2 ×31 · 0.14.1 ×6 · 0.13.0 ×3');
		expect(header(healthy, 120, T0 + 3000)[1]).toContain('versions 0.14.2 ×31 · 0.14.1 ×6 · 0.13.0 ×3');
		expect(header(healthy, 104, T0 + 3000)[1]).toMatch(/versions 0.14.2 ×31 · 0.14.1 ×6 \+1 more$/u);
		expect(header(healthy, 80, T0 + 3000)[1]).not.toContain('versions');
	});

	it('names the context first on the key line, kept at 40 columns; none when there is no context', () => {
		expect(header(healthy, 40, T0, 'production')[0]).toMatch(/^letta-fleet context production · https/u);
		expect(header(healthy, 80, T0)[0]).toBe('letta-fleet https://api.letta.com · key: env LETTA_API_KEY');
	});
});
