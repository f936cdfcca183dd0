/**
 * The header's words, without Ink: the counts line (listeners on machines, counts by status,
 * duplicates), how the polls are going, and the view line (shown of total, scope, sort, filter).
 * ui/components/header.tsx only colours them; the tone of each piece says how.
 */
import type {FleetState} from '../fleet/reducer.js';
import type {RowStatus, StatusCounts} from '../fleet/rows.js';
import type {Snapshot} from '../fleet/types.js';
import {LOGIN_EXPIRED} from '../api/errors.js';
import {columnByKey} from './columns.js';
import {sortArrow} from './query.js';
import {chosenCountText} from './column-choice.js';
import {formatAge, formatCount, formatEventTime, formatListenerCount} from './format.js';
import type {SymbolSet} from './symbols.js';
import type {ViewState} from './view-state.js';
import {ONLINE_SERIES_MINUTES, onlineByMinute, type OnlineSeries} from '../fleet/online-series.js';
import {sparkline} from './sparkline.js';

/** The fewest minutes the online trend is worth drawing: less is noise, and the columns go to the counts. */
export const MIN_TREND_MINUTES = 15;

/**
 * The fleet's online count over the last hour, for the end of the counts line when `room` columns
 * are left: `  online, last 60m ▇▇▇▇▆▁▁▇` (fewer minutes when less room; nothing under
 * MIN_TREND_MINUTES, or before any poll). A bar per minute, scaled from 0 to the window's highest
 * count so a dip reads as the share it is; a blank is a minute with no successful poll.
 */
export function onlineTrendText(series: OnlineSeries, now: number, room: number, bars: readonly string[]): string {
	const label = (minutes: number) => `  online, last ${minutes}m `;
	const minutes = Math.min(ONLINE_SERIES_MINUTES, room - label(ONLINE_SERIES_MINUTES).length);
	if (minutes < MIN_TREND_MINUTES) return '';
	return trendTextOf(onlineByMinute(series, now, minutes), bars);
}

/**
 * onlineTrendText of the minutes already counted (onlineByMinute's answer, oldest first; as many minutes as its
 * length): '' when no minute has a count.
 */
export function trendTextOf(values: ReadonlyArray<number | null>, bars: readonly string[]): string {
	const seen = values.filter((value): value is number => value !== null);
	if (seen.length === 0) return '';
	return `  online, last ${values.length}m ` + sparkline(values, Math.max(1, ...seen), bars);
}

/** How long "the API answers again" stays in the header after an outage, ms. */
export const RECOVERY_NOTICE_MS = 10_000;

/** `just now`, or `1m 40s ago`: an age as the header says it. */
export function ago(ms: number): string {
	const age = formatAge(ms);
	return age === 'now' ? 'just now' : `${age} ago`;
}

/** What the header's first line says while the table shows a past moment. */
export type TravelText = {at: number; unknown: number; truncated: boolean; failed: boolean};

/**
 * The history banner: `HISTORY 09:30:00 (3h ago) · 2 not watched then · [ ] { } step · @ go to · Esc live`,
 * the moment with its date when not today (formatEventTime), unmistakable on any width (the lead is first).
 */
export function travelBannerText(travel: TravelText, now: number): string {
	const parts = [`HISTORY ${formatEventTime(travel.at, now)} (${ago(now - travel.at)})`];
	if (travel.failed) parts.push('the history file could not be read');
	if (travel.unknown > 0) parts.push(`${travel.unknown} not watched then`);
	if (travel.truncated) parts.push('only the first listeners recorded are shown');
	parts.push('[ ] { } step', '@ go to', 'Esc live');
	return ` ${parts.join(' · ')} `;
}

/** The counts line: a lead that fits `width` with the counts whole, then a cell per status shown, then duplicates. */
export type CountsText = {lead: string; cells: Array<{status: RowStatus; text: string}>; duplicates: string};

/**
 * The counts line for `counts` at `width` columns: the counts by status matter most, so the
 * "N listeners on M machines:" lead shortens, then goes, before they are cut. `gone` is shown
 * only when some are.
 */
export function countsText(
	counts: StatusCounts,
	listeners: number,
	machines: number,
	symbols: SymbolSet,
	width: number,
): CountsText {
	const statuses = (['online', 'stale', 'offline', 'gone'] as const).filter(
		status => status !== 'gone' || counts.gone > 0,
	);
	const cell = (status: RowStatus) => ` ${symbols.status[status]} ${counts[status]} ${status}`;
	const duplicates = counts.duplicates > 0 ? `  ${counts.duplicates} dup` : '';
	const countsLength = statuses.reduce((sum, status) => sum + cell(status).length, duplicates.length);
	const lead =
		[`${formatListenerCount(listeners, machines)}:`, `${listeners} listeners:`, ''].find(
			text => text.length + countsLength <= width,
		) ?? '';
	const cells = statuses.map((status, index) => ({
		status,
		text: lead === '' && index === 0 ? cell(status).trimStart() : cell(status),
	}));
	return {lead, cells, duplicates};
}

/** How the polls are going, in words, and the tone to show them in. */
export type PollHealthText = {
	text: string;
	/** Words that go first when the line is short: a healthy poll's latency and pages (`7 ms · 1 page`). */
	detail?: string;
	/** `text` shortened for a short line: the state without its particulars (`⚠ poll failed ×3`). */
	short?: string;
	/**
	 * waiting: for a login (nothing to press); halted: stopped until `r`; failing: retrying; quiet: all is well;
	 * recovered: just came back; loading: the first pass is under way, its rows so far shown.
	 */
	tone: 'waiting' | 'halted' | 'failing' | 'connecting' | 'loading' | 'recovered' | 'quiet';
};

