/**
 * For terminals whose locale is not UTF-8 (or --ascii): every glyph the app
 * draws has a one-cell ASCII stand-in, so layout does not move. Applied to
 * what is written, not to the data: names are shown as they are. No stand-in
 * means two things: a status is never an event's mark (online is `@`, since
 * `*` marks a change), no level of a bar is the band's "not watched" `.`, and a group's fold (`[` `]`) is
 * nothing else.
 */
const GLYPHS: Record<string, string> = {
	'●': '@',
	'◐': '!',
	'○': 'o',
	'✕': 'x',
	'›': '>',
	'─': '-',
	'│': '|',
	'·': '.',
	'→': '>',
	'←': '<',
	'↑': '^',
	'↓': 'v',
	// A group's fold: `[` opens its rows, `]` closes them. Not `+`/`-` as in htop: those are event marks here.
	'▾': '[',
	'▸': ']',
	'…': '~',
	'⚠': '!',
	'✓': '+',
	'×': 'x',
	'▁': '_',
	'▂': ',',
	'▃': '-',
	'▄': '-',
	'▅': '=',
	'▆': '=',
	'▇': '#',
	'█': '#',
};

const GLYPH_PATTERN = new RegExp(`[${Object.keys(GLYPHS).join('')}]`, 'g');

export function toAscii(text: string): string {
	return text.replace(GLYPH_PATTERN, glyph => GLYPHS[glyph] ?? glyph);
}

/** LC_ALL, then LC_CTYPE, then LANG decide, as the C library does; none set is the "C" locale. */
export function isUtf8Locale(env: NodeJS.ProcessEnv): boolean {
	const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'];
	return locale ? /utf-?8/i.test(locale) : false;
}

/** --ascii forces it; otherwise a locale that is not UTF-8 asks for it. */
export function prefersAscii(forced: boolean, env: NodeJS.ProcessEnv): boolean {
	return forced || !isUtf8Locale(env);
}
