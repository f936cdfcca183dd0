import {Box, Text} from 'ink';
import {COLUMNS} from '../../view/columns.js';

const SORTABLE = COLUMNS.filter(column => column.sortKey);

export const KEY_HELP: Array<[string, string]> = [
	['↑ ↓  j k', 'select a device'],
	['PgUp PgDn', 'a page up or down'],
	['g G  Home End', 'first or last device'],
	['Enter', 'open the selected device'],
	['Esc', 'back (closes help, details, or clears the filter)'],
	['/', 'filter every field as you type: a regular expression (else plain text), a leading ! inverts; Enter keeps it, Esc clears'],
	['1 2 3 4', 'scope: all, problems (stale, offline, changed), online, duplicates (shared name or machine)'],
	[
		SORTABLE.map(column => column.sortKey!.toUpperCase()).join(' '),
		`sort by ${SORTABLE.map(column => column.title.toLowerCase()).join(', ')}; again reverses`,
	],
	['l', 'the whole event log (↑↓ to scroll)'],
	['Tab ← → 1-4', 'in details: overview, metadata, events, raw JSON'],
	['c', "copy the selected deviceId (tmux's paste buffer inside tmux, else OSC 52)"],
	['e  E', 'export the rows as shown (filtered, sorted) to a CSV or JSON file'],
	['p', 'pause or resume polling'],
	['r', 'poll now'],
	['?  F1', 'this help'],
	['Ctrl-L  Ctrl-Z', 'redraw the whole screen; suspend to the shell (fg resumes)'],
	['q  F10  Ctrl-C', 'quit'],
];

/** The key column: as wide as the longest keys, plus a gap. */
const KEY_WIDTH = Math.max(...KEY_HELP.map(([keys]) => keys.length)) + 2;

export function HelpOverlay({height}: {height: number}) {
	return (
		<Box flexDirection="column" height={height}>
			<Text bold inverse>
				{' Keys '}
			</Text>
			{KEY_HELP.slice(0, Math.max(0, height - 2)).map(([keys, text]) => (
				<Text key={keys} wrap="truncate">
					<Text bold color="cyan">{`  ${keys.padEnd(KEY_WIDTH)}`}</Text>
					<Text>{text}</Text>
				</Text>
			))}
			<Text dimColor>{'  marks: + connected/appeared  - disconnected  x removed  ~ reconnected  ! stale  ^ recovered  * changed'}</Text>
		</Box>
	);
}
