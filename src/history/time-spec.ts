/**
 * When a history question starts or ends, as a person types it: a span back from now (`90m`,
 * `24h`, `7d`, `30s`, `2w`, or a bare number of seconds) or an ISO 8601 date or date-time
 * (`2026-12-04`, `2026-12-04T09:30`, `2026-12-04T09:30:00Z`; without a zone it is local time, as
 * `Date` reads it). Pure: `now` is a parameter. Shared by `history` and `availability`.
 */

/** Seconds in each unit a span may take. */
const UNIT_SECONDS = {s: 1, m: 60, h: 3600, d: 86_400, w: 604_800} as const;

/** The longest span back accepted: 100 years, in ms (beyond it Date arithmetic is no longer a moment anyone means). */
const MAX_SPAN_MS = 100 * 365 * 86_400_000;

/** `YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` and a zone (`Z`, `+02:00`). */
const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** What `parseTimeSpec` accepts, in words for a usage message. */
export const TIME_SPEC_HELP = '90m, 24h, 7d, a number of seconds, or an ISO date/time like 2026-12-04T09:30';

/**
 * The moment `text` names, epoch ms, relative spans counted back from `now` (epoch ms).
 *
 * @throws RangeError (message: why, in words, ending with what is accepted) for anything else,
 * a negative or absurdly long span, or a date that does not exist (2026-02-31).
 */
export function parseTimeSpec(text: string, now: number): number {
	const value = text.trim();
	const span = /^(\d+(?:\.\d+)?)([smhdw]?)$/i.exec(value);
	if (span) {
		const unit = (span[2]!.toLowerCase() || 's') as keyof typeof UNIT_SECONDS;
		const ms = Number(span[1]) * UNIT_SECONDS[unit] * 1000;
		if (!Number.isFinite(ms) || ms > MAX_SPAN_MS) {
			throw new RangeError(`${JSON.stringify(text)} reaches back more than 100 years`);
		}

		return now - Math.round(ms);
	}

	if (ISO_PATTERN.test(value)) {
		const normalized = value.replace(' ', 'T');
		// A date alone is read by Date as UTC midnight; a person typing 2026-12-04 means their own midnight.
		const at = Date.parse(normalized.length === 10 ? `${normalized}T00:00` : normalized);
		if (Number.isFinite(at) && sameCalendarDay(normalized)) return at;
		throw new RangeError(`${JSON.stringify(text)} is not a real date`);
	}

	throw new RangeError(`${JSON.stringify(text.slice(0, 80))} is not a time: use ${TIME_SPEC_HELP}`);
}

/** Date.parse rolls 2026-02-31 over into March: refuse a day the month does not have. */
function sameCalendarDay(iso: string): boolean {
	const [year, month, day] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
	const probe = new Date(Date.UTC(year, month - 1, day));
	return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}
