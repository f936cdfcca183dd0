/**
 * The whole screen, drawn from state that the coordinator (app.tsx) derived.
 * No hooks that fetch or listen: given the same props it draws the same frame,
 * which is also what the benchmarks render.
 */
import {Box, Text} from 'ink';
import type {FleetState} from '../fleet/reducer.js';
import type {FleetEvent} from '../fleet/types.js';
import type {OnlineSeries} from '../fleet/online-series.js';
import type {FleetRow} from '../fleet/rows.js';
import type {DetailLine} from '../view/detail.js';
import type {TravelText} from '../view/header-text.js';
import {emptyTableText} from '../view/format.js';
import type {LaidOutColumn} from '../view/layout.js';
import type {SymbolSet} from '../view/symbols.js';
import type {Pane, ViewState} from '../view/view-state.js';
import {DetailPane} from './components/detail-pane.js';
import {EventLog} from './components/event-log.js';
import {FleetTable} from './components/fleet-table.js';
import {Footer} from './components/footer.js';
import {Header, HEADER_HEIGHT} from './components/header.js';
import {HelpOverlay} from './components/help-overlay.js';
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

export type FleetScreenProps = {
	state: FleetState;
	view: ViewState;
	now: number;
	columns: number;
	rows: number;
	layout: LaidOutColumn[];
	allRows: FleetRow[];
	shownRows: FleetRow[];
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
};

export function FleetScreen(props: FleetScreenProps) {
	const {state, view, now, columns, rows, layout, allRows, shownRows, selectedIndex, detail, symbols} = props;
	if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
		return (
			<Text wrap="truncate">{`letta-fleet: the terminal is ${columns}x${rows}; it needs at least ${MIN_COLUMNS}x${MIN_ROWS}. q quits.`}</Text>
		);
	}

	const {paneHeight, eventLogHeight, tableHeight} = screenGeometry(rows);
	const scroll = Math.min(view.paneScroll, props.paneMaxScroll);
	let body;
	if (view.help) {
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
				now={now}
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
					rows={shownRows}
					layout={layout}
					selectedIndex={selectedIndex}
					height={tableHeight}
					sort={view.sort}
					symbols={symbols}
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
						events={state.events.slice(-eventLogHeight).reverse()}
						total={state.eventsSeen}
						kept={state.events.length}
						height={eventLogHeight}
						width={columns}
						symbols={symbols}
						now={now}
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
			/>
			{body}
			<Footer view={view} width={columns} />
		</Box>
	);
}
