import {Box, Text} from 'ink';
import {LOGIN_EXPIRED} from '../../api/errors.js';
import type {FleetState} from '../../fleet/reducer.js';
import type {OnlineSeries} from '../../fleet/online-series.js';
import type {FleetRow} from '../../fleet/rows.js';
import {listenerGroups} from '../../fleet/listeners.js';
import {formatClock} from '../../view/format.js';
import {type FittedSegment, fitSegments, type HeaderTone} from '../../view/header-fit.js';
import {headerCounts} from '../../view/header-counts.js';
import {countsLineSegments, viewLineSegments} from '../../view/header-layout.js';
import {ago, pollHealthText, travelBannerText, type TravelText} from '../../view/header-text.js';
import type {ViewState} from '../../view/view-state.js';
import {STATUS_COLORS, type SymbolSet} from '../../view/symbols.js';
import {KeyLine} from './key-line.js';

type Props = {
	state: FleetState;
	view: ViewState;
	allRows: FleetRow[];
	shownCount: number;
	now: number;
	label: string;
	keySource: string | undefined;
	/** A Letta Code login's expiry (epoch ms), or null/absent when the key has none. */
	loginExpiresAt?: number | null;
	intervalMs: number;
	symbols: SymbolSet;
	/** Terminal columns: the counts line shortens its lead to keep the counts whole. */
	width: number;
	/** The fleet's online count a minute (fleet/online-series.ts), drawn where the counts leave room. */
	trend: OnlineSeries;
	/** Set while the table shows a past moment: the first line becomes the HISTORY banner. */
	travel?: TravelText | null;
	/** The live state while `state` is a past moment's: the polls' health is always the live one's. */
	polled?: FleetState;
	/** The config context watched (`--context`), named first on the key line; undefined: none shown. */
	context?: string | undefined;
};

export const HEADER_HEIGHT = 3;

/**
 * The header's three lines; their words come from view/header-text.ts and what gives way on a short line from
 * view/header-layout.ts: only the colours are chosen here.
 */
export function Header({
	state,
	view,
	allRows,
	shownCount,
	now,
	label,
	keySource,
	loginExpiresAt,
	intervalMs,
	symbols,
	width,
	trend,
	travel,
	polled,
	context,
}: Props) {
	const counts = headerCounts(allRows);
	const {health, snapshot} = state;
	const machines = snapshot ? listenerGroups(snapshot).machineCount : 0;
	const polls = pollHealthText(polled ?? state, now, intervalMs);
	// The last good poll's snapshot: a past moment's rebuilt one was fetched by nobody.
	const lastGood = (polled ?? state).snapshot;
	const countsLine = fitSegments(
		countsLineSegments({state, counts, machines, polls, symbols, now, trend, travel: Boolean(travel)}),
		width,
	);
	const paused = health.paused
		? snapshot
			? [
					`PAUSED: as of ${formatClock(snapshot.fetchedAt)}, ${ago(now - snapshot.fetchedAt)} (p resumes)`,
					`PAUSED ${ago(now - snapshot.fetchedAt)} (p resumes)`,
					'PAUSED',
				]
			: ['PAUSED (p resumes)', 'PAUSED']
		: null;
	const viewLine = fitSegments(
		viewLineSegments({
			view,
			total: allRows.length,
			shown: shownCount,
			symbols,
			paused,
			// While the first pass loads, the counts line says so; there is no age or refresh yet.
			polls: snapshot && !state.pass?.partial ? polls : null,
		}),
		width,
	);
	return (
		<Box flexDirection="column" height={HEADER_HEIGHT}>
			{travel ? (
				<Text wrap="truncate" inverse bold color="yellow">
					{travelBannerText(travel, now)}
				</Text>
			) : (
				<KeyLine
					label={label}
					keySource={keySource}
					loginExpiresAt={loginExpiresAt ?? null}
					// Without a login's expiry the time says nothing here: drawn again only when it moves.
					now={loginExpiresAt == null ? 0 : now}
					context={context}
				/>
			)}
			<FittedLine segments={countsLine} />
			{health.lastError && lastGood ? (
				// The data is as of the last good poll, and every status is judged then (fleet/rows.ts judgedAt).
				<Text
					wrap="truncate"
					color="red"
				>{`data from ${ago(now - lastGood.fetchedAt)}, as of ${formatClock(lastGood.fetchedAt)}: ${health.lastError.errorCode === LOGIN_EXPIRED ? 'the Letta Code login expired (see above)' : health.lastError.message}`}</Text>
			) : (
				<FittedLine segments={viewLine} />
			)}
		</Box>
	);
}

const TONES: Record<HeaderTone, {color?: string; bold?: boolean; dimColor?: boolean}> = {
	plain: {},
	lead: {bold: true},
	dim: {dimColor: true},
	online: {color: STATUS_COLORS.online},
	stale: {color: STATUS_COLORS.stale},
	offline: {color: STATUS_COLORS.offline},
	gone: {color: STATUS_COLORS.gone},
	dup: {color: 'yellow'},
	trend: {color: 'green'},
	warning: {color: 'yellow'},
	paused: {color: 'yellow', bold: true},
	loading: {color: 'cyan', bold: true},
	waiting: {color: 'yellow', bold: true},
	halted: {color: 'red', bold: true},
	failing: {color: 'red', bold: true},
	connecting: {dimColor: true},
	recovered: {color: 'green', bold: true},
	quiet: {dimColor: true},
};

/** One header line as header-fit.ts fitted it: each run in its tone's colour. */
function FittedLine({segments}: {segments: FittedSegment[]}) {
	return (
		<Text wrap="truncate">
			{segments.flatMap(segment =>
				segment.runs.map((run, index) => (
					<Text key={`${segment.id}-${index}`} {...TONES[run.tone]} {...(run.bold ? {bold: true} : {})}>
						{run.text}
					</Text>
				)),
			)}
		</Text>
	);
}
