/**
 * Every key of the live view, declared once as data (as k9s's key actions and
 * lazygit's bindings are): which keys, where they apply, what they do, how help
 * describes them and what the footer hints. The help overlay, the footer,
 * `--help`'s key line and the README's key table are all read off BINDINGS
 * (key-text.ts), and `applyKeys` (apply-keys.ts, the whole key handling, pure)
 * looks keys up in it.
 * No Ink or React import: this is tested without a terminal or a server.
 */
import {COLUMNS} from './columns.js';
import {GROUP_BYS, NO_VALUE} from './grouping.js';
import {isText, type Key} from './key-parse.js';
import {TRAVEL_STEPS_MS} from './time-jump.js';
import type {Scope} from './query.js';
import {DETAIL_TABS, type ViewState} from './view-state.js';

/**
 * Where a key applies: the table, an open pane (details, the full event log), the filter prompt, the help overlay, or
 * the context picker (`x`), or the column chooser (`f`).
 */
export type Focus = 'table' | 'detail' | 'log' | 'filter' | 'help' | 'contexts' | 'columns';
export const FOCUSES: readonly Focus[] = ['table', 'detail', 'log', 'filter', 'help', 'contexts', 'columns'];

/** What a key asks for, as data. Line, page and edge move the selection on the table and scroll a pane or help. */
export type Command =
	| {do: 'line'; by: 1 | -1}
	| {do: 'page'; by: 1 | -1}
	| {do: 'edge'; to: 'first' | 'last'}
	| {do: 'open'}
	| {do: 'back'}
	| {do: 'help'}
	| {do: 'filter'}
	| {do: 'filter-keep'}
	| {do: 'filter-erase'}
	| {do: 'text'}
	| {do: 'scope'; scope: Scope}
	| {do: 'sort'; column: (typeof COLUMNS)[number]['key']}
	| {do: 'group-by'}
	| {do: 'fold'; open: boolean}
	| {do: 'log'}
	| {do: 'chooser'}
	| {do: 'column-toggle'}
	| {do: 'column-move'; by: 1 | -1}
	| {do: 'tab'; by: 1 | -1}
	| {do: 'tab-to'; index: number}
	| {do: 'copy'}
	| {do: 'export'; format: 'csv' | 'json'}
	| {do: 'travel'; byMs: number}
	| {do: 'travel-prompt'}
	| {do: 'pause'}
	| {do: 'poll'}
	| {do: 'contexts'}
	| {do: 'quit'}
	| {do: 'interrupt'}
	| {do: 'suspend'}
	| {do: 'repaint'};

/** A footer hint: its text, and how much it is worth keeping when the footer is too narrow (highest kept longest). */
export type Hint = {label: string; priority: number; where?: readonly Focus[]};

export type Binding = {
	/** Each key and what it does. `text` stands for any printable character. */
	keys: ReadonlyArray<readonly [Key, Command]>;
	/** Where these keys act; elsewhere they do nothing. In the filter a printable character is always text. */
	where: readonly Focus[];
	/** What help and the README say the keys do. */
	does: string;
	hints?: readonly Hint[];
};

const ALL: readonly Focus[] = FOCUSES;
const MOVING: readonly Focus[] = ['table', 'detail', 'log', 'help'];
const PANES: readonly Focus[] = ['detail', 'log', 'help'];

const SORTABLE = COLUMNS.filter(column => column.sortKey);
const SCOPE_KEYS: ReadonlyArray<readonly [Key, Scope]> = [
	['1', 'all'],
	['2', 'problems'],
	['3', 'online'],
	['4', 'duplicates'],
];

/**
 * Every binding, in the order help and the README list them. Sort keys come from COLUMNS (columns.ts), their one
 * source.
 */
