/**
 * For terminals whose locale is not UTF-8 (or --ascii): every glyph the app
 * draws has a one-cell ASCII stand-in, so layout does not move. Applied to
 * what is written, not to the data: names are shown as they are.
 */
const GLYPHS: Record<string, string> = {
	'●': '*',
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
	'…': '~',
	'⚠': '!',
	'✓': '+',
	'×': 'x',
	'▁': '_',
	'▂': '.',
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

/**
 * The terminal stream with every write passed through toAscii; everything
 * else (columns, rows, isTTY, resize events) is the real stream's.
 */
export function asciiStream<T extends NodeJS.WritableStream>(stream: T): T {
	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write') {
				return (chunk: unknown, ...rest: unknown[]) =>
					(target.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? toAscii(chunk) : chunk, ...rest);
			}

			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
