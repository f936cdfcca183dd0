import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {helpText, keysHelpLines} from '../src/config/help-text.js';
import {keysMarkdownTable, keysUsageLine} from '../src/view/key-text.js';
import {ROOT} from './helpers/cli.js';

const readme = () => readFileSync(`${ROOT}/README.md`, 'utf8').split('\n');

/** The table under "## Keys (live view)": its lines from the header row to the first line that is not a row. */
function readmeKeyTable(): string[] {
	const lines = readme();
	const section = lines.indexOf('## Keys (live view)');
	expect(section, 'a "## Keys (live view)" section in README.md').toBeGreaterThan(-1);
	const start = lines.findIndex((line, index) => index > section && line.startsWith('|'));
	const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
	return lines.slice(start, end);
}

describe('README.md', () => {
	it('holds the key table generated from the keymap, exactly, so it cannot drift from the keys', () => {
		expect(readmeKeyTable()).toEqual(keysMarkdownTable());
	});

	it("copies --help's key line, which comes from the keymap too", () => {
		const lines = keysHelpLines();
		expect(lines.join(' ').replace(/\s+/g, ' ')).toBe(keysUsageLine());
		expect(helpText('0.0.0')).toContain(lines.join('\n'));
		expect(readme().join('\n')).toContain(lines.join('\n'));
	});
});
