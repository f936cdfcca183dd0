/** Human forms of times and ages, compact enough for a table cell. */
// Per-function entry points: the date-fns barrel loads hundreds of modules (about 2 s at start-up).
import {format} from 'date-fns/format';
import {formatDistanceStrict} from 'date-fns/formatDistanceStrict';

/** "now", "12s", "4m", "3h12m", "2d4h": the largest two units, no spaces. */
export function formatAge(ms: number | null): string {
	if (ms === null || !Number.isFinite(ms)) {
		return '-';
	}

	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 1) {
		return 'now';
	}

	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m`;
	}

	const hours = Math.floor(minutes / 60);
	if (hours < 24) {
		const rest = minutes % 60;
		return rest ? `${hours}h${rest}m` : `${hours}h`;
	}

	const days = Math.floor(hours / 24);
	const rest = hours % 24;
	return rest ? `${days}d${rest}h` : `${days}d`;
}

/** "2026-11-29 05:14:02 (3 minutes ago)": absolute in local time, then relative to `now`. */
export function formatTimestamp(epochMs: number | null, now: number): string {
	if (epochMs === null || !Number.isFinite(epochMs)) {
		return '-';
	}

	const absolute = format(epochMs, 'yyyy-MM-dd HH:mm:ss');
	if (Math.abs(now - epochMs) < 1000) {
		return `${absolute} (just now)`;
	}

	return `${absolute} (${formatDistanceStrict(epochMs, now, {addSuffix: true})})`;
}

/** "05:14:02": for event-log lines. */
export function formatClock(epochMs: number): string {
	return format(epochMs, 'HH:mm:ss');
}
