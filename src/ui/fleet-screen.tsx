/**
 * The whole screen, drawn from state that the coordinator (app.tsx) derived.
 * No hooks that fetch or listen: given the same props it draws the same frame,
 * which is also what the benchmarks render.
 */
import {Box, Text} from 'ink';
import type {RefObject} from 'react';
import type {FleetState} from '../fleet/reducer.js';
import type {FleetEvent} from '../fleet/types.js';
import type {OnlineSeries} from '../fleet/online-series.js';
import type {FleetRow} from '../fleet/rows.js';
import type {DetailLine} from '../view/detail.js';
import type {TravelText} from '../view/header-text.js';
import {shownIdSet, stripEvents} from '../view/event-query.js';
import {emptyTableText, localDayStart} from '../view/format.js';
import {smallScreenLines} from '../view/small-screen.js';
import type {LaidOutColumn} from '../view/layout.js';
import type {MouseScreen} from '../view/mouse-gesture.js';
import type {TableLine} from '../view/grouping.js';
import type {SymbolSet} from '../view/symbols.js';
import type {Pane, ViewState} from '../view/view-state.js';
import {DetailPane} from './components/detail-pane.js';
import {EventLog} from './components/event-log.js';
import {FleetTable} from './components/fleet-table.js';
import {Footer} from './components/footer.js';
import {Header, HEADER_HEIGHT} from './components/header.js';
import {HelpOverlay} from './components/help-overlay.js';
import {ContextPicker, type PickerContext} from './components/context-picker.js';
import {ColumnChooser} from './components/column-chooser.js';

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;

/**
 * Below the header and above the footer: the table (with its own header line)
 * and the event log, or a pane (details, the full event log, help) that takes the whole of it.
 */
export function screenGeometry(rows: number): {paneHeight: number; eventLogHeight: number; tableHeight: number} {
	const paneHeight = Math.max(2, rows - HEADER_HEIGHT - 1);
	const eventLogHeight = rows >= 24 ? 7 : rows >= 16 ? 4 : 0;
	return {paneHeight, eventLogHeight, tableHeight: Math.max(1, paneHeight - eventLogHeight - 1)};
}

/** The detail pane spends two lines on its title and tabs, the log pane one on its title. */
export function maxPaneScroll(lines: number, paneHeight: number, pane: Pane): number {
	return Math.max(0, lines - (paneHeight - (pane === 'detail' ? 2 : 1)));
}

/**
 * What a mouse report can land on in the frame `FleetScreen` draws for the same inputs (view/mouse-gesture.ts): the
 * table's body (below the header and the table's title line, `ids` in order from the window's first row,
 * `tableStart`), the detail pane's tab labels (below the header and the pane's title), or a pane the wheel scrolls.
 */
export function mouseScreen(input: {
	columns: number;
	rows: number;
	view: ViewState;
	detailOpen: boolean;
	ids: readonly string[];
	tableStart: number;
}): MouseScreen {
	const {columns, rows, view} = input;
	if (columns < MIN_COLUMNS || rows < MIN_ROWS) return {focus: 'none'};
	if (view.help) return {focus: 'help'};
	// Screen rows count from 1: the header's, then the title line of the table or the pane.
	const belowTitle = HEADER_HEIGHT + 2;
	if (input.detailOpen) return {focus: 'detail', tabsRow: belowTitle};
	if (view.pane === 'log') return {focus: 'log'};
	const body = {
		lines: input.ids,
		firstRow: belowTitle,
		offset: input.tableStart,
		height: screenGeometry(rows).tableHeight,
	};
	return {focus: 'table', body};
}

export type FleetScreenProps = {
	state: FleetState;
	view: ViewState;
	now: number;
	columns: number;
	rows: number;
	layout: LaidOutColumn[];
	allRows: FleetRow[];
	shownRows: FleetRow[];
	/** The rows' server time (epoch ms, fleet/rows.ts rowsServerNow): every age they show counts to it. */
	serverNow: number;
	/** The table's lines (view/grouping.ts), which selectedIndex indexes; shownRows ungrouped when absent. */
	lines?: readonly TableLine[];
	selectedIndex: number;
	detail: {row: FleetRow; lines: DetailLine[]; note: string | null} | null;
	paneMaxScroll: number;
	/**
	 * The log pane's events (its search's, newest first) and the selected one's index; every event, the newest
	 * selected, when absent.
	 */
	/** The header's online trend: this run's (the fleet state's), or with the minutes recorded before it. */
	onlineTrend?: OnlineSeries;
	log?: {events: readonly FleetEvent[]; selectedIndex: number; recorded?: number};
	label: string;
	keySource: string | undefined;
	/** A Letta Code login's expiry (epoch ms), or null/absent when the key has none. */
	loginExpiresAt?: number | null;
	intervalMs: number;
	symbols: SymbolSet;
	/** The flags that narrowed the listing on the server, for what an empty table says (view/format.ts). */
	narrowedBy?: readonly string[];
	/** Set while the table shows a past moment (ui/hooks/use-time-travel.ts). */
	travel?: TravelText | null;
	/** The live state while `state` is a past moment's, for the polls' health. */
	polled?: FleetState;
	/** Where the table keeps its scroll offset between frames (mouseScreen reads it). */
	tableStart?: RefObject<number>;
	/** The config file's contexts, for the picker (`x`), and the one in use, named in the header. */
	contexts?: readonly PickerContext[];
	context?: string | undefined;
};

