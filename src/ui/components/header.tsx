import {Box, Text} from 'ink';
import {LOGIN_EXPIRED} from '../../api/errors.js';
import type {FleetState} from '../../fleet/reducer.js';
import type {OnlineSeries} from '../../fleet/online-series.js';
import {countStatuses, type FleetRow} from '../../fleet/rows.js';
import {listenerGroups} from '../../fleet/listeners.js';
import {formatClock} from '../../view/format.js';
import {
	ago,
	contextText,
	countsText,
	onlineTrendText,
	pollHealthText,
	type PollHealthText,
	travelBannerText,
	type TravelText,
	viewLineText,
} from '../../view/header-text.js';
import {displayWidth} from '../../view/text.js';
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
	/** The context in use (config/contexts.ts): it leads the third line. */
	context?: string | undefined;
};

export const HEADER_HEIGHT = 3;

/** The header's three lines; their words come from view/header-text.ts, only the colours are chosen here. */
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
	trend: series,
	travel,
	polled,
	context,
}: Props) {
	const counts = countStatuses(allRows);
	const {health, snapshot} = state;
	// While polls fail, trouble leads the line: on a narrow terminal it is what survives the cut.
	const trouble = !snapshot || health.lastError !== null;
	const listeners = snapshot ? snapshot.connections.length : 0;
	const machines = snapshot ? listenerGroups(snapshot).machineCount : 0;
	const line = countsText(counts, listeners, machines, symbols, width);
	const polls = pollHealthText(polled ?? state, now, intervalMs);
	// The last good poll's snapshot: a past moment's rebuilt one was fetched by nobody.
	const lastGood = (polled ?? state).snapshot;
	// The trend is an extra: only on a healthy line, in the columns the counts leave.
	const used = displayWidth(line.lead + line.cells.map(cell => cell.text).join('') + line.duplicates);
	const trend = trouble || travel ? '' : onlineTrendText(series, now, width - used, symbols.spark);
	return (
		<Box flexDirection="column" height={HEADER_HEIGHT}>
			{travel ? (
				<Text wrap="truncate" inverse bold color="yellow">
					{travelBannerText(travel, now)}
				</Text>
			) : (
				<KeyLine label={label} keySource={keySource} loginExpiresAt={loginExpiresAt ?? null} now={now} />
			)}
			<Text wrap="truncate">
				{trouble ? <PollHealth health={polls} /> : null}
				{trouble && snapshot ? '  ' : null}
				{snapshot ? (
					<Text>
						<Text bold>{line.lead}</Text>
						{line.cells.map(({status, text}) => (
							<Text
								key={status}
								color={STATUS_COLORS[status]}
								bold={status !== 'online' && counts[status] > 0}
							>
								{text}
							</Text>
						))}
						{line.duplicates ? (
							<Text color="yellow" bold>
								{line.duplicates}
							</Text>
						) : null}
						{trend ? <Text color="green">{trend}</Text> : null}
					</Text>
				) : null}
			</Text>
			<Text wrap="truncate">
				{context ? (
					<Text bold color="cyan">
						{contextText(context)}
					</Text>
				) : null}
				{health.lastError && lastGood ? (
					// The data is as of the last good poll, and every status is judged then (fleet/rows.ts judgedAt).
					<Text color="red">{`data from ${ago(now - lastGood.fetchedAt)}, as of ${formatClock(lastGood.fetchedAt)}: ${health.lastError.errorCode === LOGIN_EXPIRED ? 'the Letta Code login expired (see above)' : health.lastError.message}`}</Text>
				) : (
					<Text>
						<Text dimColor>{viewLineText(view, allRows.length, shownCount, symbols)}</Text>
						{/* Paused is said here, before the poll health. */}
						{health.paused ? (
							<Text color="yellow" bold>
								{snapshot
									? ` · PAUSED: as of ${formatClock(snapshot.fetchedAt)}, ${ago(now - snapshot.fetchedAt)} (p resumes)`
									: ' · PAUSED (p resumes)'}
							</Text>
						) : null}
						{snapshot ? <PollHealth health={polls} /> : null}
					</Text>
				)}
			</Text>
		</Box>
	);
}

const TONES: Record<PollHealthText['tone'], {color?: string; bold?: boolean; dimColor?: boolean}> = {
	waiting: {color: 'yellow', bold: true},
	halted: {color: 'red', bold: true},
	failing: {color: 'red', bold: true},
	connecting: {dimColor: true},
	recovered: {color: 'green', bold: true},
	quiet: {dimColor: true},
};

function PollHealth({health}: {health: PollHealthText}) {
	return <Text {...TONES[health.tone]}>{health.text}</Text>;
}
