import {describe, expect, it} from 'vitest';
import {HELP_WIDTH, hangingLines, helpText} from '../../src/config/help-text.js';
import {displayWidth} from '../../src/view/text.js';

describe('--help', () => {
	it('fits an 80-column terminal: no line is wider', () => {
		const wide = helpText('0.1.0')
			.split('\n')
			.filter(line => displayWidth(line) > HELP_WIDTH);
		expect(wide).toEqual([]);
	});

	it('keeps every word of every flag, in order, when it wraps', () => {
		const text = helpText('0.1.0');
		expect(text.replace(/\s+/g, ' ')).toContain(
			'--sort COLUMN[:desc] start sorted by a column (status, name, machine, mode, beat, up, last-seen,',
		);
	});
});

describe('a hanging indent', () => {
	it('starts the text at the indent, or on the next line when the left part reaches it', () => {
		expect(hangingLines('  --a', 'one two', 10, 20)).toEqual(['  --a     one two']);
		expect(hangingLines('  --a-long-name', 'one', 10, 20)).toEqual(['  --a-long-name', '          one']);
	});

	it('wraps at spaces to the width, later lines at the indent, and keeps a word longer than the room whole', () => {
		expect(hangingLines('  --a', 'one two three four', 10, 20)).toEqual([
			'  --a     one two',
			'          three four',
		]);
		const url = 'https://a-very-long-host.example/path';
		expect(hangingLines('  --a', `see ${url} now`, 10, 20)).toEqual([
			'  --a     see',
			`          ${url}`,
			'          now',
		]);
	});
});
