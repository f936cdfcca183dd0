/**
 * The keymap as people read it: keys written as help and the README write them, the footer's
 * hints fitted to a width, `--help`'s key line and the README's key table, all read off
 * BINDINGS (keymap.ts).
 */
import {BINDINGS, type Binding, hintsFor, type Hint, FOCUSES, type Focus} from './keymap.js';
import type {Key} from './key-parse.js';

/** How a key is written in help and the README. */
export function keyLabel(key: Key): string {
	const names: Record<string, string> = {
		up: '↑',
		down: '↓',
		left: '←',
		right: '→',
		pgup: 'PgUp',
		pgdn: 'PgDn',
		home: 'Home',
		end: 'End',
		enter: 'Enter',
		esc: 'Esc',
		tab: 'Tab',
		backtab: 'Shift-Tab',
		backspace: 'Backspace',
		delete: 'Delete',
		f1: 'F1',
		f10: 'F10',
		' ': 'Space',
		text: 'any text',
	};
	if (names[key]) return names[key];
	return key.startsWith('ctrl-') ? `Ctrl-${key.slice(5).toUpperCase()}` : key;
}

/** A binding's keys as help shows them ("↑ ↓ k j"). */
export function bindingLabel(binding: Binding): string {
	return binding.keys.map(([key]) => keyLabel(key)).join(' ');
}

/**
 * The hints that fit in `width` cells, joined by ` · ` in binding order: taken
 * by priority (highest first, earlier first among equals), each one that still
 * fits, so `? help` and `q quit` stay longest and no room is left that a
 * smaller hint could use. `measure` counts a string's cells (display width).
 */
export function fitHints(
	hints: readonly Hint[],
	width: number,
	measure: (text: string) => number = text => [...text].length,
): string {
	const byPriority = hints
		.map((hint, index) => ({hint, index}))
		.sort((a, b) => b.hint.priority - a.hint.priority || a.index - b.index);
	const kept: Array<{hint: Hint; index: number}> = [];
	const joined = (list: typeof kept) =>
		[...list]
			.sort((a, b) => a.index - b.index)
			.map(({hint}) => hint.label)
			.join(' · ');
	for (const entry of byPriority) {
		if (measure(joined([...kept, entry])) <= width) kept.push(entry);
	}

	return joined(kept);
}

/** `--help`'s line about keys: the table's most needed hints. */
export function keysUsageLine(): string {
	const hints = hintsFor('table')
		.filter(hint => hint.priority >= 6)
		.map(hint => hint.label);
	return `Keys in the live view: ${hints.join(', ')}; ? lists every key.`;
}

/** Where a binding applies (its focuses), as the README writes them. */
function whereText(where: readonly Focus[]): string {
	if (FOCUSES.every(focus => where.includes(focus))) return 'everywhere';
	const names: Record<Focus, string> = {
		table: 'table',
		detail: 'details',
		log: 'log',
		filter: 'filter',
		help: 'help',
		contexts: 'context picker',
		columns: 'columns',
	};
	return where.map(focus => names[focus]).join(', ');
}

/** The README's key table, generated: test/readme-keys.test.ts checks the README holds exactly these lines. */
export function keysMarkdownTable(): string[] {
	return [
		'| keys | where | does |',
		'| --- | --- | --- |',
		...BINDINGS.map(binding => {
			const keys = binding.keys.map(([key]) => (key === 'text' ? 'any text' : `\`${keyLabel(key)}\``)).join(' ');
			return `| ${keys} | ${whereText(binding.where)} | ${binding.does} |`;
		}),
	];
}
