import {Box, Text} from 'ink';
import {type RefObject, useRef} from 'react';
import type {FleetRow} from '../../fleet/rows.js';
import type {LaidOutColumn} from '../../view/layout.js';
import {sortArrow, type SortState} from '../../view/query.js';
import {rowSegments, segmentsSignature} from '../../view/row-line.js';
import type {SymbolSet} from '../../view/symbols.js';
import {fit} from '../../view/text.js';
import {windowStart} from '../../view/view-state.js';
import {SegmentsLine} from './segments-line.js';

type Props = {
	rows: FleetRow[];
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

/** Draws only the rows in view: a fleet of 10 000 costs what a screenful does. */
export function FleetTable({rows, layout, selectedIndex, height, sort, symbols, emptyText, ...props}: Props) {
	const ownStart = useRef(0);
	const startRef = props.startRef ?? ownStart;
	const start = windowStart(startRef.current, Math.max(0, selectedIndex), height, rows.length);
	startRef.current = start;
	const visible = rows.slice(start, start + height);
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
			{visible.map((row, index) => {
				const segments = rowSegments(row, layout, symbols, start + index === selectedIndex);
				return <SegmentsLine key={row.id} segments={segments} signature={segmentsSignature(segments)} />;
			})}
		</Box>
	);
}
