/** --once and --json: one complete pass, printed, then exit. */
import {asApiError} from '../api/errors.js';
import {fleetReducer, initialFleetState} from '../fleet/reducer.js';
import {listenerGroups} from '../fleet/listeners.js';
import {rowsServerNow, selectRows} from '../fleet/rows.js';
import {narrowingFlags} from '../config/options.js';
import type {Options} from '../config/flags.js';
import {renderJson} from '../output/json.js';
import type {FleetSource} from '../source.js';
import {emptyTableText} from '../view/format.js';
import {filterRows, scopeRows, sortRows} from '../view/query.js';
import {setupOf, shownColumns} from '../view/column-choice.js';
import {type Io, print} from './io.js';
import {showWaiting} from './progress.js';

export async function runOnce(options: Options, source: FleetSource, io: Io): Promise<number> {
	let snapshot;
	const stopWaiting = showWaiting(io, source.label, options.timeoutMs);
	try {
		snapshot = await source.fetch(undefined, progress =>
			stopWaiting.progress(progress.connections.length, progress.pages),
		);
	} catch (error) {
		stopWaiting();
		io.stderr.write(`letta-fleet: ${asApiError(error).describe()}\n`);
		return 1;
	}

	stopWaiting();

	const state = fleetReducer(initialFleetState({staleAfterMs: options.staleAfterMs}), {
		type: 'poll-succeeded',
		snapshot,
	});
	const all = selectRows(state, snapshot.fetchedAt);
	// --scope, --filter and --sort (or their config keys) shape the table and the JSON as they start the live view;
	// --group-by and --columns only the table: the JSON stays one record per listener with every field, a stable
	// machine shape.
	const rows = sortRows(filterRows(scopeRows(all, options.scope), options.filter), options.sort);
	if (options.json) {
		return print(io, renderJson(rows));
	}

	if (rows.length === 0) {
		return print(io, `${emptyTableText(all.length, narrowingFlags(options))}\n`);
	}

	// Loaded only here: measuring cell widths (string-width) is a cost --json does not need.
	const [{renderTable}, {prefersAscii, toAscii}] = await Promise.all([
		import('../output/table.js'),
		import('../view/ascii.js'),
	]);
	const narrowed = rows.length < all.length;
	const machines = narrowed
		? new Set(rows.filter(row => !row.local).map(row => row.connection.deviceId)).size
		: listenerGroups(snapshot).machineCount;
	// A pipe has no width: give it every column at full width.
	const table =
		renderTable(
			rows,
			rowsServerNow(state, snapshot.fetchedAt),
			io.columns ?? 240,
			machines,
			options.groupBy,
			shownColumns(setupOf(options.columns)),
		) +
		(narrowed
			? `${rows.length} of ${all.length} shown: scope ${options.scope}${options.filter ? `, filter ${options.filter}` : ''}\n`
			: '');
	return print(io, prefersAscii(options.ascii, io.env) ? toAscii(table) : table);
}
