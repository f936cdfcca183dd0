/**
 * The coordinator of the live view: owns fleet state (through useFleet) and
 * view state, derives what to show, and hands it to components that only draw.
 */
import {useWindowSize} from 'ink';
import {useEffect, useMemo, useReducer, useRef, useState} from 'react';
import type {LettaClient} from '../api/client.js';
import type {Credential} from '../credentials/live-credential.js';
import {sanitizeText} from '../api/sanitize.js';
import {type FleetRow, rowsServerNow, selectRows} from '../fleet/rows.js';
import {deviceHistory, type FleetState} from '../fleet/reducer.js';
import type {FleetFetch, PassProgress} from '../fleet/fetch-fleet.js';
import {withPartialRows} from '../fleet/pass-progress.js';
import type {Snapshot} from '../fleet/types.js';
import type {CopyOutcome} from '../output/clipboard.js';
import {narrowingFlags} from '../config/options.js';
import type {Options} from '../config/flags.js';
import type {Clock} from '../poller/poller.js';
import {shownColumns} from '../view/column-choice.js';
import type {DetailLine} from '../view/detail.js';
import {layoutDetailLines} from '../view/detail-layout.js';
import {layoutColumns} from '../view/layout.js';
import {
	filterRows,
	orderIsTimeless,
	reorder,
	sameIds,
	type Scope,
	scopeRows,
	sortMoved,
	sortOrder,
	sortRows,
	type SortState,
} from '../view/query.js';
import {UNICODE_SYMBOLS, type SymbolSet} from '../view/symbols.js';
import {helpMaxScroll} from '../view/help-lines.js';
import {eventKey, searchEvents} from '../view/event-query.js';
import {isGroupLine} from '../view/grouping.js';
import {resolveLine, type TableLines, tableLines} from '../view/table-lines.js';
import {
	type Flash,
	initialView,
	resolveLogSelection,
	type ViewStart,
	type ViewState,
	viewReducer,
} from '../view/view-state.js';
import {useDetailModule} from './hooks/use-detail-module.js';
import {type DeviceRecord, useDeviceRecord} from './hooks/use-device-record.js';
import {useFleet} from './hooks/use-fleet.js';
import {useKeyEffects} from './hooks/use-key-effects.js';
import {useRecordedStatus} from './hooks/use-recorded-status.js';
import {useDeviceEvents} from './hooks/use-device-events.js';
import {useRecordedEvents} from './hooks/use-recorded-events.js';
import {ONLINE_SERIES_MINUTES} from '../fleet/online-series.js';
import type {LiveHistory} from '../history/live-history.js';
import {useKeymap} from './hooks/use-keymap.js';
import {useTimeTravel} from './hooks/use-time-travel.js';
import {useLogin} from './hooks/use-login.js';
import {useMouse, type MouseFeed} from './hooks/use-mouse.js';
import {FleetScreen, maxPaneScroll, mouseScreen, screenGeometry} from './fleet-screen.js';
import type {PickerContext} from './components/context-picker.js';

export type AppProps = {
	client: LettaClient;
	/** One pass; told of its pages (a long first pass shows its rows as they come). */
	fetch: FleetFetch;
	/** The first pass, already fetched: the first frame shows its rows (hooks/use-fleet.ts `first`). */
	firstSnapshot?: Snapshot | undefined;
	/** Or the first page of a first pass of several: the first frame shows its rows as progress. */
	firstPage?: PassProgress | undefined;
	label: string;
	keySource: string | undefined;
	/** The key's owner (source.ts): a Letta Code login's expiry is shown, and a fresh token polls at once. */
	credential?: Credential;
	intervalMs: number;
	staleAfterMs: number;
	lingerMs: number;
	bell?: (() => void) | undefined;
	/** Records each poll's state in the history file (modes/recording.ts); returns a notice when recording stops. */
	record?: ((state: FleetState) => string | undefined) | undefined;
	/** A notice from opening the history file (off, a damaged file set aside), beside the label; may come later. */
	historyNotice?: string | undefined;
	/**
	 * The history file read back (the detail pane's availability, the log's earlier events); none when not recorded,
	 * or not yet open (ui/run.tsx opens it after the first frame).
	 */
	history?: LiveHistory | undefined;
	/** Where `e` and `E` write their files. */
	exportDirectory?: string;
	symbols?: SymbolSet;
	clock?: Clock;
	/** How `c` copies; the real clipboard (tmux's buffer inside tmux, else OSC 52) unless a test says otherwise. */
	copy?: (text: string) => Promise<CopyOutcome>;
	/** The parsed options the view starts from (--sort, --scope, --filter) and the flags that narrowed the listing. */
	options?: AppOptions;
	/** Fixed size for tests; the live view follows the terminal. */
	size?: {columns: number; rows: number};
	/** Mouse reports to act on (`--mouse`); none: the view ignores the mouse. */
	mouse?: MouseFeed;
	/** The config file's contexts for the picker (`x`), the one in use, and how to switch (ui/run.tsx). */
	contexts?: readonly PickerContext[];
	context?: string | undefined;
	switchContext?: (name: string) => void;
	/** A message from outside the view (a context switch under way, or why it failed), flashed when it changes. */
	notice?: Flash | undefined;
};

