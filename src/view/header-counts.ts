/**
 * The header's counts by status, once per list of rows rather than once per frame: a frame drawn for a key, the
 * flash expiring or a resize reads the same rows as the last (app.tsx keeps their identity until a tick or a poll
 * makes new ones), and counting 50 000 rows costs about 1.5 ms.
 */
import {countStatuses, type FleetRow, type StatusCounts} from '../fleet/rows.js';

const countsByRows = new WeakMap<readonly FleetRow[], StatusCounts>();

/**
 * fleet/rows.ts countStatuses of `rows`, kept per array (rows lists are never changed once made: selectRows makes a
 * new one each time). The answer is shared between callers: read only.
 */
export function headerCounts(rows: readonly FleetRow[]): StatusCounts {
	let counts = countsByRows.get(rows);
	if (counts === undefined) {
		counts = countStatuses(rows);
		countsByRows.set(rows, counts);
	}

	return counts;
}
