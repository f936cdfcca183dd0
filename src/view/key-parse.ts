/**
 * Terminal input to key names, as terminals send it. Pure: no Ink import.
 *
 * Ink 8 splits stdin into events before any hook sees them (ink/build/input-parser.js):
 * plain text comes as one string (`/build\re` is one event: only DEL, BS and
 * Ctrl-C are split off), each complete CSI or SS3 sequence as its own event, a
 * lone `Esc` after 20 ms without a follow-up, and `Esc` followed at once by
 * another character (what ssh delivers when `Esc` and `4` are typed quickly)
 * as ONE event, `\x1b4`, which its `useInput` reports as Meta+4 with the
 * `Esc` lost. Here such an event is `Esc` and then that key: the live view has no
 * Alt/Meta bindings, so an escape prefix is always the `Esc` key itself.
 */

/**
 * A key: a printable character stands for itself (one code point: `q`, `/`, `é`);
 * other keys have names of two or more characters (`up`, `enter`, `esc`, `ctrl-l`, `f1`).
 */
export type Key = string;

/** The CSI `~` sequences' numbers, as xterm, VT220 and rxvt send them. */
const TILDE_KEYS: Readonly<Record<string, Key>> = {
	'1': 'home',
	'2': 'insert',
	'3': 'delete',
	'4': 'end',
	'5': 'pgup',
	'6': 'pgdn',
	'7': 'home',
	'8': 'end',
	'11': 'f1',
	'21': 'f10',
};

/** CSI and SS3 final letters (any modifier parameters are ignored: Shift+↑ is ↑). */
const LETTER_KEYS: Readonly<Record<string, Key>> = {
	A: 'up',
	B: 'down',
	C: 'right',
	D: 'left',
	H: 'home',
	F: 'end',
	Z: 'backtab',
};

/** A complete CSI (`ESC [ params final`) or SS3 (`ESC O final`) sequence at the start of `text`, or null. */
const SEQUENCE = /^\u001B(?:\[(\[?[0-?]*[ -/]*[@-~])|O([0-9;]*[@-~]))/;

/** The key a complete escape sequence is, or null when it is one the live view has no use for (mouse, focus, F5…). */
function sequenceKey(csi: string | undefined, ss3: string | undefined): Key | null {
	if (ss3 !== undefined) {
		const final = ss3.at(-1)!;
		return final === 'P' ? 'f1' : (LETTER_KEYS[final] ?? null);
	}

	const body = csi!;
	// The Linux console's F1 is `ESC [ [ A`.
	if (body === '[A') return 'f1';
	const final = body.at(-1)!;
	if (final === '~') return TILDE_KEYS[body.slice(0, -1).split(';')[0]!] ?? null;
	if (final === 'P' && body.length > 1) return 'f1';
	return LETTER_KEYS[final] ?? null;
}

/** One character typed as itself: C0 codes are Enter, Tab, Backspace or Ctrl+letter; the rest is text. */
function characterKey(character: string): Key | null {
	const code = character.codePointAt(0)!;
	if (character === '\r') return 'enter';
	if (character === '\t') return 'tab';
	if (character === '\u007F' || character === '\b') return 'backspace';
	if (code >= 1 && code <= 26) return `ctrl-${String.fromCodePoint(code + 96)}`;
	if (code < 32 || (code >= 0x80 && code < 0xa0)) return null;
	return character;
}

/**
 * The keys one input event holds, in order. `raw` is what the terminal sent,
 * as Ink's input parser cut it: text, an escape sequence, `Esc` followed by
 * something, or a lone `Esc` (after Ink's 20 ms wait for more).
 * An escape sequence the live view has no key for yields nothing, never text.
 */
export function parseKeys(raw: string): Key[] {
	const keys: Key[] = [];
	let rest = raw;
	while (rest.length > 0) {
		if (rest.startsWith('\u001B')) {
			const match = SEQUENCE.exec(rest);
			if (match) {
				const key = sequenceKey(match[1], match[2]);
				if (key) keys.push(key);
				rest = rest.slice(match[0].length);
			} else {
				// Esc alone, or Esc followed quickly by another key (or by the start of a sequence).
				keys.push('esc');
				rest = rest.slice(1);
			}

			continue;
		}

		const next = rest.indexOf('\u001B');
		const text = next === -1 ? rest : rest.slice(0, next);
		for (const character of text) {
			const key = characterKey(character);
			if (key) keys.push(key);
		}

		rest = next === -1 ? '' : rest.slice(next);
	}

	return keys;
}

/** Whether a key is text (a printable character) rather than a named key. */
export function isText(key: Key): boolean {
	return [...key].length === 1;
}