/**
 * What the header says of the polls at `now` (epoch ms): waiting for a fresh login, stopped,
 * failing (and when the next try is), connecting, back after an outage (for RECOVERY_NOTICE_MS),
 * or when the data was updated and how often it is refreshed.
 */
export function pollHealthText(state: FleetState, now: number, intervalMs: number): PollHealthText {
	const {health, snapshot} = state;
	if (health.lastError?.errorCode === LOGIN_EXPIRED) {
		// Not a failure of the API (nothing was sent) and nothing to press: the settings file is watched.
		return {
			text: '⏸ waiting for a fresh Letta Code login: run `letta` once, or set LETTA_API_KEY',
			short: '⏸ waiting for a login',
			tone: 'waiting',
		};
	}

	if (health.halted && health.lastError) {
		return {
			text: `✕ polling stopped: ${health.lastError.message} · r retries`,
			short: '✕ polling stopped · r retries',
			tone: 'halted',
		};
	}

	if (health.lastError) {
		// Once the retry is due it is out, and may hang until the request timeout: say so instead of "retry in 0s".
		const next =
			health.nextAttemptAt === null
				? ''
				: health.nextAttemptAt > now
					? ` · retry in ${Math.ceil((health.nextAttemptAt - now) / 1000)}s`
					: now - health.nextAttemptAt < 1000
						? ' · retrying'
						: ` · retrying for ${formatAge(now - health.nextAttemptAt)}`;
		const failed = `⚠ poll failed ×${health.consecutiveFailures}`;
		return {text: failed + next, short: failed, tone: 'failing'};
	}

	if (state.pass?.partial) {
		// The first pass, under way: its rows so far are on screen, and this says they are not the whole fleet.
		const records = formatCount(state.pass.records);
		return {
			text: `loading… ${records} listeners so far, page ${formatCount(state.pass.pages)}`,
			short: `loading… ${records} so far`,
			tone: 'loading',
		};
	}

	if (!snapshot) {
		return {text: 'connecting…', tone: 'connecting'};
	}

	const recovery = health.lastRecovery;
	if (recovery && now - recovery.at < RECOVERY_NOTICE_MS) {
		const failed = `${recovery.failures} failed poll${recovery.failures === 1 ? '' : 's'}`;
		return {
			text:
				recovery.errorCode === LOGIN_EXPIRED
					? ' │ ✓ logged in again; caught up'
					: ` │ ✓ the API answers again after ${formatAge(recovery.downMs)} (${failed}); caught up`,
			tone: 'recovered',
		};
	}

	const refresh = refreshText(snapshot, intervalMs);
	// A later pass of many pages says how far it has come; the last complete snapshot stays on screen.
	const polling = state.pass ? ` · polling… page ${formatCount(state.pass.pages)}` : '';
	return {
		text: ` │ updated ${ago(now - snapshot.fetchedAt)} · ${refresh.every}${polling}`,
		short: ` │ ${ago(now - snapshot.fetchedAt)} · ${refresh.every}${polling}`,
		detail: `${snapshot.latencyMs} ms · ${refresh.pages}`,
		tone: 'quiet',
	};
}

/**
 * The view line's words: `41 of 41 shown · scope all · sort name ↑ · grouped by machine · filter "x" · cols 6/14`
 * (PAUSED is added by the caller, in its own tone).
 */
export function viewLineText(view: ViewState, total: number, shown: number, symbols: SymbolSet): string {
	return Object.values(viewLineParts(view, total, shown, symbols))
		.filter(part => part !== undefined)
		.join(' · ');
}

/**
 * viewLineText's parts, in order, for the header to fit by priority (header-layout.ts); `group`, `filter` and
 * `columns` only when grouped, filtered or with columns hidden by choice.
 */
export function viewLineParts(
	view: ViewState,
	total: number,
	shown: number,
	symbols: SymbolSet,
): {shown: string; scope: string; sort: string; group?: string; filter?: string; columns?: string} {
	const arrow = sortArrow(view.sort, symbols);
	// Only when columns are hidden by choice: a column the width drops is not the person's doing.
	const chosen = chosenCountText(view.columns);
	return {
		// The count leads: on a narrow terminal it is what survives the cut.
		shown: `${shown} of ${total} shown`,
		scope: `scope ${view.scope}`,
		sort: `sort ${columnByKey(view.sort.key).title.toLowerCase()} ${arrow}`,
		...(view.groupBy === 'none' ? {} : {group: `grouped by ${view.groupBy}`}),
		...(view.filter ? {filter: `filter "${view.filter}"`} : {}),
		...(chosen ? {columns: chosen} : {}),
	};
}

/**
 * How often the fleet is refreshed, and in how many pages: `every 2s` and `1 page`; when the request
 * budget held the pass back, the refresh the fleet really gets (the pass plus the interval after it):
 * `every 12s` and `100 pages within 10 req/s`.
 */
export function refreshText(snapshot: Snapshot, intervalMs: number): {every: string; pages: string} {
	const pages = snapshot.pages === 1 ? '1 page' : `${snapshot.pages} pages`;
	if (!snapshot.paced) {
		return {every: `every ${intervalMs / 1000}s`, pages};
	}

	return {
		every: `every ${Math.round((snapshot.latencyMs + intervalMs) / 1000)}s`,
		pages: `${pages} within ${snapshot.paced.maxRps} req/s`,
	};
}
