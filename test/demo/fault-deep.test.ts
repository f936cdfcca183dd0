/** The `deep` fault's spec (its own file: other fault kinds are added to faults.test.ts in parallel). */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {DEEP_DEFAULT_LEVELS, DEEP_MAX_LEVELS} from '../../src/demo/fault-spec.js';
import {FAULT_SPEC_HELP, formatFaultRule, parseFaultSpec} from '../../src/demo/faults.js';
import {ROOT} from '../helpers/cli.js';

describe('--fault deep[:LEVELS]', () => {
	it.each([
		['deep', {fault: {kind: 'deep', levels: DEEP_DEFAULT_LEVELS}}],
		['deep:100000@list', {fault: {kind: 'deep', levels: 100_000}, route: 'list'}],
		['deep:1*2', {fault: {kind: 'deep', levels: 1}, times: 2}],
	])('reads %s, and reads back what it formats', (spec, rule) => {
		expect(parseFaultSpec(spec)).toEqual(rule);
		expect(parseFaultSpec(formatFaultRule(parseFaultSpec(spec)))).toEqual(rule);
	});

	it.each([
		['deep:0', `deep needs a whole number of levels from 1 to ${DEEP_MAX_LEVELS}, got 0`],
		[
			`deep:${DEEP_MAX_LEVELS + 1}`,
			`deep needs a whole number of levels from 1 to ${DEEP_MAX_LEVELS}, got ${DEEP_MAX_LEVELS + 1}`,
		],
		['deep:many', 'deep takes a number of levels, e.g. deep:100000, got "many"'],
	])('refuses %s with a one-line reason', (spec, reason) => {
		expect(() => parseFaultSpec(spec)).toThrow(`Invalid fault "${spec}": ${reason}`);
	});
});

it("README and --fault's help say the default and the bound", () => {
	const readme = readFileSync(`${ROOT}/README.md`, 'utf8').replaceAll(/\s+/g, ' ');
	const spaced = (value: number) => value.toLocaleString('en-US').replaceAll(',', ' ');
	expect(readme).toContain(
		`\`deep[:LEVELS]\` (the first record of each page with metadata nested LEVELS deep, default ${spaced(DEEP_DEFAULT_LEVELS)}, at most ${spaced(DEEP_MAX_LEVELS)})`,
	);
	expect(FAULT_SPEC_HELP).toContain(
		`deep[:LEVELS] (the first record of a page with metadata nested LEVELS deep, default ${DEEP_DEFAULT_LEVELS})`,
	);
});
