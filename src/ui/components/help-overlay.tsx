/**
 * Every key, read off the keymap (src/view/keymap.ts) and laid out for the
 * width (src/view/help-lines.ts). It scrolls (↑↓ PgUp PgDn while open), so at
 * any height it shows whole lines and never spills over itself.
 */
import {Box, Text} from 'ink';
import {helpKeyWidth, helpLines} from '../../view/help-lines.js';
import {fit} from '../../view/text.js';

type Props = {
	/** Lines it may take, its title included. */
	height: number;
	width: number;
	/** The first help line shown (view state's helpScroll, already clamped). */
	scroll: number;
};

export function HelpOverlay({height, width, scroll}: Props) {
	const lines = helpLines(width);
	const room = Math.max(0, height - 1);
	const first = Math.min(scroll, Math.max(0, lines.length - room));
	const shown = lines.slice(first, first + room);
	const keyWidth = helpKeyWidth(width);
	const more =
		lines.length > room
			? ` lines ${first + 1}-${first + shown.length} of ${lines.length} · ↑↓ PgUp PgDn scroll · Esc close`
			: ' Esc close';
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Text wrap="truncate">
				<Text bold inverse>
					{' Keys '}
				</Text>
				<Text dimColor>{more}</Text>
			</Text>
			{shown.map((line, index) => (
				<Text key={index} wrap="truncate">
					<Text bold color="cyan">{`  ${line.keys.padEnd(keyWidth)}`}</Text>
					{/* Keys wider than their column have a line of their own, with no text to pad. */}
					{line.text ? (
						<Text dimColor={line.dim}>{`  ${fit(line.text, Math.max(0, width - keyWidth - 4))}`}</Text>
					) : null}
				</Text>
			))}
		</Box>
	);
}
