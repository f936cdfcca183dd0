/**
 * One listener's recorded status over the last 30 days, for the detail pane's availability: read
 * from the history file (history/live-history.ts) when the selection changes and once a minute,
 * never on every tick. undefined when no history is read; null when nothing was recorded for it.
 */
import {useMemo} from 'react';
import type {LiveHistory} from '../../history/live-history.js';
import type {ListenerIntervals} from '../../history/types.js';

const MINUTE_MS = 60_000;
/** How far back the pane's availability reads: its longest window, 30 days, in ms. */
const READ_BACK_MS = 30 * 86_400_000;

export function useRecordedStatus(
	history: LiveHistory | undefined,
	recordId: string | null,
	now: number,
): ListenerIntervals | null | undefined {
	const minute = Math.floor(now / MINUTE_MS);
	return useMemo(() => {
		if (!history) return undefined;
		if (recordId === null) return null;
		const until = (minute + 1) * MINUTE_MS;
		return history.listener(recordId, until - READ_BACK_MS, until);
	}, [history, recordId, minute]);
}
