/**
 * SGR (Select Graphic Rendition, `ESC [ … m`) styles as values: parsed from
 * what Ink writes, interned to small numbers so a cell's style compares in one
 * step, and turned back into the shortest code that moves a terminal from one
 * style to another. Only SGR: every API string is sanitized before it reaches
 * Ink (src/api/sanitize.ts), so no other sequence hides in the text.
 */

/** Attribute bits of a style. */
const BOLD = 1;
const DIM = 2;
const ITALIC = 4;
const UNDERLINE = 8;
const BLINK = 16;
const INVERSE = 32;
const HIDDEN = 64;
const STRIKE = 128;

/** [bit, code that sets it, code that clears it]; bold and dim share 22. */
const ATTRIBUTES: ReadonlyArray<readonly [number, number, number]> = [
	[BOLD, 1, 22],
	[DIM, 2, 22],
	[ITALIC, 3, 23],
	[UNDERLINE, 4, 24],
	[BLINK, 5, 25],
	[INVERSE, 7, 27],
	[HIDDEN, 8, 28],
	[STRIKE, 9, 29],
];

/**
 * A style: attribute bits and colours as their SGR parameters ('' = the terminal's default, else e.g. '31',
 * '38;5;208').
 */
export type Style = {readonly attributes: number; readonly fg: string; readonly bg: string};

/** Interned styles: id 0 is the default style (no attributes, default colours). */
export type StyleTable = {
	readonly styles: Style[];
	readonly ids: Map<string, number>;
};

export function createStyleTable(): StyleTable {
	return {styles: [{attributes: 0, fg: '', bg: ''}], ids: new Map([['0||', 0]])};
}

/** The id of `style`, added to the table if new. */
export function internStyle(table: StyleTable, style: Style): number {
	const key = `${style.attributes}|${style.fg}|${style.bg}`;
	let id = table.ids.get(key);
	if (id === undefined) {
		id = table.styles.length;
		table.styles.push(style);
		table.ids.set(key, id);
	}

	return id;
}

/** The style after applying the parameters of one SGR sequence (the text between `ESC [` and `m`) to `style`. */
export function applySgr(style: Style, parameters: string): Style {
	let {attributes, fg, bg} = style;
	const values = parameters === '' ? ['0'] : parameters.split(/[;:]/);
	for (let index = 0; index < values.length; index++) {
		const code = Number(values[index] || '0');
		if (code === 0) {
			attributes = 0;
			fg = '';
			bg = '';
		} else if (code === 38 || code === 48) {
			// Extended colour: 5;n (256 colours) or 2;r;g;b (true colour).
			const kind = values[index + 1];
			const length = kind === '5' ? 2 : kind === '2' ? 4 : 0;
			const colour = [String(code), ...values.slice(index + 1, index + 1 + length)].join(';');
			index += length;
			if (code === 38) fg = colour;
			else bg = colour;
		} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
			fg = String(code);
		} else if (code === 39) {
			fg = '';
		} else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
			bg = String(code);
		} else if (code === 49) {
			bg = '';
		} else {
			for (const [bit, on, off] of ATTRIBUTES) {
				if (code === on) attributes |= bit;
				else if (code === off) attributes &= ~bit;
			}
		}
	}

	return {attributes, fg, bg};
}

/**
 * The shortest SGR sequence that turns `from` into `to` ('' when they are the
 * same): either only what differs (22 to drop bold, 39 for the default
 * colour…) or a reset followed by all of `to`, whichever has fewer bytes.
 * `from` undefined means the terminal's style is not known: always a reset.
 */
export function sgrTransition(from: Style | undefined, to: Style): string {
	if (from && from.attributes === to.attributes && from.fg === to.fg && from.bg === to.bg) {
		return '';
	}

	const full = fullParameters(to);
	const reset = full.length === 0 ? '\u001B[m' : `\u001B[0;${full.join(';')}m`;
	if (!from) {
		return reset;
	}

	const parameters: string[] = [];
	const dropped = from.attributes & ~to.attributes;
	let added = to.attributes & ~from.attributes;
	if (dropped & (BOLD | DIM)) {
		parameters.push('22');
		// 22 clears both: set again whichever of the two stays.
		added |= to.attributes & (BOLD | DIM);
	}

	for (const [bit, on, off] of ATTRIBUTES) {
		if (bit !== BOLD && bit !== DIM && dropped & bit) parameters.push(String(off));
		if (added & bit) parameters.push(String(on));
	}

	if (from.fg !== to.fg) parameters.push(to.fg || '39');
	if (from.bg !== to.bg) parameters.push(to.bg || '49');
	const delta = `\u001B[${parameters.join(';')}m`;
	return delta.length <= reset.length ? delta : reset;
}

function fullParameters(style: Style): string[] {
	const parameters: string[] = [];
	for (const [bit, on] of ATTRIBUTES) if (style.attributes & bit) parameters.push(String(on));
	if (style.fg) parameters.push(style.fg);
	if (style.bg) parameters.push(style.bg);
	return parameters;
}
