import {Box, Text} from 'ink';
import type {FleetEvent} from '../../fleet/types.js';
import {eventDetail} from '../../view/event-text.js';
import {formatClock} from '../../view/format.js';
import {EVENT_COLORS, type SymbolSet} from '../../view/symbols.js';

type Props = {
	events: FleetEvent[];
	total: number;
	height: number;
	width: number;
	symbols: SymbolSet;
	/** Events skipped from the newest, when the log is open as a pane and scrolled. */
	scroll?: number;
	/** Open as a full pane (l): its title says how to leave and scroll. */
	asPane?: boolean;
};

/** The newest events first, under a rule that says how many were seen and how many are kept. */
export function EventLog({events, total, height, width, symbols, scroll = 0, asPane = false}: Props) {
	const kept = events.length < total ? `, last ${events.length} kept` : '';
	const help = asPane ? ' ↑↓ scroll · Esc back ' : events.length > height - 1 ? ' l opens all ' : '';
	const title = `── events (${total}${kept}) ${help}`;
	const newestFirst = [...events].reverse();
	const shown = newestFirst.slice(scroll, scroll + Math.max(0, height - 1));
	return (
		<Box flexDirection="column" height={height}>
			<Text dimColor wrap="truncate">
				{title + '─'.repeat(Math.max(0, width - title.length))}
			</Text>
			{shown.length === 0 ? <Text dimColor> no changes yet: the first poll is the baseline</Text> : null}
			{shown.map(event => (
				<Text key={`${event.at}-${event.id}-${event.type}-${event.field ?? ''}`} wrap="truncate">
					<Text dimColor>{`  ${formatClock(event.at)} `}</Text>
					<Text
						color={EVENT_COLORS[event.type]}
						bold
					>{`${symbols.event[event.type]} ${event.type.padEnd(13)}`}</Text>
					<Text bold>{event.connectionName}</Text>
					<Text>{` ${eventDetail(event)}`}</Text>
				</Text>
			))}
		</Box>
	);
}
