/**
 * Judging a Letta Code login by its expiry, and saying so in one line. Pure:
 * time comes in as a parameter (local epoch ms), so it is tested on fake time.
 *
 * Facts (Letta Code 0.32.18, letta.js): after its OAuth device flow, where no
 * keychain exists, Letta Code writes to ~/.letta/settings.json
 * `env.LETTA_API_KEY` (a short-lived access token), `refreshToken`, and
 * `tokenExpiresAt = Date.now() + expires_in * 1000` (epoch ms, its local clock).
 * It counts a token valid while `Date.now() < tokenExpiresAt`, a token without
 * `tokenExpiresAt` as valid, and refreshes a token within 5 minutes of expiry
 * (TOKEN_REFRESH_BUFFER_MS, LISTENER_TOKEN_REFRESH_WINDOW_MS). Refresh tokens
 * rotate on use, so this monitor reads the token and never refreshes it.
 */
import {ApiError, LOGIN_EXPIRED} from '../api/errors.js';
import {formatAge} from '../view/format.js';

/**
 * A login this close to its expiry (ms) is shown as expiring. Twice Letta Code's
 * own 5-minute refresh window: a person sees it coming with time to run `letta`
 * before the token stops working, and a Letta Code that is running refreshes it
 * within that window, which clears the note on its own.
 */
export const EXPIRY_WARNING_MS = 10 * 60_000;

/** What to do about an expired or rejected login: the one fix a person can make here. */
export const RENEW_LOGIN = 'run `letta` once to renew it, or set LETTA_API_KEY';

export type LoginState =
	/** No expiry known: an API key, or a settings file without tokenExpiresAt. */
	| {kind: 'no-expiry'}
	| {kind: 'valid'; expiresAt: number; leftMs: number}
	/** Valid, and within EXPIRY_WARNING_MS of its expiry. */
	| {kind: 'expiring'; expiresAt: number; leftMs: number}
	| {kind: 'expired'; expiresAt: number; agoMs: number};

/** `expiresAt`: epoch ms or null; `now`: local epoch ms (Letta Code wrote the expiry from its local clock). */
export function judgeLogin(expiresAt: number | null, now: number): LoginState {
	if (expiresAt === null) {
		return {kind: 'no-expiry'};
	}

	// Letta Code's own rule: valid while now < tokenExpiresAt.
	if (now >= expiresAt) {
		return {kind: 'expired', expiresAt, agoMs: now - expiresAt};
	}

	const leftMs = expiresAt - now;
	return leftMs <= EXPIRY_WARNING_MS ? {kind: 'expiring', expiresAt, leftMs} : {kind: 'valid', expiresAt, leftMs};
}

/**
 * `tokenExpiresAt` as found in the settings file, as epoch ms, or null when it
 * is missing or unreadable (then the token is judged as Letta Code judges one
 * without an expiry: valid until the API says otherwise). Letta Code always
 * writes milliseconds; a small number is not reinterpreted as seconds, because
 * Letta Code would not do so either (it would call such a token expired).
 */
export function readTokenExpiresAt(value: unknown): number | null {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : null;
}

/** "14:02" when `at` is today (local time), else "2026-11-27 14:02". */
export function formatExpiryTime(at: number, now: number): string {
	const date = new Date(at);
	const pad = (part: number) => String(part).padStart(2, '0');
	const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
	return date.toDateString() === new Date(now).toDateString()
		? time
		: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

/** "expired at 14:02 (3h ago)" / "expires at 14:02 (in 4m)": when, and how long from `now`. */
export function describeExpiry(expiresAt: number, now: number): string {
	const at = formatExpiryTime(expiresAt, now);
	if (now >= expiresAt) {
		const ago = formatAge(now - expiresAt);
		return `expired at ${at} (${ago === 'now' ? 'just now' : `${ago} ago`})`;
	}

	return `expires at ${at} (in ${ahead(expiresAt - now)})`;
}

/** A time still ahead is never "now": under a second reads as 1s. */
function ahead(ms: number): string {
	const age = formatAge(ms);
	return age === 'now' ? '1s' : age;
}

/**
 * The one line for an expired login, e.g. "the Letta Code login in
 * ~/.letta/settings.json expired at 14:02 (3h ago): run `letta` once to renew
 * it, or set LETTA_API_KEY". `source`: the settings file's label; never the token.
 */
export function expiredLoginMessage(source: string, expiresAt: number, now: number): string {
	return `the Letta Code login in ${source} ${describeExpiry(expiresAt, now)}: ${RENEW_LOGIN}`;
}

/** The hint for a login the API rejected (401) although its expiry had not passed, or had none. */
export function rejectedLoginHint(source: string): string {
	return `the Letta Code login in ${source} was rejected: ${RENEW_LOGIN}`;
}

/**
 * What the header adds after the key's source: null while the login is far
 * from expiry (or has none), "login expires in 4m" when close, "login expired
 * at 14:02 (3h ago)" when past (what to do is in the poll's error, which the
 * screen shows in full: a line this long would be cut at the header's end).
 */
export function loginNote(state: LoginState, now: number): string | null {
	switch (state.kind) {
		case 'expiring': {
			return `login expires in ${ahead(state.leftMs)}`;
		}

		case 'expired': {
			return `login ${describeExpiry(state.expiresAt, now)}`;
		}

		default: {
			return null;
		}
	}
}

/**
 * Thrown instead of sending a request with an expired login: the poller halts
 * on it (kind 'unauthorized', as a 401 would) and `describe()` is the one line.
 */
export class ExpiredLoginError extends ApiError {
	constructor(source: string, expiresAt: number, now: number) {
		super('unauthorized', expiredLoginMessage(source, expiresAt, now), {errorCode: LOGIN_EXPIRED});
		this.name = 'ExpiredLoginError';
	}

	override describe(): string {
		return this.message;
	}
}
