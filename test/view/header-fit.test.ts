import {describe, expect, it} from 'vitest';
import {fitSegments, fittedText, type HeaderSegment} from '../../src/view/header-fit.js';
import {driftForms} from '../../src/view/version-drift.js';
import {versionCounts} from '../../src/fleet/versions.js';

const segment = (id: string, priority: number, forms: string[], extra: Partial<HeaderSegment> = {}): HeaderSegment => ({
	id,
	priority,
	forms: forms.map(text => [{text, tone: 'plain'}]),
	...extra,
});

describe('fitting a header line by priority', () => {
	const line = [
		segment('counts', 9, ['40 listeners: ● 30 online ○ 10 offline', '● 30 online ○ 10 offline', '● 30 ○ 10'], {
			required: true,
		}),
		segment('age', 8, ['updated 3s ago · every 2s', '3s ago · every 2s'], {separator: ' │ '}),
		segment('extra', 1, ['versions 0.14.2 ×31 · 0.14.1 ×6', 'versions 0.14.2 ×31 +1 more'], {separator: '  '}),
	];

	it('keeps everything whole where it fits, in the order given', () => {
		expect(fittedText(fitSegments(line, 200))).toBe(
			'40 listeners: ● 30 online ○ 10 offline │ updated 3s ago · every 2s  versions 0.14.2 ×31 · 0.14.1 ×6',
		);
	});

	it('shortens, then drops, the lowest priority first; a required piece only shortens', () => {
		expect(fittedText(fitSegments(line, 96))).toBe(
			'40 listeners: ● 30 online ○ 10 offline │ updated 3s ago · every 2s  versions 0.14.2 ×31 +1 more',
		);
		expect(fittedText(fitSegments(line, 70))).toBe(
			'40 listeners: ● 30 online ○ 10 offline │ updated 3s ago · every 2s',
		);
		expect(fittedText(fitSegments(line, 60))).toBe('40 listeners: ● 30 online ○ 10 offline │ 3s ago · every 2s');
		// The age gives way before the higher counts shorten.
		expect(fittedText(fitSegments(line, 40))).toBe('40 listeners: ● 30 online ○ 10 offline');
		expect(fittedText(fitSegments(line, 30))).toBe('● 30 online ○ 10 offline');
		expect(fittedText(fitSegments(line, 20))).toBe('● 30 ○ 10');
		// Below the shortest required form the line is left for the terminal to cut.
		expect(fittedText(fitSegments(line, 5))).toBe('● 30 ○ 10');
	});

	it('never goes past the width while a lower piece can give way', () => {
		for (let width = 9; width <= 120; width++) {
			expect(fittedText(fitSegments(line, width)).length).toBeLessThanOrEqual(width);
		}
	});
});

describe('version drift in the header', () => {
	const versions = [
		...Array.from({length: 31}, () => '0.14.2'),
		...Array.from({length: 6}, () => '0.14.1'),
		...Array.from({length: 3}, () => '0.13.0'),
		'0.9.9',
		null,
	];

	it('names versions newest first with their counts, those behind the newest in the warning tone', () => {
		const [longest] = driftForms(versionCounts(versions));
		expect(longest!.map(run => run.text).join('')).toBe(
			'versions 0.14.2 ×31 · 0.14.1 ×6 · 0.13.0 ×3 · 0.9.9 ×1 · none ×1',
		);
		const tones = longest!.filter(run => run.text.includes('×')).map(run => run.tone);
		expect(tones).toEqual(['plain', 'warning', 'warning', 'warning', 'warning']);
	});

	it('shortens to as many as fit, then +N more, down to the newest alone', () => {
		const forms = driftForms(versionCounts(versions)).map(form => form.map(run => run.text).join(''));
		expect(forms[1]).toBe('versions 0.14.2 ×31 · 0.14.1 ×6 · 0.13.0 ×3 · 0.9.9 ×1 +1 more');
		expect(forms.at(-1)).toBe('versions 0.14.2 ×31 +4 more');
		expect(driftForms([])).toEqual([]);
	});

	it('bounds what a hostile fleet can make it write: six versions at most, each cut to 16 cells', () => {
		const hostile = [...Array.from({length: 5000}, (_, index) => `1.0.${index}`), 'x'.repeat(100_000)];
		const [longest] = driftForms(versionCounts(hostile));
		expect(longest!.filter(run => run.text.includes('×'))).toHaveLength(6);
		expect(longest!.at(-1)!.text).toBe(' +4995 more');
		const [weird] = driftForms(versionCounts(['x'.repeat(100_000)]));
		expect(weird!.map(run => run.text).join('').length).toBeLessThan(40);
	});
});
