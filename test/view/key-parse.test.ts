/**
 * Terminal input to keys, as Ink 8's input parser hands it over: a chunk of
 * text, one escape sequence, a lone Esc, or Esc with the key typed right after it.
 */
import {describe, expect, it} from 'vitest';
import {isText, parseKeys} from '../../src/view/key-parse.js';

describe('parseKeys', () => {
	it('splits a chunk of typed text into keys: Enter, Tab, Backspace and Ctrl-letters are keys, not text', () => {
		expect(parseKeys('/build\re')).toEqual(['/', 'b', 'u', 'i', 'l', 'd', 'enter', 'e']);
		expect(parseKeys('a\tb\u007F\b')).toEqual(['a', 'tab', 'b', 'backspace', 'backspace']);
		expect(parseKeys('\u000C\u0005\u0011\u0003\u001A')).toEqual(['ctrl-l', 'ctrl-e', 'ctrl-q', 'ctrl-c', 'ctrl-z']);
		expect(parseKeys('é✓🙂')).toEqual(['é', '✓', '🙂']);
	});

	it('reads Esc followed at once by a key (as ssh delivers it, and Ink hands over as one event) as Esc, then that key', () => {
		expect(parseKeys('\u001B4')).toEqual(['esc', '4']);
		expect(parseKeys('\u001Bq')).toEqual(['esc', 'q']);
		expect(parseKeys('\u001B')).toEqual(['esc']);
		// Esc then an arrow key.
		expect(parseKeys('\u001B\u001B[A')).toEqual(['esc', 'up']);
		// Esc then `[` typed quickly, flushed by Ink's timeout before a final byte came.
		expect(parseKeys('\u001B[')).toEqual(['esc', '[']);
		expect(parseKeys('\u001BO')).toEqual(['esc', 'O']);
	});

	it('knows the sequences xterm, VT220, rxvt and the Linux console send', () => {
		expect(parseKeys('\u001B[A\u001B[B\u001B[C\u001B[D')).toEqual(['up', 'down', 'right', 'left']);
		expect(parseKeys('\u001BOA\u001BOB')).toEqual(['up', 'down']);
		expect(parseKeys('\u001B[1;2A')).toEqual(['up']);
		expect(parseKeys('\u001B[5~\u001B[6~\u001B[H\u001B[F\u001B[1~\u001B[4~\u001B[7~\u001B[8~')).toEqual([
			'pgup',
			'pgdn',
			'home',
			'end',
			'home',
			'end',
			'home',
			'end',
		]);
		expect(parseKeys('\u001BOP\u001B[11~\u001B[[A')).toEqual(['f1', 'f1', 'f1']);
		expect(parseKeys('\u001B[21~')).toEqual(['f10']);
		expect(parseKeys('\u001B[Z\u001B[3~')).toEqual(['backtab', 'delete']);
	});

	it('drops sequences it has no key for (F5, focus reports) rather than reading them as text', () => {
		expect(parseKeys('\u001B[15~')).toEqual([]);
		expect(parseKeys('\u001B[I\u001BOQ')).toEqual([]);
		expect(parseKeys('\u001B[15~q')).toEqual(['q']);
	});

	it('tells text from named keys', () => {
		expect(['q', '/', 'é', '🙂'].every(isText)).toBe(true);
		expect(['up', 'esc', 'ctrl-l', 'f1'].some(isText)).toBe(false);
	});
});
