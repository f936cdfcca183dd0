import {describe, expect, it} from 'vitest';
import {
	describeExpiry,
	EXPIRY_WARNING_MS,
	ExpiredLoginError,
	expiredLoginMessage,
	formatExpiryTime,
	judgeLogin,
	loginNote,
	readTokenExpiresAt,
} from '../../src/credentials/login-expiry.js';

// Local times, so the expected clock readings hold in any time zone.
const EXPIRY = new Date(2026, 10, 29, 14, 2, 0).getTime();
const MINUTE = 60_000;

describe('judgeLogin', () => {
	it('is valid far from expiry, expiring within the warning, expired from the expiry on (Letta Code: valid while now < tokenExpiresAt)', () => {
		expect(judgeLogin(EXPIRY, EXPIRY - 3 * 3_600_000)).toEqual({
			kind: 'valid',
			expiresAt: EXPIRY,
			leftMs: 3 * 3_600_000,
		});
		expect(judgeLogin(EXPIRY, EXPIRY - EXPIRY_WARNING_MS - 1).kind).toBe('valid');
		expect(judgeLogin(EXPIRY, EXPIRY - EXPIRY_WARNING_MS)).toEqual({
			kind: 'expiring',
			expiresAt: EXPIRY,
			leftMs: EXPIRY_WARNING_MS,
		});
		expect(judgeLogin(EXPIRY, EXPIRY - 1).kind).toBe('expiring');
		expect(judgeLogin(EXPIRY, EXPIRY)).toEqual({kind: 'expired', expiresAt: EXPIRY, agoMs: 0});
		expect(judgeLogin(EXPIRY, EXPIRY + 3 * 3_600_000)).toEqual({
			kind: 'expired',
			expiresAt: EXPIRY,
			agoMs: 3 * 3_600_000,
		});
	});

	it('has nothing to judge without an expiry', () => {
		expect(judgeLogin(null, EXPIRY)).toEqual({kind: 'no-expiry'});
	});
});

describe('readTokenExpiresAt', () => {
	it('reads epoch ms as Letta Code writes it, and a numeric string', () => {
		expect(readTokenExpiresAt(EXPIRY)).toBe(EXPIRY);
		expect(readTokenExpiresAt(String(EXPIRY))).toBe(EXPIRY);
	});

	it('calls a missing or unreadable expiry unknown', () => {
		for (const value of [undefined, null, 'soon', '', true, {}, [], Number.NaN, Number.POSITIVE_INFINITY, 0, -5]) {
			expect(readTokenExpiresAt(value)).toBeNull();
		}
	});

	it('does not reinterpret a small number as seconds: Letta Code would call that token expired, and so do we', () => {
		const seconds = Math.floor(EXPIRY / 1000);
		expect(readTokenExpiresAt(seconds)).toBe(seconds);
		expect(judgeLogin(readTokenExpiresAt(seconds), EXPIRY - MINUTE).kind).toBe('expired');
	});
});

describe('the words', () => {
	it('gives the clock time today, and the date too on another day', () => {
		expect(formatExpiryTime(EXPIRY, EXPIRY + 3 * 3_600_000)).toBe('14:02');
		expect(formatExpiryTime(EXPIRY, EXPIRY + 2 * 86_400_000)).toBe('2026-11-29 14:02');
	});

	it('says when and how long ago or ahead', () => {
		expect(describeExpiry(EXPIRY, EXPIRY + 3 * 3_600_000)).toBe('expired at 14:02 (3h ago)');
		expect(describeExpiry(EXPIRY, EXPIRY)).toBe('expired at 14:02 (just now)');
		expect(describeExpiry(EXPIRY, EXPIRY - 4 * MINUTE)).toBe('expires at 14:02 (in 4m)');
	});

	it('gives an expired login one line that says how to renew it', () => {
		expect(expiredLoginMessage('~/.letta/settings.json', EXPIRY, EXPIRY + 3 * 3_600_000)).toBe(
			'the Letta Code login in ~/.letta/settings.json expired at 14:02 (3h ago): run `letta` once to renew it, or set LETTA_API_KEY',
		);
		const error = new ExpiredLoginError('~/.letta/settings.json', EXPIRY, EXPIRY + 12 * MINUTE);
		expect(error.kind).toBe('unauthorized');
		expect(error.describe()).toBe(
			'the Letta Code login in ~/.letta/settings.json expired at 14:02 (12m ago): run `letta` once to renew it, or set LETTA_API_KEY',
		);
	});

	it('adds to the header only a login close to expiry or past it', () => {
		expect(loginNote(judgeLogin(null, EXPIRY), EXPIRY)).toBeNull();
		expect(loginNote(judgeLogin(EXPIRY, EXPIRY - 3_600_000), EXPIRY - 3_600_000)).toBeNull();
		expect(loginNote(judgeLogin(EXPIRY, EXPIRY - 4 * MINUTE), EXPIRY - 4 * MINUTE)).toBe('login expires in 4m');
		expect(loginNote(judgeLogin(EXPIRY, EXPIRY - 500), EXPIRY - 500)).toBe('login expires in 1s');
		expect(loginNote(judgeLogin(EXPIRY, EXPIRY + 3 * 3_600_000), EXPIRY + 3 * 3_600_000)).toBe(
			'login expired at 14:02 (3h ago)',
		);
	});
});
