/** Which columns fit in a terminal width, and how wide each one gets. */
import type {Column} from './columns.js';

export type LaidOutColumn = {column: Column; width: number};

/** Cells before the first column: the selection pointer and the change symbol. */
export const ROW_PREFIX_WIDTH = 2;
export const COLUMN_GAP = 1;

export function layoutColumns(columns: Column[], totalWidth: number): LaidOutColumn[] {
	const available = Math.max(0, totalWidth - ROW_PREFIX_WIDTH);
	const kept = [...columns];
	const gaps = () => COLUMN_GAP * Math.max(0, kept.length - 1);
	const wanted = () => kept.reduce((sum, column) => sum + (column.fitWidth ?? column.minWidth), 0) + gaps();

	// Optional columns go before the name is squeezed below the width it is worth.
	while (wanted() > available) {
		const droppable = kept.filter(column => column.dropOrder > 0);
		if (droppable.length === 0) {
			break;
		}

		const first = droppable.reduce((lowest, column) => (column.dropOrder < lowest.dropOrder ? column : lowest));
		kept.splice(kept.indexOf(first), 1);
	}

	// Start each column at the width it is worth when that fits, else at its minimum.
	const roomy = wanted() <= available;
	const widths = kept.map(column => (roomy ? (column.fitWidth ?? column.minWidth) : column.minWidth));
	let spare = available - widths.reduce((sum, width) => sum + width, 0) - gaps();
	// Hand out the spare cells one at a time so every flexible column grows evenly.
	while (spare > 0) {
		let grew = false;
		for (let index = 0; index < kept.length && spare > 0; index++) {
			if (widths[index]! < kept[index]!.maxWidth) {
				widths[index]!++;
				spare--;
				grew = true;
			}
		}

		if (!grew) {
			break;
		}
	}

	// Too narrow even for the columns that never drop: squeeze the name, never below 4 cells.
	const overflow = -spare;
	if (overflow > 0) {
		const nameIndex = kept.findIndex(column => column.key === 'name');
		if (nameIndex >= 0) {
			widths[nameIndex] = Math.max(4, widths[nameIndex]! - overflow);
		}
	}

	return kept.map((column, index) => ({column, width: widths[index]!}));
}
