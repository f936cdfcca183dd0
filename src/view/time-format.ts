/**
 * Dates for the live view's detail pane. Kept apart from format.ts so the
 * one-shot table, --json and the live view's first frame never load date-fns.
 */
// Per-function entry points: the date-fns barrel loads hundreds of modules (about 2 s at start-up).
import {lightFormat} from 'date-fns/lightFormat';
import {formatDistanceStrict} from 'date-fns/formatDistanceStrict';

/** "2026-11-29 05:14:02 (3 minutes ago)": absolute in local time, then relative to `now`. */
export function formatTimestamp(epochMs: number | null, now: number): string {
	if (epochMs === null || !Number.isFinite(epochMs)) {
		return '-';
	}

	const absolute = lightFormat(epochMs, 'yyyy-MM-dd HH:mm:ss');
	if (Math.abs(now - epochMs) < 1000) {
		return `${absolute} (just now)`;
	}

	return `${absolute} (${formatDistanceStrict(epochMs, now, {addSuffix: true})})`;
}
