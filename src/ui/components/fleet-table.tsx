import {Box, type DOMElement, Text} from 'ink';
import {memo, type RefObject, useContext, useLayoutEffect, useRef} from 'react';
import {groupLineSegments} from '../../view/group-line.js';
import {isGroupLine, type TableLine} from '../../view/grouping.js';
import {COLUMN_GAP, type LaidOutColumn, ROW_PREFIX_WIDTH} from '../../view/layout.js';
import {sortArrow, type SortState} from '../../view/query.js';
import {createRowMemory, segmentsSignature} from '../../view/row-line.js';
import type {SymbolSet} from '../../view/symbols.js';
import {fit} from '../../view/text.js';
import {windowStart} from '../../view/view-state.js';
import type {OverlayRegion} from '../../output/row-overlay.js';
import {RowOverlayContext} from './row-overlay-context.js';
import {SegmentsLine} from './segments-line.js';
import {styledLine} from './styled-line.js';

type Props = {
	/** The rows, or the rows under their groups' header lines (view/grouping.ts). */
	lines: readonly TableLine[];
	layout: LaidOutColumn[];
	selectedIndex: number;
	height: number;
	sort: SortState;
	symbols: SymbolSet;
	/** The rows' server time (epoch ms, fleet/rows.ts rowsServerNow): every age a row shows counts to it. */
	serverNow: number;
	emptyText: string;
	/**
	 * Where the first row in view is kept between frames (the scroll offset): the caller's, so a click can be read
	 * against the window last drawn (view/mouse-gesture.ts); the table's own when absent.
	 */
	startRef?: RefObject<number>;
};

/**
 * Draws only the lines in view: a fleet of 10 000 costs what a screenful does, grouped or not. Memoized: a frame whose
 * lines did not change (a later pass's progress in the header, a key that moves nothing here) does not draw them again;
 * with the overlay the rows staged last stay staged, and the writer draws them over Ink's frame.
 */
export const FleetTable = memo(function FleetTable({
	lines,
	layout,
	selectedIndex,
	height,
	sort,
	symbols,
	serverNow,
	emptyText,
	...props
}: Props) {
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

	const overlay = useContext(RowOverlayContext);
	const rowsRef = useRef<DOMElement>(null);
	// A row that only aged, its ages reading the same, keeps the segments it was drawn with (view/row-line.ts).
	const memory = useRef<ReturnType<typeof createRowMemory>>(null);
	memory.current ??= createRowMemory();
	const rows = memory.current;
	const lineSegments = visible.map((line, index) => {
		const selected = start + index === selectedIndex;
		if (!isGroupLine(line)) return {key: line.id, ...rows.draw(line, layout, symbols, selected, serverNow)};
		const segments = groupLineSegments(line, width, symbols, selected);
		return {key: line.id, segments, signature: segmentsSignature(segments)};
	});
	rows.endFrame();
	// Staged while rendering: Ink writes this render's frame during React's commit, and the writer draws these rows
	// over it (output/row-overlay.ts). Each row is styled once for a width while it stays the same.
	overlay?.stage(
		() => regionOf(rowsRef.current),
		lineSegments.map(({segments, signature}) => ({key: signature, text: cells => styledLine(segments, cells)})),
	);
	useLayoutEffect(() => overlay?.committed());
	useLayoutEffect(() => () => overlay?.clear(), [overlay]);

	return (
		<Box flexDirection="column" height={height + 1}>
			<Text bold wrap="truncate">
				{'  '}
				{header}
			</Text>
			{visible.length === 0 ? (
				<Text dimColor>{`  ${emptyText}`}</Text>
			) : overlay ? (
				// Ink lays out the rows' place and draws blanks there; the overlay draws them (output/row-overlay.ts).
				<Box ref={rowsRef} height={visible.length} flexShrink={0} />
			) : (
				lineSegments.map(({key, segments, signature}) => (
					<SegmentsLine key={key} segments={segments} signature={signature} />
				))
			)}
		</Box>
	);
});

/** Where `element` is on the screen, from the layout Ink computed last (its Yoga nodes); undefined once removed. */
function regionOf(element: DOMElement | null): OverlayRegion | undefined {
	if (!element?.yogaNode) return undefined;
	let top = 0;
	let left = 0;
	for (let node: DOMElement | undefined = element; node?.yogaNode; node = node.parentNode) {
		top += node.yogaNode.getComputedTop();
		left += node.yogaNode.getComputedLeft();
	}

	return {top, left, width: element.yogaNode.getComputedWidth(), height: element.yogaNode.getComputedHeight()};
}
