/**
 * Ages and clock times, compact enough for a table cell. No date library: the plain table, --json and the first frame
 * load this.
 */

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

/**
 * An age told to the second up to an hour, for the detail pane, where two moments must not read the same: "40s",
 * "1m 40s", "3h 12m", "2d 7h"; "0s" under a second. The largest two units, spaced; `ms` is a duration, negative as 0.
 */
export function formatPreciseAge(ms: number): string {
	const seconds = Math.max(0, Math.floor(Number.isFinite(ms) ? ms / 1000 : 0));
	const units: Array<[string, number]> = [
		['d', Math.floor(seconds / 86_400)],
		['h', Math.floor(seconds / 3600) % 24],
		['m', Math.floor(seconds / 60) % 60],
		['s', seconds % 60],
	];
	const first = units.findIndex(([, value]) => value > 0);
	if (first === -1) return '0s';
	return units
		.slice(first, first + 2)
		.filter(([, value], index) => index === 0 || value > 0)
		.map(([unit, value]) => `${value}${unit}`)
		.join(' ');
}

/** "05:14:02" in local time: for event-log lines. */
export function formatClock(epochMs: number): string {
	const date = new Date(epochMs);
	return [date.getHours(), date.getMinutes(), date.getSeconds()].map(part => String(part).padStart(2, '0')).join(':');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The first moment of `now`'s local day (epoch ms): formatEventTime reads nothing finer of `now`, so an event list
 * given this in place of `now` is drawn again once a day, not on every tick.
 */
export function localDayStart(now: number): number {
	return new Date(now).setHours(0, 0, 0, 0);
}

/**
 * When an event happened, in local time, as short as it can be told apart: `14:22:05` today,
 * `Dec 03 14:22:05` another day this year, `2025-12-03 14:22` another year. `now` is epoch ms.
 */
export function formatEventTime(epochMs: number, now: number): string {
	const date = new Date(epochMs);
	const today = new Date(now);
	if (Number.isNaN(date.getTime())) return '-';
	const sameYear = date.getFullYear() === today.getFullYear();
	if (sameYear && date.getMonth() === today.getMonth() && date.getDate() === today.getDate()) {
		return formatClock(epochMs);
	}

	const day = String(date.getDate()).padStart(2, '0');
	if (sameYear) return `${MONTHS[date.getMonth()]} ${day} ${formatClock(epochMs)}`;
	const month = String(date.getMonth() + 1).padStart(2, '0');
	return `${date.getFullYear()}-${month}-${day} ${formatClock(epochMs).slice(0, 5)}`;
}

/** `4 200`, `20 000`: a count in groups of three, so a big one reads at a glance (as the issues write them). */
export function formatCount(count: number): string {
	return String(Math.trunc(count)).replaceAll(/\B(?=(\d{3})+(?!\d))/gu, ' ');
}

/** "14 listeners on 11 machines": a row is a listener, and a machine can run several. */
export function formatListenerCount(listeners: number, machines: number): string {
	return `${listeners} listener${listeners === 1 ? '' : 's'} on ${machines} machine${machines === 1 ? '' : 's'}`;
}

/**
 * What an empty table says. `total`: rows before scope and filter; `narrowedBy`: the flags that
 * narrowed the listing on the server (`--online-only`, `--source remote`, `--user ID`), so that
 * an empty answer to a narrowed query is not taken for an empty organization.
 */
export function emptyTableText(total: number, narrowedBy: readonly string[] = []): string {
	if (total > 0) {
		return 'no listener matches';
	}

	return narrowedBy.length > 0
		? `no environments match ${narrowedBy.join(' ')}`
		: 'no environments in this organization yet';
}
