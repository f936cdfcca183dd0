/**
 * Where the live view's keys come from when stdin is not a terminal, and the words used when
 * there is no terminal at all (the setsid case itself runs in test/e2e/terminal-input.test.ts).
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {openKeyboard} from '../../src/process/controlling-terminal.js';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

describe('openKeyboard', () => {
	it('says why there is no terminal: a device that is missing, or one that is not a terminal', () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-terminal-'));
		folders.push(folder);
		const missing = path.join(folder, 'tty');
		expect(openKeyboard(new PassThrough(), missing)).toEqual({problem: `stdin is not one, ${missing}: ENOENT`});
		expect(openKeyboard(new PassThrough(), '/dev/null')).toEqual({problem: 'stdin is not one, nor is /dev/null'});
	});

	it('takes stdin itself when it is a terminal, and closing it leaves stdin open', () => {
		const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => stdin});
		const keyboard = openKeyboard(stdin, '/nonexistent');
		expect('input' in keyboard && keyboard.input).toBe(stdin);
		if ('close' in keyboard) keyboard.close();
		expect(stdin.destroyed).toBe(false);
	});
});
