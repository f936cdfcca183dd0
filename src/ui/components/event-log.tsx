import {Box, Text} from 'ink';
import {memo, useRef} from 'react';
import type {FleetEvent} from '../../fleet/types.js';
import {sameElements} from '../../fleet/same-elements.js';
import {eventDetail} from '../../view/event-text.js';
import {formatEventTime} from '../../view/format.js';
import {EVENT_COLORS, type SymbolSet} from '../../view/symbols.js';
import {windowStart} from '../../view/view-state.js';

type Props = {
	/** The events to show, newest first (the log pane's: those its search keeps). */
	events: readonly FleetEvent[];
	/** Events seen since start, and how many the log keeps. */
	total: number;
	kept: number;
	height: number;
	width: number;
	symbols: SymbolSet;
	/**
	 * Epoch ms: an event of another day shows its date. Only its day counts: pass view/format.ts localDayStart(now),
	 * and a tick that moved nothing in the log does not draw it again.
	 */
	now: number;
	/**
	 * Open as a full pane (l): a selected event (an index into `events`), the search that chose them,
	 * and how many were read back from the history file (recorded before this run).
	 */
	pane?: {selectedIndex: number; search: string; recorded?: number};
	/** The strip under the table, narrowed to the listeners the table's scope and filter show. */
	filtered?: boolean;
};

/**
 * The newest events first, under a rule that says how many were seen and how many are kept. Drawn again only when what
 * it shows changed: the same events (element by element: the strip is a new array each frame), the same counts.
 */
export const EventLog = memo(function EventLog({
	events,
	total,
	kept,
	height,
	width,
	symbols,
	now,
	pane,
	filtered = false,
}: Props) {
	const start = useRef(0);
	const keptText = kept < total ? `, last ${kept} kept` : '';
	const searchText = pane?.search ? ` · search "${pane.search}": ${events.length} shown` : '';
	const help = pane ? '' : events.length > height - 1 ? ' l opens all ' : '';
	const recordedText = pane?.recorded ? ` + ${pane.recorded} recorded before` : '';
	// "filtered" before the count: an empty strip of a filtered table is not a quiet fleet.
	const title = `── events${filtered ? ' · filtered' : ''} (${total}${keptText}${recordedText})${searchText} ${help}`;
	const lines = Math.max(0, height - 1);
	start.current = pane ? windowStart(start.current, pane.selectedIndex, lines, events.length) : 0;
	const shown = events.slice(start.current, start.current + lines);
	// Times line up: an event of another day is wider than today's clock.
	const times = shown.map(event => formatEventTime(event.at, now));
	const timeWidth = Math.max(0, ...times.map(time => time.length));
	return (
		<Box flexDirection="column" height={height}>
			<Text dimColor wrap="truncate">
				{title + '─'.repeat(Math.max(0, width - title.length))}
			</Text>
			{shown.length === 0 ? (
				<Text dimColor wrap="truncate">
					{kept === 0
						? ' no changes yet: the first poll is the baseline'
						: filtered && !pane
							? ' none of the listeners shown changed: l opens every event'
							: ' no event matches the search'}
				</Text>
			) : null}
			{shown.map((event, index) => (
				<Text
					key={`${event.at}-${event.id}-${event.type}-${event.field ?? ''}`}
					wrap="truncate"
					inverse={pane !== undefined && start.current + index === pane.selectedIndex}
				>
					<Text dimColor>{`  ${times[index]!.padStart(timeWidth)} `}</Text>
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
}, sameLog);

function sameLog(a: Props, b: Props): boolean {
	return (
		sameElements(a.events, b.events) &&
		a.total === b.total &&
		a.kept === b.kept &&
		a.height === b.height &&
		a.width === b.width &&
		a.symbols === b.symbols &&
		a.now === b.now &&
		a.filtered === b.filtered &&
		a.pane?.selectedIndex === b.pane?.selectedIndex &&
		a.pane?.search === b.pane?.search &&
		a.pane?.recorded === b.pane?.recorded &&
		(a.pane === undefined) === (b.pane === undefined)
	);
}
