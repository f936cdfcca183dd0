import {Box, Text} from 'ink';
import type {FleetState} from '../../fleet/reducer.js';
import {countStatuses, type FleetRow} from '../../fleet/rows.js';
import {formatAge} from '../../view/format.js';
import type {ViewState} from '../../view/view-state.js';
import {STATUS_COLORS, type SymbolSet} from '../../view/symbols.js';
import {columnByKey} from '../../view/columns.js';
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
};

export const HEADER_HEIGHT = 3;
const RECOVERY_NOTICE_MS = 10_000;

export function Header({state, view, allRows, shownCount, now, label, keySource, loginExpiresAt, intervalMs, symbols}: Props) {
	const counts = countStatuses(allRows);

	const {health, snapshot} = state;
	return (
		<Box flexDirection="column" height={HEADER_HEIGHT}>
			<KeyLine label={label} keySource={keySource} loginExpiresAt={loginExpiresAt ?? null} now={now} />
			<Text wrap="truncate">
				{(['online', 'stale', 'offline', 'gone'] as const).map(status => (
					<Text key={status} color={STATUS_COLORS[status]} bold={status !== 'online' && counts[status] > 0}>
						{`${symbols.status[status]} ${counts[status]} ${status}  `}
					</Text>
				))}
				<PollHealth state={state} now={now} intervalMs={intervalMs} />
			</Text>
			<Text wrap="truncate">
				{health.lastError && snapshot ? (
					<Text color="red">{`showing data from ${ago(now - (health.lastSuccessAt ?? now))}: ${health.lastError.message}`}</Text>
				) : (
					<ViewLine view={view} total={allRows.length} shown={shownCount} symbols={symbols} paused={health.paused} />
				)}
			</Text>
		</Box>
	);
}

function PollHealth({state, now, intervalMs}: {state: FleetState; now: number; intervalMs: number}) {
	const {health, snapshot} = state;
	const next = health.nextAttemptAt === null ? '' : ` · retry in ${Math.max(0, Math.ceil((health.nextAttemptAt - now) / 1000))}s`;
	if (health.halted && health.lastError) {
		return <Text color="red" bold>{`✕ polling stopped: ${health.lastError.message} · r retries`}</Text>;
	}

	if (health.lastError) {
		return (
			<Text color="red" bold>
				{`⚠ poll failed ×${health.consecutiveFailures}${next}`}
			</Text>
		);
	}

	if (!snapshot) {
		return <Text dimColor>connecting…</Text>;
	}

	const pages = snapshot.pages === 1 ? '1 page' : `${snapshot.pages} pages`;
	const recovery = health.lastRecovery;
	if (recovery && now - recovery.at < RECOVERY_NOTICE_MS) {
		return (
			<Text color="green" bold>
				{`✓ the API answers again after ${formatAge(recovery.downMs)} (${recovery.failures} failed polls); caught up`}
			</Text>
		);
	}

	// Paused comes first: it is the one thing here a person must not miss, even when the line is cut.
	return (
		<Text>
			{health.paused ? <Text color="yellow" bold>{'PAUSED '}</Text> : null}
			<Text dimColor>{`│ updated ${ago(now - snapshot.fetchedAt)} · ${snapshot.latencyMs} ms · ${pages} · every ${intervalMs / 1000}s`}</Text>
		</Text>
	);
}

function ViewLine({view, total, shown, symbols, paused}: {view: ViewState; total: number; shown: number; symbols: SymbolSet; paused: boolean}) {
	const arrow = view.sort.descending ? symbols.sortDescending : symbols.sortAscending;
	// The count leads: on a narrow terminal it is what survives the cut.
	const parts = [`${shown} of ${total} shown`, `scope ${view.scope}`, `sort ${columnByKey(view.sort.key).title.toLowerCase()} ${arrow}`];
	if (view.filter) {
		parts.push(`filter "${view.filter}"`);
	}

	return (
		<Text dimColor>
			{parts.join(' · ')}
			{paused ? <Text color="yellow">{' · paused (p resumes)'}</Text> : null}
		</Text>
	);
}

function ago(ms: number): string {
	const age = formatAge(ms);
	return age === 'now' ? 'just now' : `${age} ago`;
}
