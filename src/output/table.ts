/** The plain table for --once and pipes: no Ink, no colour, every value sanitized at parse. */
import {countStatuses, type FleetRow} from '../fleet/rows.js';
import {type Column, COLUMNS} from '../view/columns.js';
import {formatListenerCount} from '../view/format.js';
import {layoutColumns} from '../view/layout.js';
import {fit} from '../view/text.js';

/**
 * `machines`: how many machines the listeners run on (fleet/listeners.ts listenerGroups). `columns`: the
 * ones `--columns` chose, in order (view/column-choice.ts shownColumns); every one by default. `width` in
 * cells drops them as the live view does.
 */
export function renderTable(rows: FleetRow[], width: number, machines: number, columns: Column[] = COLUMNS): string {
	const layout = layoutColumns(columns, width);
	const line = (cells: string[]) => `  ${cells.join(' ')}`.trimEnd();
	const lines = [line(layout.map(({column, width}) => fit(column.title, width, column.align)))];
	for (const row of rows) {
		lines.push(line(layout.map(({column, width}) => fit(column.text(row), width, column.align))));
	}

	const counts = countStatuses(rows);
	const duplicates = counts.duplicates > 0 ? `; ${counts.duplicates} flagged as duplicates (DUP)` : '';
	lines.push(
		'',
		`${formatListenerCount(rows.length, machines)}: ${counts.online} online, ${counts.stale} stale, ${counts.offline + counts.gone} offline${duplicates}`,
	);
	return lines.join('\n') + '\n';
}
