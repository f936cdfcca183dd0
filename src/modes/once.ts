/** --once and --json: one complete pass, printed, then exit. */
import {asApiError} from '../api/errors.js';
import {fleetReducer, initialFleetState} from '../fleet/reducer.js';
import {listenerGroups} from '../fleet/listeners.js';
import {selectRows} from '../fleet/rows.js';
import type {Options} from '../options.js';
import {renderJson} from '../output/json.js';
import type {FleetSource} from '../source.js';
import {DEFAULT_SORT, sortRows} from '../view/query.js';
import {type Io, print} from './io.js';
import {showWaiting} from './progress.js';

export async function runOnce(options: Options, source: FleetSource, io: Io): Promise<number> {
	let snapshot;
	const stopWaiting = showWaiting(io, source.label, options.timeoutMs);
	try {
		snapshot = await source.fetch();
	} catch (error) {
		stopWaiting();
		io.stderr.write(`letta-fleet: ${asApiError(error).describe()}\n`);
		return 1;
	}

	stopWaiting();

	const state = fleetReducer(initialFleetState({staleAfterMs: options.staleAfterMs}), {type: 'poll-succeeded', snapshot});
	const rows = sortRows(selectRows(state, snapshot.fetchedAt), DEFAULT_SORT);
	if (options.json) {
		return print(io, renderJson(rows));
	}

	// Loaded only here: measuring cell widths (string-width) is a cost --json does not need.
	const [{renderTable}, {prefersAscii, toAscii}] = await Promise.all([import('../output/table.js'), import('../view/ascii.js')]);
	// A pipe has no width: give it every column at full width.
	const table = renderTable(rows, io.columns ?? 240, listenerGroups(snapshot).machineCount);
	return print(io, prefersAscii(options.ascii, io.env) ? toAscii(table) : table);
}
