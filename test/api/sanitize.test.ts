import {describe, expect, it} from 'vitest';
import {isUnsafeText, sanitizeDeep, sanitizeText} from '../../src/api/sanitize.js';

// Any byte that could move the cursor, change the title, write the clipboard or reorder text.
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

describe('sanitizeText', () => {
	const hostile: Array<[string, string]> = [
		['CSI colour and clear', 'evil\u001B[31m\u001B[2Jname'],
		['OSC title with BEL', 'a\u001B]0;pwned\u0007b'],
		['OSC 52 clipboard with ST', 'a\u001B]52;c;ZWNobyBoaQ==\u001B\\b'],
		['OSC 8 hyperlink', '\u001B]8;;https://evil.example\u001B\\click\u001B]8;;\u001B\\'],
		['unterminated OSC', 'a\u001B]0;never ends'],
		['8-bit CSI', 'a\u009B31mb'],
		['C1 OSC', 'a\u009D0;title\u009Cb'],
		['DCS', 'a\u001BPq#0;2;0;0;0\u001B\\b'],
		['backspace and CR', 'safe\b\b\b\bEVIL\rX'],
		['NUL and BEL', 'a\u0000b\u0007c'],
		['bidi override', 'abc\u202Eexe.txt'],
		['isolates', '\u2066abc\u2069'],
		['lone ESC at end', 'abc\u001B'],
	];

	for (const [label, input] of hostile) {
		it(`leaves no control bytes: ${label}`, () => {
			const output = sanitizeText(input);
			expect(output).not.toMatch(UNSAFE);
			expect(isUnsafeText(input)).toBe(true);
		});
	}

	it('keeps the printable text around an escape', () => {
		expect(sanitizeText('evil\u001B[31mname')).toBe('evilname');
		expect(sanitizeText('a\u001B]0;pwned\u0007b')).toBe('ab');
	});

	it('turns line breaks and tabs into spaces so a value stays on one line', () => {
		expect(sanitizeText('two\nlines\tand tab')).toBe('two lines and tab');
	});

	it('unglues emoji whose width terminals disagree on, so columns stay aligned everywhere', () => {
		expect(sanitizeText('dev 👩‍💻 box')).toBe('dev 👩💻 box');
		expect(sanitizeText('👍🏽 ok')).toBe('👍 ok');
		expect(sanitizeText('de 🇩🇪')).toBe('de DE');
		expect(sanitizeText('❤️')).toBe('❤');
	});

	it('leaves ordinary text, accents, CJK and emoji alone', () => {
		for (const text of ['maya-mbp', 'Zoë’s Mac', '服务器-一号', 'build 🚀 box', 'feat/x-y_z']) {
			expect(sanitizeText(text)).toBe(text);
			expect(isUnsafeText(text)).toBe(false);
		}
	});

	it('cuts very long values with an ellipsis', () => {
		const output = sanitizeText('x'.repeat(5000), 100);
		expect(Array.from(output)).toHaveLength(100);
		expect(output.endsWith('…')).toBe(true);
	});

	it('sanitizes nested keys and values', () => {
		const output = sanitizeDeep({'k\u001B[1m': ['v\u0007', {deep: 'x\u001B]0;t\u0007'}], n: 3});
		expect(JSON.stringify(output)).not.toMatch(/\\u001b|\\u0007/i);
		expect(output).toEqual({k: ['v', {deep: 'x'}], n: 3});
	});
});
