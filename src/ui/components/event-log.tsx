import {Box, Text} from 'ink';
import type {FleetEvent} from '../../fleet/types.js';
import {describeEvent} from '../../view/event-text.js';
import {formatClock} from '../../view/format.js';
import {EVENT_COLORS, type SymbolSet} from '../../view/symbols.js';

type Props = {events: FleetEvent[]; total: number; height: number; width: number; symbols: SymbolSet};

/** The newest events first, under a rule that says how many were seen. */
export function EventLog({events, total, height, width, symbols}: Props) {
	const title = `── events (${total}) `;
	const shown = events.slice(-Math.max(0, height - 1)).reverse();
	return (
		<Box flexDirection="column" height={height}>
			<Text dimColor wrap="truncate">{title + '─'.repeat(Math.max(0, width - title.length))}</Text>
			{shown.length === 0 ? <Text dimColor>  no changes yet: the first poll is the baseline</Text> : null}
			{shown.map((event, index) => (
				<Text key={`${event.at}-${event.id}-${event.type}-${event.field ?? ''}-${index}`} wrap="truncate">
					<Text dimColor>{`  ${formatClock(event.at)} `}</Text>
					<Text color={EVENT_COLORS[event.type]} bold>{`${symbols.event[event.type]} ${event.type.padEnd(13)}`}</Text>
					<Text bold>{event.connectionName}</Text>
					<Text>{` ${event.type === 'changed' ? describeEvent(event) : ''}`}</Text>
				</Text>
			))}
		</Box>
	);
}
