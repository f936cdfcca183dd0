/**
 * Dates for the live view's detail pane. Kept apart from format.ts so the
 * one-shot table, --json and the live view's first frame never load date-fns.
 */
// Per-function entry points: the date-fns barrel loads hundreds of modules (about 2 s at start-up).
import {lightFormat} from 'date-fns/lightFormat';
import {formatPreciseAge} from './format.js';

/**
 * "2026-11-29 05:14:02 (1m 40s ago)": absolute in local time, then its age at `now` (both epoch ms) to the second
 * under an hour, so two moments a few seconds apart never read the same; "(in 5s)" for a moment after `now`.
 */
export function formatTimestamp(epochMs: number | null, now: number): string {
	if (epochMs === null || !Number.isFinite(epochMs)) {
		return '-';
	}

	const absolute = lightFormat(epochMs, 'yyyy-MM-dd HH:mm:ss');
	if (Math.abs(now - epochMs) < 1000) {
		return `${absolute} (just now)`;
	}

	return now >= epochMs
		? `${absolute} (${formatPreciseAge(now - epochMs)} ago)`
		: `${absolute} (in ${formatPreciseAge(epochMs - now)})`;
}
