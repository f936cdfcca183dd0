import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {flagHelpLines} from '../src/config/help-text.js';
import {ROOT} from './helpers/cli.js';

/** The lines under "Flags:" in the README's copy of --help, up to the blank line that ends them. */
function readmeFlagLines(): string[] {
	const lines = readFileSync(`${ROOT}/README.md`, 'utf8').split('\n');
	const start = lines.indexOf('Flags:');
	expect(start, 'a "Flags:" line in README.md').toBeGreaterThan(-1);
	const end = lines.indexOf('', start);
	return lines.slice(start + 1, end);
}

describe('README.md', () => {
	it("copies --help's flag lines exactly, so it cannot drift from the flags table", () => {
		expect(readmeFlagLines()).toEqual(flagHelpLines());
	});
});