export const BINDINGS: readonly Binding[] = [
	{
		keys: [
			['up', {do: 'line', by: -1}],
			['down', {do: 'line', by: 1}],
			['k', {do: 'line', by: -1}],
			['j', {do: 'line', by: 1}],
		],
		where: ALL,
		does: 'select a device (the selection follows the device, not the row); in the log, an event; in details and help, scroll',
		hints: [
			{label: '↑↓ select', priority: 6, where: ['table', 'log', 'contexts', 'columns']},
			{label: '↑↓ scroll', priority: 6, where: ['detail', 'help']},
		],
	},
	{
		keys: [
			['pgup', {do: 'page', by: -1}],
			['pgdn', {do: 'page', by: 1}],
			[' ', {do: 'page', by: 1}],
		],
		where: MOVING,
		does: 'a page up or down (only the rows in view are drawn, so 10 000 devices scroll like 10)',
		hints: [{label: 'PgUp PgDn page', priority: 2, where: PANES}],
	},
	{
		keys: [
			['g', {do: 'edge', to: 'first'}],
			['home', {do: 'edge', to: 'first'}],
			['G', {do: 'edge', to: 'last'}],
			['end', {do: 'edge', to: 'last'}],
		],
		where: MOVING,
		does: 'first or last device or event, or the top or bottom of a pane',
	},
	{
		keys: [['enter', {do: 'open'}]],
		where: ['table'],
		does: 'details of the selected device, refreshed with GET /v1/environments/{deviceId} while open; on a group, collapse or expand it',
		hints: [{label: 'Enter details', priority: 7}],
	},
	{
		keys: [['enter', {do: 'open'}]],
		where: ['log'],
		does: 'on an event: its listener, selected in the table (scope and filter cleared if they hide it; a listener no longer listed is said so)',
		hints: [{label: 'Enter listener', priority: 7}],
	},
	{
		keys: [
			['tab', {do: 'tab', by: 1}],
			['backtab', {do: 'tab', by: -1}],
			['left', {do: 'tab', by: -1}],
			['right', {do: 'tab', by: 1}],
			...DETAIL_TABS.map((_, index) => [String(index + 1), {do: 'tab-to', index}] as const),
		],
		where: ['detail'],
		does: "tabs: overview (every field, timestamps absolute and relative, supported commands, self-update, unreadable fields), metadata (every key, unknown ones too), events (heartbeat sparkline, sessions, the device's events), raw JSON",
		hints: [{label: 'Tab/1-4 tabs', priority: 5}],
	},
	{
		keys: [['esc', {do: 'back'}]],
		where: ALL,
		does: "back: closes help, the column chooser, details or the log; from history, back to live; clears the filter, or the log's search",
		hints: [
			{label: 'Esc back', priority: 8, where: [...PANES, 'contexts']},
			{label: 'Esc clear', priority: 8, where: ['filter']},
		],
	},
	{
		keys: [['/', {do: 'filter'}]],
		where: ['table', 'log'],
		does: 'filter as you type over every field of a row, shown at this width or not (name, status, DUP, mode, branch, version, os, pod, directory, user, device id, machine, record id, listener instance); in the log, search the events (type, name, what changed, ids)',
		hints: [
			{label: '/ filter', priority: 8, where: ['table']},
			{label: '/ search', priority: 8, where: ['log']},
		],
	},
	{
		keys: [['text', {do: 'text'}]],
		where: ['filter'],
		does: 'a case-insensitive regular expression, as in k9s, read as plain text while it is not a valid one (`build(`); `^main$` holds one whole field; a leading `!` inverts; a paste is text here',
		hints: [{label: '! inverts', priority: 1}],
	},
	{
		keys: [['enter', {do: 'filter-keep'}]],
		where: ['filter'],
		does: 'keep the filter (or the search) and go back to the rows (or the events)',
		hints: [{label: 'Enter keep', priority: 9}],
	},
	{
		keys: [
			['backspace', {do: 'filter-erase'}],
			['delete', {do: 'filter-erase'}],
		],
		where: ['filter'],
		does: 'erase the last character of the filter',
	},
	{
		keys: SCOPE_KEYS.map(([key, scope]) => [key, {do: 'scope', scope}] as const),
		where: ['table'],
		does: 'scope: all, problems (stale, offline, gone, or changed within `--linger`), online, duplicates (a shared name, or a machine with several online listeners)',
		// Under `l log` and `r poll`: the view line already says the scope, and `?` lists the keys.
		hints: [{label: '1-4 scope', priority: 3}],
	},
	{
		keys: SORTABLE.map(column => [column.sortKey!.toUpperCase(), {do: 'sort', column: column.key}] as const),
		where: ['table'],
		does: `sort by ${SORTABLE.map(column => column.title.toLowerCase()).join(', ')}; again reverses (rows showing \`-\` for an age stay last); the arrow shows which way the values run, and an age sorts oldest first (\`BEAT↓\`)`,
	},
	{
		keys: [['t', {do: 'group-by'}]],
		where: ['table'],
		does: `group the rows (a tree, as htop's \`t\`) by ${GROUP_BYS.filter(by => by !== 'none').join(', ')} in turn, then none again; a group's header line counts its listeners online of all shown and its problems (\`3/4 online · 1 offline\`); versions newest first, a missing value \`${NO_VALUE}\` last`,
		hints: [{label: 't group', priority: 2}],
	},
	{
		keys: [
			['left', {do: 'fold', open: false}],
			['right', {do: 'fold', open: true}],
		],
		where: ['table'],
		does: 'in groups: `←` on a listener selects its group, `←` on a group collapses it, `→` expands it (Enter toggles); a group stays collapsed across polls and group-by changes',
		hints: [{label: '←→ fold', priority: 1}],
	},
	{
		keys: [['l', {do: 'log'}]],
		where: ['table'],
		does: 'the whole event log: times with their date when not today, an event selected, searchable with `/`',
		hints: [{label: 'l log', priority: 4}],
	},
	{
		keys: [['f', {do: 'chooser'}]],
		where: ['table', 'columns'],
		does: "choose and order the columns, as top's `f`: every column marked shown `[x]` or hidden `[ ]`, top to bottom as left to right (`--columns` starts it; `--once` and CSV exports follow it); `f` again closes",
		hints: [{label: 'f columns', priority: 1, where: ['table']}],
	},
	{
		keys: [[' ', {do: 'column-toggle'}]],
		where: ['columns'],
		does: 'show or hide the column under the cursor (STATUS and NAME cannot both be hidden: it says so)',
		hints: [{label: 'Space show/hide', priority: 7}],
	},
	{
		keys: [
			['K', {do: 'column-move', by: -1}],
			['J', {do: 'column-move', by: 1}],
		],
		where: ['columns'],
		does: 'move the column under the cursor earlier (left) or later (right)',
		hints: [{label: 'K/J move', priority: 7}],
	},
	{
		keys: [['enter', {do: 'back'}]],
		where: ['columns'],
		does: 'close the column chooser (as `Esc` does)',
		hints: [{label: 'Enter/Esc close', priority: 8}],
	},
	{
		keys: [['c', {do: 'copy'}]],
		where: ['table', 'detail'],
		does: "copy the selected deviceId: inside tmux into tmux's paste buffer (`set-buffer -w`), elsewhere with OSC 52 (works over ssh); the message shows the id and never claims a copy nobody confirmed",
		hints: [{label: 'c copy id', priority: 3, where: ['detail']}],
	},
	{
		keys: [
			['e', {do: 'export', format: 'csv'}],
			['E', {do: 'export', format: 'json'}],
		],
		where: ['table'],
		does: 'export the rows as shown (filtered, sorted) to a CSV / JSON file (`--export-dir`)',
		hints: [{label: 'e export', priority: 2}],
	},
	{
		keys: [
			['[', {do: 'travel', byMs: -TRAVEL_STEPS_MS.minute}],
			[']', {do: 'travel', byMs: TRAVEL_STEPS_MS.minute}],
			['{', {do: 'travel', byMs: -TRAVEL_STEPS_MS.hour}],
			['}', {do: 'travel', byMs: TRAVEL_STEPS_MS.hour}],
		],
		where: ['table'],
		does: 'history: the table as the fleet was a minute (`[` `]`) or an hour (`{` `}`) earlier or later, rebuilt from the history file and marked HISTORY; stepping past now, or `Esc`, is live again (polling goes on underneath)',
		hints: [{label: '[ ] history', priority: 1}],
	},
	{
		keys: [['@', {do: 'travel-prompt'}]],
		where: ['table'],
		does: 'history: go to a moment typed as `3h ago`, `90m`, `09:30` (today, or yesterday if still to come) or a date/time',
	},
	{
		keys: [['p', {do: 'pause'}]],
		where: ['table', 'detail', 'log'],
		does: 'pause or resume polling (the header says PAUSED)',
		hints: [{label: 'p pause', priority: 3, where: ['table']}],
	},
	{
		keys: [['r', {do: 'poll'}]],
		where: ['table', 'detail', 'log'],
		does: 'poll now (also restarts polling stopped by a rejected key)',
		// Kept at 80 columns: it is how polling stopped by an error starts again.
		hints: [{label: 'r poll', priority: 5, where: ['table']}],
	},
	{
		keys: [['x', {do: 'contexts'}]],
		where: ['table', 'detail', 'log'],
		does: 'contexts: pick another of the config file\'s `contexts` (README, "Contexts"); the header names the one in use',
		hints: [{label: 'x context', priority: 2, where: ['table']}],
	},
	{
		keys: [['enter', {do: 'open'}]],
		where: ['contexts'],
		does: 'in the context picker: switch to the chosen context (polling starts over there, with a fresh fleet)',
		hints: [{label: 'Enter switch', priority: 7}],
	},
	{
		keys: [
			['?', {do: 'help'}],
			['f1', {do: 'help'}],
		],
		where: ALL,
		does: 'all keys (this help)',
		hints: [{label: '? help', priority: 10, where: [...MOVING, 'contexts', 'columns']}],
	},
	{
		keys: [['ctrl-l', {do: 'repaint'}]],
		where: ALL,
		does: 'redraw the whole screen (after another program scribbled on it)',
	},
	{
		keys: [['ctrl-z', {do: 'suspend'}]],
		where: ALL,
		does: 'suspend to the shell, as any terminal program (also on SIGTSTP); `fg` resumes with the whole frame redrawn',
	},
	{
		keys: [
			['q', {do: 'quit'}],
			['f10', {do: 'quit'}],
			['ctrl-c', {do: 'interrupt'}],
		],
		where: ALL,
		does: 'quit (exit 0; `Ctrl-C` 130, as SIGINT); the terminal is given back as it was (also on SIGTERM, SIGHUP and a crash)',
		hints: [{label: 'q quit', priority: 10, where: [...MOVING, 'contexts', 'columns']}],
	},
];

/** Where the keys go (the focus): the filter prompt and help come before the pane under them. */
export function focusOf(view: ViewState): Focus {
	if (view.filterEditing) return 'filter';
	if (view.picker !== null) return 'contexts';
	if (view.help) return 'help';
	if (view.chooser) return 'columns';
	return view.pane;
}

/**
 * The command a key runs with this focus, or null: in the filter every printable character is text; a Ctrl-letter not
 * bound is nothing.
 */
export function commandFor(key: Key, focus: Focus): Command | null {
	if (focus === 'filter' && isText(key)) return {do: 'text'};
	for (const binding of BINDINGS) {
		if (!binding.where.includes(focus)) continue;
		const found = binding.keys.find(([bound]) => bound === key);
		if (found) return found[1];
	}

	return null;
}

/** The footer hints for a focus, in binding order. */
export function hintsFor(focus: Focus): Hint[] {
	return BINDINGS.flatMap(binding =>
		binding.where.includes(focus)
			? (binding.hints ?? []).filter(hint => (hint.where ?? binding.where).includes(focus))
			: [],
	);
}
