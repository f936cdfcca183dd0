/**
 * What the header's second and third lines hold, piece by piece, and what gives way first when the
 * terminal is short (header-fit.ts). The order of priority, highest first:
 *
 * 1. the fleet's counts and the outage state (never dropped, only shortened);
 * 2. the context's name (first on the key line, see ui/components/key-line.tsx);
 * 3. the refresh interval and the data's age (`updated 3s ago · every 2s`), and PAUSED;
 * 4. the view line (shown of total, filter, sort, scope), then a poll's latency and pages;
 * 5. the extras: version drift, then the online trend.
 *
 * At 80 columns the counts, the interval and the age are all there, during an outage too.
 */
import type {FleetState} from '../fleet/reducer.js';
import type {RowStatus, StatusCounts} from '../fleet/rows.js';
import type {Connection} from '../api/connection.js';
import {formatListenerCount} from './format.js';
import type {HeaderSegment, Run} from './header-fit.js';
import {MIN_TREND_MINUTES, type PollHealthText, trendTextOf, viewLineParts} from './header-text.js';
import {ONLINE_SERIES_MINUTES, onlineByMinute, type OnlineSeries} from '../fleet/online-series.js';
import type {SymbolSet} from './symbols.js';
import {versionDriftForms} from './version-drift.js';
import type {ViewState} from './view-state.js';

/** The counts' forms, longest first: with `N listeners on M machines:`, `N listeners:`, none, then numbers only. */
export function countsForms(counts: StatusCounts, listeners: number, machines: number, symbols: SymbolSet): Run[][] {
	const statuses = (['online', 'stale', 'offline', 'gone'] as const).filter(
		status => status !== 'gone' || counts.gone > 0,
	);
	const cells = (words: boolean): Run[] =>
		statuses.map((status, index) => ({
			text: `${index === 0 ? '' : ' '}${symbols.status[status]} ${counts[status]}${words ? ` ${status}` : ''}`,
			tone: status satisfies RowStatus,
			bold: status !== 'online' && counts[status] > 0,
		}));
	const duplicates: Run[] =
		counts.duplicates > 0 ? [{text: `  ${counts.duplicates} dup`, tone: 'dup', bold: true}] : [];
	const lead = (text: string): Run[] => [{text: `${text} `, tone: 'lead'}];
	return [
		[...lead(`${formatListenerCount(listeners, machines)}:`), ...cells(true), ...duplicates],
		[...lead(`${listeners} listeners:`), ...cells(true), ...duplicates],
		[...cells(true), ...duplicates],
		[...cells(false), ...duplicates],
	];
}

/** A poll health's forms: its words, then its short words (if any). */
function pollForms(polls: PollHealthText): Run[][] {
	const forms: Run[][] = [[{text: polls.text, tone: polls.tone}]];
	if (polls.short) forms.push([{text: polls.short, tone: polls.tone}]);
	return forms;
}

/**
 * The online trend's forms: the last hour, then fewer minutes down to MIN_TREND_MINUTES (none before a poll); each
 * onlineTrendText of its width. The minutes are counted once, each window the last of them; and the forms are kept
 * for the series and its minute, so a tick or a pass's progress within the minute draws them from memory.
 */
export function trendForms(series: OnlineSeries, now: number, bars: readonly string[]): Run[][] {
	const minute = Math.floor(now / 60_000);
	const kept = trendsBySeries.get(series);
	if (kept?.minute === minute && kept.bars === bars) return kept.forms;
	const hour = onlineByMinute(series, now, ONLINE_SERIES_MINUTES);
	const forms: Run[][] = [];
	for (let minutes = ONLINE_SERIES_MINUTES; minutes >= MIN_TREND_MINUTES; minutes -= 5) {
		const text = trendTextOf(hour.slice(-minutes), bars);
		if (text) forms.push([{text, tone: 'trend'}]);
	}

	trendsBySeries.set(series, {minute, bars, forms});
	return forms;
}

const trendsBySeries = new WeakMap<OnlineSeries, {minute: number; bars: readonly string[]; forms: Run[][]}>();

export type CountsLineInput = {
	state: FleetState;
	counts: StatusCounts;
	machines: number;
	polls: PollHealthText;
	symbols: SymbolSet;
	now: number;
	trend: OnlineSeries;
	/** While the table shows a past moment: the live extras (drift, trend) would not match it. */
	travel: boolean;
};

/**
 * The second line: while polls fail (or before the first), the outage first; the counts; then, on a
 * healthy line, the version drift and the online trend in the room left.
 */
export function countsLineSegments(input: CountsLineInput): HeaderSegment[] {
	const {state, polls} = input;
	const {snapshot, health} = state;
	// The first pass's rows so far are not the fleet: the loading line leads, and no extras.
	const loading = Boolean(state.pass?.partial);
	const trouble = !snapshot || health.lastError !== null || loading;
	const segments: HeaderSegment[] = [];
	if (trouble) segments.push({id: 'polls', priority: 10, required: true, forms: pollForms(polls)});
	if (!snapshot) return segments;
	const connections: readonly Connection[] = snapshot.connections;
	segments.push({
		id: 'counts',
		priority: 9,
		required: true,
		separator: '  ',
		forms: countsForms(input.counts, connections.length, input.machines, input.symbols),
	});
	if (trouble || input.travel) return segments;
	segments.push(
		{id: 'versions', priority: 2, separator: '  ', forms: versionDriftForms(connections)},
		{id: 'trend', priority: 1, forms: trendForms(input.trend, input.now, input.symbols.spark)},
	);
	return segments;
}

export type ViewLineInput = {
	view: ViewState;
	total: number;
	shown: number;
	symbols: SymbolSet;
	/** The PAUSED notice's words, longest first, or none while polling. */
	paused: string[] | null;
	/** The polls' health, once there is data (null before). */
	polls: PollHealthText | null;
};

/** The third line: the view's shown count, PAUSED, the data's age and interval, the rest of the view, the detail. */
export function viewLineSegments(input: ViewLineInput): HeaderSegment[] {
	const parts = viewLineParts(input.view, input.total, input.shown, input.symbols);
	const part = (id: string, priority: number, text: string | undefined): HeaderSegment[] =>
		text === undefined ? [] : [{id, priority, separator: ' · ', forms: [[{text, tone: 'dim'}]]}];
	const segments: HeaderSegment[] = [
		{id: 'shown', priority: 9, required: true, forms: [[{text: parts.shown, tone: 'dim'}]]},
		// `scope all` is the default, so it says least: the first of the view's words to give way.
		...part('scope', input.view.scope === 'all' ? 2 : 4, parts.scope),
		...part('sort', 5, parts.sort),
		// The group header lines already show a grouping; the words go before the sort's.
		...part('group', 4, parts.group),
		...part('filter', 6, parts.filter),
		...part('columns', 3, parts.columns),
	];
	if (input.paused) {
		segments.push({
			id: 'paused',
			priority: 10,
			required: true,
			separator: ' · ',
			forms: input.paused.map(text => [{text, tone: 'paused' as const}]),
		});
	}

	const {polls} = input;
	if (polls) {
		segments.push({id: 'polls', priority: 8, forms: pollForms(polls)});
		if (polls.detail)
			segments.push({
				id: 'detail',
				priority: 3,
				separator: ' · ',
				forms: [[{text: polls.detail, tone: polls.tone}]],
			});
	}

	return segments;
}
