import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	asciiPieces,
	compareNames,
	cutTextCount,
	GENERATION_TEXTS,
	pieces,
	TURNOVER_LOOKUPS,
	unicodePieces,
} from '../../src/view/name-order.js';

const sorted = (names: string[]) => [...names].sort(compareNames);

/** Names as a fleet holds them: words, numbers, hex-ish ids and the punctuation between them. */
const name = fc
	.array(
		fc.oneof(
			fc.constantFrom('host', 'agent', 'sandbox', 'Ana', 'ana', 'MBP', 'ci', 'node', 'é', 'x'),
			fc.nat({max: 2000}).map(String),
			fc.stringMatching(/^[0-9a-f]{2,8}$/),
			fc.constantFrom('-', '.', '_', ' ', '/'),
		),
		{maxLength: 6},
	)
	.map(parts => parts.join(''));

describe('compareNames', () => {
	it('sorts hex-ish ids character by character, as they are written (issue 20)', () => {
		expect(sorted(['a3f9c2', '4f2a0b', '1e3d77', '12ab00'])).toEqual(['12ab00', '1e3d77', '4f2a0b', 'a3f9c2']);
		expect(
			sorted(['sandbox-agent-ff9a', 'sandbox-agent-ff50', 'sandbox-agent-fff3', 'sandbox-agent-ff1c']),
		).toEqual(['sandbox-agent-ff1c', 'sandbox-agent-ff50', 'sandbox-agent-ff9a', 'sandbox-agent-fff3']);
	});

	it('still reads a number as a number: host-2 before host-10, node9 before node10, 007 as 7', () => {
		expect(sorted(['host-10', 'host-2', 'host-1'])).toEqual(['host-1', 'host-2', 'host-10']);
		expect(sorted(['node10', 'node9'])).toEqual(['node9', 'node10']);
		expect(sorted(['ci-runner-10', 'ci-runner-9', 'ci-runner-007'])).toEqual([
			'ci-runner-007',
			'ci-runner-9',
			'ci-runner-10',
		]);
		expect(compareNames('build-99999999999999999999', 'build-100000000000000000000')).toBeLessThan(0);
	});

	it('ignores case and accents, as a person does', () => {
		expect(compareNames('Ana-air', 'ana-air')).toBe(0);
		expect(sorted(['Maya-MBP', 'gpu-box', 'ana'])).toEqual(['ana', 'gpu-box', 'Maya-MBP']);
	});

	it('orders plain ASCII words and hex ids exactly as the collator does (their fast path changes no order)', () => {
		const collator = new Intl.Collator(undefined, {sensitivity: 'base'});
		const sign = (value: number) => Math.sign(value);
		const letters = fc.stringMatching(/^[A-Za-z]{1,8}$/);
		const hexIds = fc.stringMatching(/^[0-9a-fA-F]{1,8}$/).filter(id => /\d/.test(id) && /[a-f]/i.test(id));
		for (const words of [letters, hexIds]) {
			fc.assert(
				fc.property(words, words, (a, b) => {
					expect(sign(compareNames(a, b))).toBe(sign(collator.compare(a, b)));
				}),
			);
		}
	});

	it('is a total order: antisymmetric and transitive on any names', () => {
		fc.assert(
			fc.property(name, name, name, (a, b, c) => {
				expect(Math.sign(compareNames(a, b))).toBe(-Math.sign(compareNames(b, a)) || 0);
				if (compareNames(a, b) <= 0 && compareNames(b, c) <= 0)
					expect(compareNames(a, c)).toBeLessThanOrEqual(0);
			}),
			{numRuns: 3000},
		);
	});

	it('keeps host-N in numeric order and N-digit hex ids in written order, whatever else is in the list', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.nat({max: 100_000}), {minLength: 2, maxLength: 30}),
				fc.uniqueArray(
					fc.stringMatching(/^[0-9a-f]{6}$/).filter(id => /\d/.test(id) && /[a-f]/.test(id)),
					{maxLength: 30},
				),
				(numbers, ids) => {
					const hosts = numbers.map(n => `host-${n}`);
					const all = sorted([...ids, ...hosts]);
					expect(all.filter(text => text.startsWith('host-'))).toEqual(
						[...numbers].sort((a, b) => a - b).map(n => `host-${n}`),
					);
					expect(all.filter(text => !text.startsWith('host-'))).toEqual([...ids].sort());
				},
			),
		);
	});
});

describe('pieces', () => {
	it('cuts an ASCII text by character codes exactly as the regular expressions cut it', () => {
		const ascii = fc.oneof(
			name.filter(text => /^[\u0000-\u007F]*$/.test(text)),
			fc.string({unit: fc.integer({min: 0, max: 127}).map(code => String.fromCharCode(code)), maxLength: 30}),
		);
		fc.assert(
			fc.property(ascii, text => {
				expect(asciiPieces(text)).toEqual(unicodePieces(text));
				expect(pieces(text)).toEqual(unicodePieces(text));
			}),
			{numRuns: 2000},
		);
	});

	it('cuts any other text by the regular expressions', () => {
		fc.assert(
			fc.property(fc.oneof(name, fc.string({unit: 'grapheme', maxLength: 20})), text => {
				expect(pieces(text)).toEqual(unicodePieces(text));
			}),
		);
		expect(pieces('Zoë-07')).toEqual(unicodePieces('Zoë-07'));
	});
});

describe('the texts compareNames keeps cut', () => {
	it('lets go of the names of listeners gone for good, however many came and went', () => {
		// A churning fleet: names that each sort once and are never listed again.
		for (let index = 0; index < 2.5 * GENERATION_TEXTS; index++) compareNames(`gone-${index}`, 'host-1');
		expect(cutTextCount()).toBeLessThanOrEqual(2 * GENERATION_TEXTS);

		// Then a fleet of 100 names, sorted over and over: within two turnovers only they are held.
		const fleet = Array.from({length: 100}, (_, index) => `host-${index}`);
		for (let lookups = 0; lookups < 2 * TURNOVER_LOOKUPS + 4 * fleet.length; lookups += 2 * fleet.length) {
			for (const name of fleet) compareNames(name, 'host-1');
		}

		expect(cutTextCount()).toBeLessThanOrEqual(2 * fleet.length);
		expect(sorted(['host-10', 'host-2', 'gone-7'])).toEqual(['gone-7', 'host-2', 'host-10']);
	});
});
