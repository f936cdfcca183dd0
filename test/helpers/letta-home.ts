/** A temporary home directory holding a Letta Code settings file, written the ways Letta Code and atomic writers do. */
import {mkdtempSync, renameSync, rmSync, writeFileSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export type LettaHome = {
	home: string;
	/** Absolute path of ~/.letta/settings.json in it. */
	file: string;
	/**
	 * Writes a login as Letta Code keeps it where no keychain exists: replaced by rename, as an atomic writer would.
	 */
	login(token: string, tokenExpiresAt: number | undefined): void;
	/** Writes raw text in place (Letta Code 0.32 truncates, then writes). */
	writeInPlace(text: string): void;
	remove(): void;
};

/** Letta Code's settings holding a login; `baseUrl`: the server Letta Code logs in to, when not Letta's API. */
export function settingsText(token: string, tokenExpiresAt: number | undefined, baseUrl?: string): string {
	return JSON.stringify(
		{
			lastAgent: null,
			env: {LETTA_API_KEY: token, ...(baseUrl ? {LETTA_BASE_URL: baseUrl} : {})},
			refreshToken: `refresh-of-${token}`,
			tokenExpiresAt,
			deviceId: 'device-1',
		},
		null,
		2,
	);
}

/**
 * A home whose Letta Code is logged in to `baseUrl` (a demo server's URL, say; Letta's API when absent): letta-fleet
 * sends a login token only there.
 */
export function lettaHome(token: string, tokenExpiresAt: number | undefined, baseUrl?: string): LettaHome {
	const home = mkdtempSync(path.join(tmpdir(), 'letta-fleet-home-'));
	mkdirSync(path.join(home, '.letta'));
	const file = path.join(home, '.letta', 'settings.json');
	let serial = 0;
	const lettaHome: LettaHome = {
		home,
		file,
		login(nextToken, nextExpiresAt) {
			const temporary = `${file}.${process.pid}.${++serial}.tmp`;
			writeFileSync(temporary, settingsText(nextToken, nextExpiresAt, baseUrl));
			renameSync(temporary, file);
		},
		writeInPlace(text) {
			writeFileSync(file, text);
		},
		remove() {
			rmSync(home, {recursive: true, force: true});
		},
	};
	lettaHome.writeInPlace(settingsText(token, tokenExpiresAt, baseUrl));
	return lettaHome;
}
