import {Box, Text} from 'ink';
import {type RefObject, useRef} from 'react';
import {groupLineSegments} from '../../view/group-line.js';
import {isGroupLine, type TableLine} from '../../view/grouping.js';
import {COLUMN_GAP, type LaidOutColumn, ROW_PREFIX_WIDTH} from '../../view/layout.js';
import {sortArrow, type SortState} from '../../view/query.js';
import {rowSegments, segmentsSignature} from '../../view/row-line.js';
import type {SymbolSet} from '../../view/symbols.js';
import {fit} from '../../view/text.js';
import {windowStart} from '../../view/view-state.js';
import {SegmentsLine} from './segments-line.js';

type Props = {
	/** The rows, or the rows under their groups' header lines (view/grouping.ts). */
	lines: readonly TableLine[];
	layout: LaidOutColumn[];
	selectedIndex: number;
	height: number;
	sort: SortState;
	symbols: SymbolSet;
	emptyText: string;
	/**
	 * Where the first row in view is kept between frames (the scroll offset): the caller's, so a click can be read
	 * against the window last drawn (view/mouse-gesture.ts); the table's own when absent.
	 */
	startRef?: RefObject<number>;
};

/** Draws only the lines in view: a fleet of 10 000 costs what a screenful does, grouped or not. */
export function FleetTable({lines, layout, selectedIndex, height, sort, symbols, emptyText, ...props}: Props) {
	const ownStart = useRef(0);
	const startRef = props.startRef ?? ownStart;
	const start = windowStart(startRef.current, Math.max(0, selectedIndex), height, lines.length);
	startRef.current = start;
	const visible = lines.slice(start, start + height);
	// A group's header line spans the columns' width.
	const width = layout.reduce((sum, {width}) => sum + width + COLUMN_GAP, ROW_PREFIX_WIDTH - COLUMN_GAP);
	const header = layout
		.map(({column, width}) => {
			const arrow = column.key === sort.key ? sortArrow(sort, symbols) : '';
			return fit(column.title + arrow, width, column.align);
		})
		.join(' ');

	return (
		<Box flexDirection="column" height={height + 1}>
			<Text bold wrap="truncate">
				{'  '}
				{header}
			</Text>
			{visible.length === 0 ? <Text dimColor>{`  ${emptyText}`}</Text> : null}
			{visible.map((line, index) => {
				const selected = start + index === selectedIndex;
				const segments = isGroupLine(line)
					? groupLineSegments(line, width, symbols, selected)
					: rowSegments(line, layout, symbols, selected);
				return <SegmentsLine key={line.id} segments={segments} signature={segmentsSignature(segments)} />;
			})}
		</Box>
	);
}
