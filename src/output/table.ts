/** The plain table for --once and pipes: no Ink, no colour, every value sanitized at parse. */
import {countStatuses, type FleetRow} from '../fleet/rows.js';
import {COLUMNS} from '../view/columns.js';
import {layoutColumns} from '../view/layout.js';
import {fit} from '../view/text.js';

export function renderTable(rows: FleetRow[], width: number): string {
	const layout = layoutColumns(COLUMNS, width);
	const line = (cells: string[]) => `  ${cells.join(' ')}`.trimEnd();
	const lines = [line(layout.map(({column, width}) => fit(column.title, width, column.align)))];
	for (const row of rows) {
		lines.push(line(layout.map(({column, width}) => fit(column.text(row), width, column.align))));
	}

	const counts = countStatuses(rows);
	lines.push('', `${rows.length} devices: ${counts.online} online, ${counts.stale} stale, ${counts.offline + counts.gone} offline`);
	return lines.join('\n') + '\n';
}
