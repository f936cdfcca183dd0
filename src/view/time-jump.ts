/**
 * The live view's time travel, pure: how far its step keys move, and what the "go to:" prompt
 * takes, as below's jump dialog does: `3h ago` (or `3h`, `90m`, a bare number of seconds), a clock
 * time `09:30` (today, or yesterday when today's is still to come), or a date or date-time
 * (time-spec.ts's forms).
 */
import {parseTimeSpec, resolveTime, TIME_SPEC_FORMS} from './time-spec.js';

/** A step key's move: a minute (`[` `]`), an hour (`{` `}`), ms. */
export const TRAVEL_STEPS_MS = {minute: 60_000, hour: 3_600_000} as const;

/** What the prompt takes, said for a person when it does not. */
export const JUMP_FORMS = `3h ago, 09:30, or ${TIME_SPEC_FORMS}`;

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const AGO = /\s*ago$/i;
const DAY_MS = 86_400_000;

/**
 * The moment `text` names at `now` (epoch ms, local time for a clock time or a date).
 * @throws RangeError with a message for a person: not one of the forms, a clock time that does not
 * exist (25:00), or a moment still to come.
 */
export function parseJump(text: string, now: number): number {
	const spec = text.trim().replace(AGO, '');
	const clock = CLOCK.exec(spec);
	let at: number;
	if (clock) {
		const [hours, minutes, seconds] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
		if (hours > 23 || minutes > 59 || seconds > 59) throw new RangeError(`${spec} is not a time of day`);
		const today = new Date(now);
		today.setHours(hours, minutes, seconds, 0);
		at = today.getTime() > now ? today.getTime() - DAY_MS : today.getTime();
	} else {
		try {
			at = resolveTime(parseTimeSpec(spec), now);
		} catch {
			throw new RangeError(`go to takes ${JUMP_FORMS}`);
		}
	}

	if (at > now) throw new RangeError('that moment is still to come: Esc is live');
	return at;
}

/**
 * Where a step of `byMs` (ms, negative is back) from `from` (epoch ms; null is live, so now) lands at
 * `now`: null (live) when it reaches now or beyond, as below returns to live past its last sample.
 */
export function travelStep(from: number | null, byMs: number, now: number): number | null {
	const start = from ?? now;
	const to = start + byMs;
	return to >= now ? null : to;
}
