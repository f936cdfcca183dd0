/**
 * The header counts its rows once per list and its versions once per snapshot (view/header-counts.ts,
 * view/version-drift.ts), not once per frame: a frame after a poll must still say the new poll's counts and
 * versions, exactly as a header drawn fresh for that poll does.
 */
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {Header} from '../../src/ui/components/header.js';
import {fleetReducer, type FleetState, initialFleetState} from '../../src/fleet/reducer.js';
import {selectRows} from '../../src/fleet/rows.js';
import {UNICODE_SYMBOLS} from '../../src/view/symbols.js';
import {initialViewState} from '../../src/view/view-state.js';
import {offline, rawConnection, snapshotOf, T0} from '../helpers/fixtures.js';

const WIDTH = 200;
const listener = (id: string, lettaCodeVersion: string) =>
	rawConnection({id, metadata: {lettaCodeVersion}, lastHeartbeat: T0 - 1000});

function headerOf(state: FleetState, now: number) {
	const allRows = selectRows(state, now);
	return (
		<Box width={WIDTH}>
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
				width={WIDTH}
				trend={state.onlineSeries}
			/>
		</Box>
	);
}

function fresh(state: FleetState, now: number): string {
	const {lastFrame, unmount} = render(headerOf(state, now));
	const frame = lastFrame() ?? '';
	unmount();
	return frame;
}

describe('the header after a poll', () => {
	it('says the new poll’s counts and versions, as a header drawn fresh for it does', () => {
		const first = fleetReducer(initialFleetState(), {
			type: 'poll-succeeded',
			snapshot: snapshotOf([listener('a', '0.14.2'), listener('b', '0.14.2'), listener('c', '0.14.1')]),
		});
		// One listener upgraded, one went offline, one joined on a new version.
		const second = fleetReducer(first, {
			type: 'poll-succeeded',
			snapshot: snapshotOf(
				[
					listener('a', '0.15.0'),
					offline({id: 'b', metadata: {lettaCodeVersion: '0.14.2'}}),
					listener('c', '0.14.1'),
					listener('d', '0.15.0'),
				],
				T0 + 2000,
			),
		});
		const {lastFrame, rerender, unmount} = render(headerOf(first, T0));
		// The same frame drawn twice reads the kept counts: it must not change.
		rerender(headerOf(first, T0));
		expect(lastFrame()).toBe(fresh(first, T0));
		expect(lastFrame()).toContain('0.14.2 ×2');
		rerender(headerOf(second, T0 + 2000));
		const after = lastFrame() ?? '';
		unmount();
		expect(after).toBe(fresh(second, T0 + 2000));
		expect(after).toContain('versions 0.15.0 ×2 · 0.14.2 ×1 · 0.14.1 ×1');
		expect(after).toMatch(/3 online .*1 offline/);
	});
});
