/**
 * Which columns the table shows and in what order, as top's `f` field manager and htop's F2 setup
 * choose them: from `--columns` (or the config file's `columns`) at start, and from the `f` chooser
 * in the live view. Pure. The names are the ones `--sort` takes (each column's title, lower case
 * with dashes, and its key), so `dup` names DUP. A narrow terminal still drops columns by their
 * `dropOrder` (layout.ts), whatever order was chosen.
 */
import {type Column, type ColumnKey, COLUMNS, columnByKey} from './columns.js';

/**
 * Every column in the order the table shows it, each shown or hidden. Always every column once: the
 * hidden ones stay in the list so that the chooser can show them again where they were.
 */
export type ColumnSetup = ReadonlyArray<{key: ColumnKey; shown: boolean}>;

/** A column's name as `--columns` and `--sort` take it and `letta-fleet config` shows it: `last-seen`, `dup`. */
export function columnName(column: Column): string {
	return column.title.toLowerCase().replaceAll(' ', '-');
}

/** Every name a column answers to, lower case: its title's name, then its key when that differs (`duplicate`). */
export const COLUMN_NAMES: ReadonlyMap<string, ColumnKey> = new Map(
	COLUMNS.flatMap(column => [
		[columnName(column), column.key] as const,
		[column.key.toLowerCase(), column.key] as const,
	]),
);

/** Every column, shown, in the table's own order. */
export const DEFAULT_SETUP: ColumnSetup = COLUMNS.map(column => ({key: column.key, shown: true}));

/** The setup that shows `keys` in that order, every other column hidden after them (in the table's own order). */
export function setupOf(keys: readonly ColumnKey[]): ColumnSetup {
	return [
		...keys.map(key => ({key, shown: true})),
		...COLUMNS.filter(column => !keys.includes(column.key)).map(column => ({key: column.key, shown: false})),
	];
}

/** The columns a setup shows, in its order. */
export function shownColumns(setup: ColumnSetup): Column[] {
	return setup.filter(entry => entry.shown).map(entry => columnByKey(entry.key));
}

/** Whether a setup is the table's own: every column shown, in the table's order. */
export function isDefaultSetup(setup: ColumnSetup): boolean {
	return setup.every((entry, index) => entry.shown && entry.key === COLUMNS[index]!.key);
}

/** What the chooser says when Space would hide the last of STATUS and NAME. */
export const KEEP_ONE_OF = 'STATUS and NAME cannot both be hidden: one of them says which row it is';

/**
 * The setup with the column at `index` shown or hidden; `refused` (KEEP_ONE_OF) instead when that would
 * hide both STATUS and NAME.
 */
export function toggleColumn(setup: ColumnSetup, index: number): {setup: ColumnSetup; refused?: string} {
	const entry = setup[index];
	if (!entry) return {setup};
	const next = setup.map((item, at) => (at === index ? {...item, shown: !item.shown} : item));
	const identifies = next.some(item => item.shown && (item.key === 'status' || item.key === 'name'));
	return identifies ? {setup: next} : {setup, refused: KEEP_ONE_OF};
}

/** The setup with the column at `index` moved one place earlier (-1) or later (1); unchanged at either end. */
export function moveColumn(setup: ColumnSetup, index: number, by: 1 | -1): ColumnSetup {
	const to = index + by;
	if (!setup[index] || to < 0 || to >= setup.length) return setup;
	const next = [...setup];
	[next[index], next[to]] = [next[to]!, next[index]!];
	return next;
}

/** The view line's note when columns are hidden by choice (`cols 6/14`); '' when every column is chosen. */
export function chosenCountText(setup: ColumnSetup): string {
	const shown = setup.filter(entry => entry.shown).length;
	return shown < setup.length ? `cols ${shown}/${setup.length}` : '';
}

/**
 * The column keys of a `--columns` list, in its order, or an Error whose message says what is wrong:
 * an empty list, an unknown name (with `suggest`'s nearest name, if any), a name given twice, or a list
 * with neither status nor name. `names` are the typed names (trimmed, any case).
 */
export function parseColumnNames(
	names: readonly string[],
	suggest: (typed: string, known: readonly string[]) => string | undefined,
): ColumnKey[] | Error {
	const valid = COLUMNS.map(columnName);
	const typed = names.map(name => name.trim()).filter(name => name !== '');
	if (typed.length === 0) {
		return new Error(`takes at least one column (${valid.join(', ')})`);
	}

	const keys: ColumnKey[] = [];
	for (const name of typed) {
		const key = COLUMN_NAMES.get(name.toLowerCase());
		if (key === undefined) {
			const near = suggest(name, valid);
			return new Error(
				`has no column ${JSON.stringify(name)}${near ? `; did you mean ${near}?` : ''} (columns: ${valid.join(', ')})`,
			);
		}

		if (keys.includes(key)) {
			return new Error(`names ${columnName(columnByKey(key))} twice; give each column once`);
		}

		keys.push(key);
	}

	if (!keys.includes('status') && !keys.includes('name')) {
		return new Error('needs status or name (or both): a row must say which listener it is or how it is');
	}

	return keys;
}

/** One line of the column chooser: the cursor, the shown mark, the title and what the column means. */
export type ChooserLine = {text: string; cursor: boolean; shown: boolean};

/** The chooser's lines, one per column in the setup's order (top to bottom is left to right in the table). */
export function chooserLines(setup: ColumnSetup, cursor: number): ChooserLine[] {
	const titleWidth = Math.max(...COLUMNS.map(column => column.title.length));
	return setup.map((entry, index) => {
		const column = columnByKey(entry.key);
		const mark = entry.shown ? '[x]' : '[ ]';
		return {
			text: `${index === cursor ? '›' : ' '} ${mark} ${column.title.padEnd(titleWidth)}  ${column.means}`,
			cursor: index === cursor,
			shown: entry.shown,
		};
	});
}
