/** The plain table for --once and pipes: no Ink, no colour, every value sanitized at parse. */
import {countStatuses, type FleetRow} from '../fleet/rows.js';
import {cellText, type Column, COLUMNS} from '../view/columns.js';
import {formatListenerCount} from '../view/format.js';
import {layoutColumns} from '../view/layout.js';
import {type GroupBy, groupHeaderText, isGroupLine} from '../view/grouping.js';
import {tableLines} from '../view/table-lines.js';
import {UNICODE_SYMBOLS} from '../view/symbols.js';
import {fit, truncate} from '../view/text.js';

/**
 * `serverNow`: the rows' server time (epoch ms, fleet/rows.ts rowsServerNow), which their ages count to. `machines`:
 * how many machines the listeners run on (fleet/listeners.ts listenerGroups). `groupBy` other than `none` puts each
 * group's header line (`▾ 0.15.0 · 3/4 online · 1 offline`) above its rows, as the live view does. `columns`: the
 * ones `--columns` chose, in order (view/column-choice.ts shownColumns); every one by default. `width` in cells drops
 * them as the live view does.
 */
export function renderTable(
	rows: FleetRow[],
	serverNow: number,
	width: number,
	machines: number,
	groupBy: GroupBy = 'none',
	columns: Column[] = COLUMNS,
): string {
	const layout = layoutColumns(columns, width);
	const line = (cells: string[]) => `  ${cells.join(' ')}`.trimEnd();
	const lines = [line(layout.map(({column, width}) => fit(column.title, width, column.align)))];
	for (const shown of tableLines(rows, groupBy, new Set()).lines) {
		if (isGroupLine(shown)) {
			lines.push(truncate(`${UNICODE_SYMBOLS.groupOpen} ${groupHeaderText(shown)}`, width));
			continue;
		}

		lines.push(line(layout.map(({column, width}) => fit(cellText(column, shown, serverNow), width, column.align))));
	}

	const counts = countStatuses(rows);
	const duplicates = counts.duplicates > 0 ? `; ${counts.duplicates} flagged as duplicates (DUP)` : '';
	lines.push(
		'',
		`${formatListenerCount(rows.length, machines)}: ${counts.online} online, ${counts.stale} stale, ${counts.offline + counts.gone} offline${duplicates}`,
	);
	return lines.join('\n') + '\n';
}
