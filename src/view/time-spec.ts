/**
 * Points in time as a person types them, for the history readers' `--since`/`--until`
 * (config/durations.ts) and the live view's "go to:" prompt (time-jump.ts): a length back from now
 * (`90m`, `24h`, `7d`, `2w`, `45s`, or a bare number of seconds) or an ISO date or date-time
 * (`2026-11-28`, `2026-11-28T09:30`, `2026-11-28T09:30:00Z`, `...+01:00`). Parsing only checks and
 * keeps the spec; it is read against a clock later (`resolveTime`), so a spec means the same thing
 * whenever it is read and tests need no real time. Pure, below config/ so the view can use it.
 */

/** A checked time spec: `ago` ms back from now, or an absolute moment (epoch ms). */
export type TimeSpec = {kind: 'ago'; ms: number} | {kind: 'at'; epochMs: number};

/** The longest length back accepted: ten years, in ms (past that is a typo, not a window). */
export const MAX_AGO_MS = 3650 * 86_400_000;
/** A spec longer than this is refused unread: every accepted form is shorter. */
const MAX_SPEC_LENGTH = 40;

const UNIT_MS: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000};
const LENGTH = /^(\d+(?:\.\d+)?)([smhdw]?)$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/** Why a spec was refused, said for a person: "90m, 24h, 7d, seconds, or an ISO date/time". */
export const TIME_SPEC_FORMS = '90m, 24h, 7d, a number of seconds, or an ISO date/time like 2026-11-28T09:30';

/**
 * The spec typed, checked. A date without a time is local midnight, a date-time without a zone is
 * local time (as `date -d` reads them); a zone or `Z` is honoured.
 *
 * @throws RangeError (with a message for a person) when `text` is none of the forms, a length is over
 * MAX_AGO_MS, or a date does not exist (2026-02-30).
 */
export function parseTimeSpec(text: string): TimeSpec {
	const spec = text.trim();
	if (spec.length > MAX_SPEC_LENGTH) throw new RangeError(`is too long for a time (${TIME_SPEC_FORMS})`);
	const length = LENGTH.exec(spec);
	if (length) {
		const ms = Number(length[1]) * UNIT_MS[length[2] || 's']!;
		if (ms > MAX_AGO_MS) throw new RangeError(`reaches back more than ${MAX_AGO_MS / 86_400_000} days`);
		return {kind: 'ago', ms: Math.round(ms)};
	}

	const date = DATE_ONLY.exec(spec);
	if (date) {
		const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
		const local = new Date(year, month - 1, day);
		if (local.getFullYear() !== year || local.getMonth() !== month - 1 || local.getDate() !== day)
			throw new RangeError(`is not a date that exists (${TIME_SPEC_FORMS})`);
		return {kind: 'at', epochMs: local.getTime()};
	}

	if (DATE_TIME.test(spec)) {
		const epochMs = Date.parse(spec.replace(' ', 'T'));
		if (Number.isFinite(epochMs) && sameCalendarDay(spec, epochMs)) return {kind: 'at', epochMs};
		throw new RangeError(`is not a date/time that exists (${TIME_SPEC_FORMS})`);
	}

	if (spec.startsWith('-')) throw new RangeError(`must be positive: a length back from now (${TIME_SPEC_FORMS})`);
	throw new RangeError(`takes ${TIME_SPEC_FORMS}`);
}

/** The moment a spec names at `now` (epoch ms). */
export function resolveTime(spec: TimeSpec, now: number): number {
	return spec.kind === 'ago' ? now - spec.ms : spec.epochMs;
}

/**
 * Date.parse rolls 2026-02-30 over to March 2 instead of refusing it: the day typed must exist in
 * its month. (A zone can move the day; only the day-of-month range is checked, which is what rolls.)
 */
function sameCalendarDay(spec: string, epochMs: number): boolean {
	const [year, month, day] = spec.slice(0, 10).split('-').map(Number) as [number, number, number];
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && Number.isFinite(epochMs);
}