/** What App reads of Options: run.tsx passes them whole. */
export type AppOptions = ViewStart & Pick<Options, 'onlineOnly' | 'source' | 'userId'>;

/**
 * The rows of the last sort and what they were a sort of; `order` (positions in all rows) only when time cannot change
 * it.
 */
type LastSort = {
	snapshot: Snapshot | null;
	tombstones: FleetState['tombstones'];
	sort: SortState;
	scope: Scope;
	filter: string;
	rows: FleetRow[];
	order: Int32Array | null;
	/** Stands for the listeners of `rows` in their order (view/table-lines.ts): kept while a re-sort keeps both. */
	listing: object;
};

export function App(props: AppProps) {
	const windowSize = useWindowSize();
	const {columns, rows: screenRows} = props.size ?? windowSize;
	const symbols = props.symbols ?? UNICODE_SYMBOLS;
	// Recording stopped mid-run says so over the start's notice, which may come after mount (ui/run.tsx).
	const [stoppedNotice, setHistoryNotice] = useState<string>();
	const historyNotice = stoppedNotice ?? props.historyNotice;
	const {state, now, controls} = useFleet({
		fetch: props.fetch,
		intervalMs: props.intervalMs,
		settings: {staleAfterMs: props.staleAfterMs, lingerMs: props.lingerMs},
		clock: props.clock,
		first: props.firstSnapshot,
		firstPage: props.firstPage,
		onSnapshot(fleet) {
			const notice = props.record?.(fleet);
			if (notice) setHistoryNotice(notice);
			if (
				props.bell &&
				fleet.lastEvents.some(
					event => event.type === 'disconnected' || event.type === 'stale' || event.type === 'removed',
				)
			) {
				props.bell();
			}
		},
	});
	const loginExpiresAt = useLogin(props.credential, controls.pollNow);
	const [view, dispatch] = useReducer(viewReducer, props.options, initialView);
	// Only while a message shows: a dispatch that changes nothing still costs a render every tick.
	const flashShown = view.flash !== null;
	const {notice} = props;
	useEffect(() => {
		if (notice) dispatch({type: 'flash', flash: notice});
	}, [notice]);
	useEffect(() => {
		if (flashShown) dispatch({type: 'flash-expire', now});
	}, [now, flashShown]);

	const layout = useMemo(() => layoutColumns(shownColumns(view.columns), columns), [view.columns, columns]);
	const narrowedBy = useMemo(() => (props.options ? narrowingFlags(props.options) : []), [props.options]);
	// A past moment shows the fleet rebuilt from the history file, judged then; polling goes on underneath.
	const travel = useTimeTravel(props.history, view.timeTravel, state, props.staleAfterMs);
	// The first pass's rows so far, marked as loading, rather than a bare frame; only drawn (fleet/pass-progress.ts).
	const drawnState = useMemo(() => withPartialRows(state), [state]);
	const shownState = travel?.state ?? drawnState;
	const judgedNow = travel ? travel.text.at : now;
	// Built from what selectRows reads: a later pass's progress (the header's "polling… page N") is a new state with
	// the same rows, and draws only the header again (the table and the strip are memoized on their rows).
	const {snapshot: rowsSnapshot, settings, marks, tombstones: rowsTombstones, health} = shownState;
	// The last rows: a row that did not change is the same object, and a tick that changed none the same array, so
	// what is built on them (the sort, the lines, the header's counts) is not built again (fleet/rows.ts).
	const lastRows = useRef<FleetRow[]>([]);
	const allRows = useMemo(
		() =>
			(lastRows.current = selectRows(
				{snapshot: rowsSnapshot, settings, marks, tombstones: rowsTombstones, health},
				judgedNow,
				lastRows.current,
			)),
		[rowsSnapshot, settings, marks, rowsTombstones, health, judgedNow],
	);
	const serverNow = rowsServerNow({snapshot: rowsSnapshot, health}, judgedNow);
	// The last sort, and what it was a sort of: new rows of the same snapshot (a status turned stale, a mark faded)
	// reuse its order when time cannot change it, and a new snapshot sorts only the rows that moved (view/query.ts).
	const lastSort = useRef<LastSort | null>(null);
	const shownRows = useMemo(() => {
		const last = lastSort.current;
		const sameQuery =
			last !== null && last.sort === view.sort && last.scope === view.scope && last.filter === view.filter;
		const timeless = orderIsTimeless(view.sort, view.scope, view.filter);
		if (
			sameQuery &&
			last.order &&
			last.snapshot === shownState.snapshot &&
			last.tombstones === shownState.tombstones
		) {
			const kept = reorder(allRows, last.order, last.rows);
			if (kept) {
				return kept;
			}
		}

		const shown = filterRows(scopeRows(allRows, view.scope), view.filter);
		const rows = sameQuery ? sortMoved(shown, last.rows, view.sort) : sortRows(shown, view.sort);
		// Between polls an age sort or a filter sorts again each tick, and mostly finds the same order.
		const sameListing =
			sameQuery &&
			last.snapshot === shownState.snapshot &&
			last.tombstones === shownState.tombstones &&
			sameIds(rows, last.rows);
		lastSort.current = {
			snapshot: shownState.snapshot,
			tombstones: shownState.tombstones,
			sort: view.sort,
			scope: view.scope,
			filter: view.filter,
			rows,
			order: timeless ? sortOrder(rows) : null,
			listing: sameListing ? last.listing : {},
		};
		return rows;
	}, [allRows, shownState.snapshot, shownState.tombstones, view.scope, view.filter, view.sort]);
	// The rows under their groups' header lines (view/table-lines.ts): grouped once per poll or view change; a tick,
	// the same listeners in the same order, refills the last lines' plan with its rows.
	const lastTable = useRef<TableLines | undefined>(undefined);
	const table = useMemo(() => {
		const reuse = lastSort.current ? {previous: lastTable.current, listing: lastSort.current.listing} : undefined;
		return (lastTable.current = tableLines(shownRows, view.groupBy, view.collapsed, reuse));
	}, [shownRows, view.groupBy, view.collapsed]);
	const selectedIndex = resolveLine(table, view.selectedId, view.selectedIndex);
	const selectedLine = selectedIndex >= 0 ? table.lines[selectedIndex] : undefined;
	const selectedRow = selectedLine === undefined || isGroupLine(selectedLine) ? undefined : selectedLine;
	// Where the selected line is now, once rows moved under it (a sort sends it to the end): should it then vanish
	// (a scope, a filter, a removal), the selection stays near there, not where it was before the sort (issue 20).
	const followed = view.selectedId !== null && selectedIndex >= 0 && selectedIndex !== view.selectedIndex;
	useEffect(() => {
		if (followed) dispatch({type: 'selection-seen', index: selectedIndex});
	}, [followed, selectedIndex]);

	const detailOpen = view.pane === 'detail' && selectedRow !== undefined;
	// A record without a deviceId has no GET of its own (it would ask for the list's path); a past row has none.
	const record = useDeviceRecord(
		props.client,
		detailOpen && !travel && selectedRow.connection.deviceId !== '' ? selectedRow.connection.deviceId : null,
		props.intervalMs,
	);

	const {paneHeight, tableHeight} = screenGeometry(screenRows);
	const recorded = useRecordedStatus(
		props.history,
		detailOpen ? (selectedRow.connection.recordId ?? null) : null,
		now,
	);

	const detail = useDetailModule(detailOpen || state.snapshot !== null);
	// The parts of the fleet state a device's history reads: a tick that only fades marks does not rebuild the pane.
	const {heartbeats, deviceLogs, snapshot, tombstones} = state;
	const selectedHistory = useMemo(
		() => (detailOpen ? deviceHistory({heartbeats, deviceLogs, snapshot, tombstones}, selectedRow.id) : undefined),
		[detailOpen, heartbeats, deviceLogs, snapshot, tombstones, selectedRow?.id],
	);
	// The fleet state holds only the fleet's newest events; the pane reads a listener's older ones from the file.
	const paneEvents = useDeviceEvents(
		props.history,
		detailOpen ? (selectedRow.connection.recordId ?? null) : null,
		selectedHistory?.events,
		state.settings.maxDeviceEvents,
	);
	const paneLines = useMemo((): DetailLine[] => {
		if (!detailOpen) {
			return [];
		}

		if (!detail.module) {
			return detail.error
				? [{text: `the detail pane could not load: ${sanitizeText(detail.error)}`, tone: 'warn'}]
				: [{text: 'loading…', tone: 'dim'}];
		}

		// GET /v1/environments/{deviceId} answers one of the machine's listeners without saying which: its record is
		// used only when it is this row's.
		// Only a record with an id can be told to be this row's: two id-less listeners of one machine are not one.
		const sameRecord =
			record.connection !== null &&
			selectedRow.connection.recordId !== null &&
			record.connection.recordId === selectedRow.connection.recordId;
		const fresher = sameRecord && record.refreshedAt !== null && record.refreshedAt > (snapshot?.fetchedAt ?? 0);
		const {deviceId, connectionName} = selectedRow.connection;
		const related = allRows.filter(
			row =>
				row.id !== selectedRow.id &&
				row.status !== 'gone' &&
				((deviceId !== '' && row.connection.deviceId === deviceId) ||
					(selectedRow.duplicate?.sameName ? row.connection.connectionName === connectionName : false)),
		);
		const sections = detail.module.detailSections({
			// The row's key and the note on it are the listing's, not the single GET's.
			connection: fresher
				? {...record.connection!, id: selectedRow.id, keyNote: selectedRow.connection.keyNote}
				: selectedRow.connection,
			duplicate: selectedRow.duplicate,
			local: selectedRow.local,
			related,
			status: selectedRow.status,
			serverNow,
			now,
			history: selectedHistory && {...selectedHistory, events: paneEvents},
			staleAfterMs: props.staleAfterMs,
			symbols,
			refreshedAt: sameRecord ? record.refreshedAt : null,
			recorded,
		});
		return layoutDetailLines(sections[view.detailTab], columns, view.detailTab);
	}, [
		columns,
		detailOpen,
		detail,
		record,
		selectedRow,
		allRows,
		serverNow,
		now,
		snapshot,
		selectedHistory,
		paneEvents,
		props.staleAfterMs,
		symbols,
		view.detailTab,
		recorded,
	]);
	const paneMaxScroll = maxPaneScroll(paneLines.length, paneHeight, view.pane);
	// The header's trend: the minutes recorded before this run (read once), then this run's own.
	const recordedTrend = useMemo(
		() => props.history?.onlineCounts(Date.now() - ONLINE_SERIES_MINUTES * 60_000) ?? [],
		[props.history],
	);
	const onlineTrend = useMemo(() => {
		const first = state.onlineSeries[0]?.minute ?? Number.POSITIVE_INFINITY;
		const before = recordedTrend.filter(sample => sample.minute < first);
		return before.length === 0 ? state.onlineSeries : [...before, ...state.onlineSeries];
	}, [recordedTrend, state.onlineSeries]);
	// The log: events recorded before this run, read back a page at a time, then this run's.
	const recordedEvents = useRecordedEvents(props.history);
	const allEvents = useMemo(
		() => (recordedEvents.events.length === 0 ? state.events : [...recordedEvents.events, ...state.events]),
		[recordedEvents.events, state.events],
	);
	const logEvents = useMemo(() => searchEvents(allEvents, view.logFilter), [allEvents, view.logFilter]);
	const logIndex = useMemo(() => resolveLogSelection(view, logEvents.map(eventKey)), [view, logEvents]);
	const logOpen = view.pane === 'log';
	const nearOldest = logIndex >= logEvents.length - paneHeight;
	const {more: readEarlier} = recordedEvents;
	useEffect(() => {
		if (logOpen && nearOldest) readEarlier();
	}, [logOpen, nearOldest, readEarlier]);

	// Laying help out costs a wrap of every binding: only when help scrolls (not for the first frame), once a size.
	const helpScrollMax = useMemo(() => {
		let max: number | undefined;
		return () => (max ??= helpMaxScroll(columns, paneHeight));
	}, [columns, paneHeight]);
	/**
	 * The rows a view shows: the rendered ones, or, for a view keys left before the next render, its own scope, filter
	 * and sort.
	 */
	const rowsFor = (shownBy: ViewState): FleetRow[] =>
		shownBy.scope === view.scope && shownBy.filter === view.filter && shownBy.sort === view.sort
			? shownRows
			: sortRows(filterRows(scopeRows(allRows, shownBy.scope), shownBy.filter), shownBy.sort);
	const runEffect = useKeyEffects({
		controls,
		allRows,
		rowsFor,
		serverNow,
		dispatch,
		copy: props.copy,
		exportDirectory: props.exportDirectory ?? process.cwd(),
		switchContext: props.switchContext,
		loading: state.snapshot === null,
	});
	const contextNames = useMemo(() => props.contexts?.map(context => context.name) ?? [], [props.contexts]);
	/** The table's lines a view shows: the rendered ones, or for a view keys left before the next render, its own. */
	const linesFor = (shownBy: ViewState): TableLines =>
		shownBy.scope === view.scope &&
		shownBy.filter === view.filter &&
		shownBy.sort === view.sort &&
		shownBy.groupBy === view.groupBy &&
		shownBy.collapsed === view.collapsed
			? table
			: tableLines(rowsFor(shownBy), shownBy.groupBy, shownBy.collapsed);
	const feedKeys = useKeymap({
		view,
		dispatch,
		world: {
			ids: shownBy => linesFor(shownBy).ids,
			lines: linesFor,
			// A page keeps one line of the last in view: help's window is the pane less its title.
			pageSize: shownBy =>
				Math.max(1, shownBy.help ? paneHeight - 2 : (shownBy.pane === 'table' ? tableHeight : paneHeight) - 1),
			logEvents: shownBy =>
				shownBy.logFilter === view.logFilter ? logEvents : searchEvents(allEvents, shownBy.logFilter),
			paneMaxScroll: () => maxPaneScroll(paneLines.length, paneHeight, 'detail'),
			helpMaxScroll: helpScrollMax,
			paused: state.health.paused,
			history: props.history !== undefined,
			contexts: contextNames,
			context: props.context,
		},
		run: runEffect,
	});

	const tableStart = useRef(0);
	useMouse(
		props.mouse,
		() =>
			mouseScreen({
				columns,
				rows: screenRows,
				view,
				detailOpen,
				ids: table.ids,
				tableStart: tableStart.current,
			}),
		feedKeys,
	);

	return (
		<FleetScreen
			state={shownState}
			view={view}
			now={now}
			columns={columns}
			rows={screenRows}
			layout={layout}
			allRows={allRows}
			shownRows={shownRows}
			serverNow={serverNow}
			lines={table.lines}
			selectedIndex={selectedIndex}
			detail={detailOpen ? {row: selectedRow, lines: paneLines, note: detailNote(record, selectedRow)} : null}
			paneMaxScroll={paneMaxScroll}
			onlineTrend={onlineTrend}
			log={{events: logEvents, selectedIndex: logIndex, recorded: recordedEvents.events.length}}
			label={historyNotice ? `${props.label} · ${historyNotice}` : props.label}
			keySource={props.keySource}
			loginExpiresAt={loginExpiresAt}
			intervalMs={props.intervalMs}
			symbols={symbols}
			narrowedBy={narrowedBy}
			travel={travel?.text ?? null}
			polled={state}
			tableStart={tableStart}
			contexts={props.contexts}
			context={props.context}
		/>
	);
}

/**
 * What the pane's title line says about the GET refresh: its error, or that it answered another listener of the
 * machine.
 */
function detailNote(record: DeviceRecord, row: FleetRow): string | null {
	if (record.error) {
		return record.error;
	}

	return record.connection && record.connection.recordId !== row.connection.recordId
		? 'GET /v1/environments/{deviceId} answers another listener of this machine; shown as listed'
		: null;
}
