/**
 * The context picker (`x`): the config file's contexts with their hosts, the one in use marked `*`,
 * the chosen one selected; ↑↓ and Enter switch, Esc closes (src/view/keymap.ts). It only draws.
 */
import {Box, Text} from 'ink';
import {fit} from '../../view/text.js';
import {windowStart} from '../../view/view-state.js';

/** One context as the picker lists it: its name and its base URL, masked (api/url-mask.ts). */
export type PickerContext = {name: string; host: string};

type Props = {
	contexts: readonly PickerContext[];
	/** The context in use. */
	current: string | undefined;
	/** The index of the chosen one. */
	selected: number;
	/** Lines it may take, its title included. */
	height: number;
	width: number;
};

export function ContextPicker({contexts, current, selected, height, width}: Props) {
	const room = Math.max(1, height - 1);
	const first = windowStart(0, selected, room, contexts.length);
	const nameWidth = Math.min(24, Math.max(...contexts.map(context => context.name.length)));
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Text wrap="truncate">
				<Text bold inverse>
					{' Contexts '}
				</Text>
				<Text dimColor>{' ↑↓ choose · Enter switch · Esc close · * in use'}</Text>
			</Text>
			{contexts.slice(first, first + room).map((context, offset) => {
				const index = first + offset;
				const mark = context.name === current ? '*' : ' ';
				const line = `${index === selected ? '›' : ' '} ${mark} ${context.name.padEnd(nameWidth)}  ${context.host}`;
				return (
					<Text key={context.name} wrap="truncate" inverse={index === selected} bold={mark === '*'}>
						{fit(line, width)}
					</Text>
				);
			})}
		</Box>
	);
}
