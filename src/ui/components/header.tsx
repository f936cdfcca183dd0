import {Box, Text} from 'ink';
import type {FleetState} from '../../fleet/reducer.js';
import type {Snapshot} from '../../fleet/types.js';
import {countStatuses, type FleetRow, type RowStatus} from '../../fleet/rows.js';
import {listenerGroups} from '../../fleet/listeners.js';
import {formatAge, formatClock, formatListenerCount} from '../../view/format.js';
import type {ViewState} from '../../view/view-state.js';
import {STATUS_COLORS, type SymbolSet} from '../../view/symbols.js';
import {columnByKey} from '../../view/columns.js';
import {LOGIN_EXPIRED} from '../../credentials/login-expiry.js';
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
};

export const HEADER_HEIGHT = 3;
const RECOVERY_NOTICE_MS = 10_000;

export function Header({state, view, allRows, shownCount, now, label, keySource, loginExpiresAt, intervalMs, symbols, width}: Props) {
	const counts = countStatuses(allRows);
	const {health, snapshot} = state;
	// While polls fail, trouble leads the line: on a narrow terminal it is what survives the cut.
	const trouble = !snapshot || health.lastError !== null;
	const listeners = snapshot ? snapshot.connections.length : 0;
	const machines = snapshot ? listenerGroups(snapshot).machineCount : 0;
	const shownStatuses = (['online', 'stale', 'offline', 'gone'] as const).filter(status => status !== 'gone' || counts.gone > 0);
	const statusCells = (status: RowStatus) => ` ${symbols.status[status]} ${counts[status]} ${status}`;
	const duplicates = counts.duplicates > 0 ? `  ${counts.duplicates} dup` : '';
	// The counts by status matter most: the listeners-on-machines lead shortens, then goes, before they are cut.
	const countsLength = shownStatuses.reduce((sum, status) => sum + statusCells(status).length, duplicates.length);
	const lead = [`${formatListenerCount(listeners, machines)}:`, `${listeners} listeners:`, ''].find(text => text.length + countsLength <= width) ?? '';
	return (
		<Box flexDirection="column" height={HEADER_HEIGHT}>
			<KeyLine label={label} keySource={keySource} loginExpiresAt={loginExpiresAt ?? null} now={now} />
			<Text wrap="truncate">
				{trouble ? <PollHealth state={state} now={now} intervalMs={intervalMs} /> : null}
				{trouble && snapshot ? '  ' : null}
				{snapshot ? (
					<Text>
						<Text bold>{lead}</Text>
						{shownStatuses.map(status => (
							<Text key={status} color={STATUS_COLORS[status]} bold={status !== 'online' && counts[status] > 0}>
								{lead === '' && status === shownStatuses[0] ? statusCells(status).trimStart() : statusCells(status)}
							</Text>
						))}
						{duplicates ? <Text color="yellow" bold>{duplicates}</Text> : null}
					</Text>
				) : null}
			</Text>
			<Text wrap="truncate">
				{health.lastError && snapshot ? (
					// The data is as of the last good poll, and every status is judged then (fleet/rows.ts judgedAt).
					<Text color="red">{`data from ${ago(now - snapshot.fetchedAt)}, as of ${formatClock(snapshot.fetchedAt)}: ${health.lastError.errorCode === LOGIN_EXPIRED ? 'the Letta Code login expired (see above)' : health.lastError.message}`}</Text>
				) : (
					<Text>
						<ViewLine view={view} total={allRows.length} shown={shownCount} symbols={symbols} paused={health.paused} />
						{snapshot ? <PollHealth state={state} now={now} intervalMs={intervalMs} /> : null}
					</Text>
				)}
			</Text>
		</Box>
	);
}

function PollHealth({state, now, intervalMs}: {state: FleetState; now: number; intervalMs: number}) {
	const {health, snapshot} = state;
	// Once the retry is due it is out, and may hang until the request timeout: say so instead of "retry in 0s".
	const next = health.nextAttemptAt === null ? '' : health.nextAttemptAt > now ? ` · retry in ${Math.ceil((health.nextAttemptAt - now) / 1000)}s` : now - health.nextAttemptAt < 1000 ? ' · retrying' : ` · retrying for ${formatAge(now - health.nextAttemptAt)}`;
	if (health.lastError?.errorCode === LOGIN_EXPIRED) {
		// Not a failure of the API (nothing was sent) and nothing to press: the settings file is watched.
		return <Text color="yellow" bold>{'⏸ waiting for a fresh Letta Code login: run `letta` once, or set LETTA_API_KEY'}</Text>;
	}

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

	const recovery = health.lastRecovery;
	if (recovery && now - recovery.at < RECOVERY_NOTICE_MS) {
		return (
			<Text color="green" bold>
				{recovery.errorCode === LOGIN_EXPIRED ? ' │ ✓ logged in again; caught up' : ` │ ✓ the API answers again after ${formatAge(recovery.downMs)} (${recovery.failures} failed poll${recovery.failures === 1 ? '' : 's'}); caught up`}
			</Text>
		);
	}

	// Paused is said by the view line before this.
	return (
		<Text>
			<Text dimColor>{` │ updated ${ago(now - snapshot.fetchedAt)} · ${snapshot.latencyMs} ms · ${refreshText(snapshot, intervalMs)}`}</Text>
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
			{paused ? <Text color="yellow" bold>{' · PAUSED (p resumes)'}</Text> : null}
		</Text>
	);
}

/**
 * "1 page · every 2s"; when the request budget held the pass back, the refresh
 * the fleet really gets: "every 12s: 100 pages within 10 req/s" (the pass
 * plus the interval after it).
 */
function refreshText(snapshot: Snapshot, intervalMs: number): string {
	const pages = snapshot.pages === 1 ? '1 page' : `${snapshot.pages} pages`;
	if (!snapshot.paced) {
		return `${pages} · every ${intervalMs / 1000}s`;
	}

	return `every ${Math.round((snapshot.latencyMs + intervalMs) / 1000)}s: ${pages} within ${snapshot.paced.maxRps} req/s`;
}

function ago(ms: number): string {
	const age = formatAge(ms);
	return age === 'now' ? 'just now' : `${age} ago`;
}
