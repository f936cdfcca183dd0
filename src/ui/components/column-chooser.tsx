/**
 * The column chooser (`f`), as top's field manager: every column with its shown mark, in the table's
 * order. Its words come from view/column-choice.ts; this only draws them, scrolled to keep the cursor in view.
 */
import {Box, Text} from 'ink';
import {chooserLines, type ColumnSetup} from '../../view/column-choice.js';
import {windowStart} from '../../view/view-state.js';

type Props = {
	setup: ColumnSetup;
	cursor: number;
	/** Lines it may take, its title included. */
	height: number;
};

export function ColumnChooser({setup, cursor, height}: Props) {
	const lines = chooserLines(setup, cursor);
	const room = Math.max(1, height - 1);
	const start = windowStart(0, cursor, room, lines.length);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Text wrap="truncate">
				<Text bold inverse>
					{' Columns '}
				</Text>
				<Text dimColor>
					{` ${setup.filter(entry => entry.shown).length} of ${setup.length} shown · top to bottom is left to right · Enter close`}
				</Text>
			</Text>
			{lines.slice(start, start + room).map(line => (
				<Text
					key={line.text.slice(6, 16)}
					wrap="truncate"
					inverse={line.cursor}
					dimColor={!line.shown && !line.cursor}
				>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