export function FleetScreen(props: FleetScreenProps) {
	const {state, view, now, columns, rows, layout, allRows, shownRows, selectedIndex, detail, symbols} = props;
	if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
		const {health} = props.polled ?? state;
		const lines = smallScreenLines({columns, rows, minColumns: MIN_COLUMNS, minRows: MIN_ROWS, health});
		return (
			<Box flexDirection="column" width={columns} height={rows}>
				{lines.map(({text, tone}, index) => (
					<Text key={index} wrap="truncate" color={tone === 'error' ? 'red' : undefined}>
						{text}
					</Text>
				))}
			</Box>
		);
	}

	const {paneHeight, eventLogHeight, tableHeight} = screenGeometry(rows);
	// The strip under the table tells only of the listeners the table shows, and says so.
	const narrowed = view.scope !== 'all' || view.filter !== '';
	const scroll = Math.min(view.paneScroll, props.paneMaxScroll);
	let body;
	if (view.picker !== null && props.contexts && props.contexts.length > 0) {
		body = (
			<ContextPicker
				contexts={props.contexts}
				current={props.context}
				selected={view.picker}
				height={paneHeight}
				width={columns}
			/>
		);
	} else if (view.help) {
		body = <HelpOverlay height={paneHeight} width={columns} scroll={view.helpScroll} />;
	} else if (view.chooser) {
		body = <ColumnChooser setup={view.columns} cursor={view.chooserIndex} height={paneHeight} />;
	} else if (detail) {
		body = (
			<DetailPane
				title={`${detail.row.connection.connectionName} · ${detail.row.connection.deviceId}`}
				tab={view.detailTab}
				lines={detail.lines}
				scroll={scroll}
				height={paneHeight}
				note={detail.note}
			/>
		);
	} else if (view.pane === 'log') {
		body = (
			<EventLog
				events={props.log?.events ?? [...state.events].reverse()}
				total={state.eventsSeen}
				kept={state.events.length}
				height={paneHeight}
				width={columns}
				symbols={symbols}
				now={localDayStart(now)}
				pane={{
					selectedIndex: props.log?.selectedIndex ?? 0,
					search: view.logFilter,
					recorded: props.log?.recorded ?? 0,
				}}
			/>
		);
	} else {
		body = (
			<>
				<FleetTable
					lines={props.lines ?? shownRows}
					layout={layout}
					selectedIndex={selectedIndex}
					height={tableHeight}
					sort={view.sort}
					symbols={symbols}
					serverNow={props.serverNow}
					startRef={props.tableStart}
					emptyText={
						props.travel && allRows.length === 0
							? 'nothing recorded was watched at this moment: ] or } step later, Esc is live'
							: state.snapshot
								? emptyTableText(allRows.length, props.narrowedBy)
								: state.health.lastError
									? state.health.lastError.message
									: 'fetching the fleet…'
					}
				/>
				{eventLogHeight > 0 ? (
					<EventLog
						events={stripEvents(state.events, narrowed ? shownIdSet(shownRows) : null, eventLogHeight)}
						filtered={narrowed}
						total={state.eventsSeen}
						kept={state.events.length}
						height={eventLogHeight}
						width={columns}
						symbols={symbols}
						now={localDayStart(now)}
					/>
				) : null}
			</>
		);
	}

	return (
		<Box flexDirection="column" width={columns} height={rows}>
			<Header
				state={state}
				view={view}
				allRows={allRows}
				shownCount={shownRows.length}
				now={now}
				label={props.label}
				keySource={props.keySource}
				loginExpiresAt={props.loginExpiresAt}
				intervalMs={props.intervalMs}
				symbols={symbols}
				width={columns}
				trend={props.onlineTrend ?? state.onlineSeries}
				travel={props.travel ?? null}
				polled={props.polled}
				context={props.context}
			/>
			{body}
			<Footer view={view} width={columns} />
		</Box>
	);
}
