/**
 * The credential: the one owner of the key being sent. The client asks it for
 * the key on every request, so a rotated token applies to the next request.
 *
 * A key from LETTA_API_KEY or --api-key-file is fixed. A key from Letta Code's
 * settings file is a login whose short-lived token Letta Code rewrites when it
 * refreshes it, so that file is re-read (on demand, on every change seen by
 * fs.watch on its directory, and on a slow timer in case a change is missed)
 * and never written. --api-key-file is not watched: a key file is often a pipe
 * (`--api-key-file <(op read ...)`), which can be read only once.
 */
import {type FSWatcher, watch as watchDirectory} from 'node:fs';
import path from 'node:path';
import {readRegularFile, SETTINGS_FILE_MAX_BYTES} from '../config/bounded-file.js';
import {type Credentials, parseLettaSettings} from './credential-sources.js';
import {describeExpiry, judgeLogin} from './login-expiry.js';

export type Credential = {
	/**
	 * Where the key came from ("LETTA_API_KEY", "~/.letta/settings.json", "demo"), or undefined when there is none.
	 * Never the key.
	 */
	readonly source: string | undefined;
	/** True for a Letta Code login: the file is re-read and watched, and a 401 re-reads it before giving up. */
	readonly watched: boolean;
	/** The key to send now, or undefined. */
	key(): string | undefined;
	/** The login's expiry (epoch ms, local clock), or null when none is known. */
	expiresAt(): number | null;
	/**
	 * Re-reads the file. Resolves true when the key or its expiry changed; an unreadable or half-written file keeps the
	 * last good key.
	 */
	reload(): Promise<boolean>;
	/**
	 * Calls `onChange` after the key or expiry changed (from reload, the file watch or the timer). Returns the way to
	 * stop.
	 */
	watch(onChange: () => void): () => void;
	/** Stops every watch. */
	close(): void;
};

/** A key that never changes: LETTA_API_KEY, --api-key-file, the demo server's key, or none. */
export function fixedCredential(apiKey: string | undefined, source: string | undefined): Credential {
	return {
		source,
		watched: false,
		key: () => apiKey,
		expiresAt: () => null,
		reload: () => Promise.resolve(false),
		watch: () => () => {},
		close() {},
	};
}

export type LoginCredentialOptions = {
	/** Absolute path of Letta Code's settings file. */
	file: string;
	/** How to name it on screen, e.g. "~/.letta/settings.json". */
	source: string;
	/** What the file held when the credentials were resolved. */
	apiKey: string | undefined;
	expiresAt: number | null;
	/** How long fs events are let settle before the file is read (ms); a writer sends several. Default 100. */
	debounceMs?: number;
	/** How often the file is re-read while watched, in case fs.watch missed a change (ms). Default 15 000. */
	recheckMs?: number;
	/**
	 * Reads the file; default readRegularFile, so a FIFO or an oversized file put in its place is refused, never waited
	 * on.
	 */
	read?: (file: string) => Promise<string>;
};

type ReadResult = 'changed' | 'same' | 'unreadable';

/** A Letta Code login kept in its settings file: re-read, watched, never written or refreshed. */
export function loginCredential(options: LoginCredentialOptions): Credential {
	const read = options.read ?? ((file: string) => readRegularFile(file, SETTINGS_FILE_MAX_BYTES));
	const debounceMs = options.debounceMs ?? 100;
	const recheckMs = options.recheckMs ?? 15_000;
	let apiKey = options.apiKey;
	let expiresAt = options.expiresAt;
	const listeners = new Set<() => void>();
	let reading: Promise<ReadResult> | undefined;

	async function readOnce(): Promise<ReadResult> {
		let text: string;
		try {
			text = await read(options.file);
		} catch {
			// Gone for a moment (a writer replacing it), unreadable, or no longer a regular file of sane size: keep the
			// last good key.
			return 'unreadable';
		}

		const settings = parseLettaSettings(text);
		// Half written (Letta Code 0.32 writes in place: truncate, then write): keep the last good key.
		if (!settings) {
			return 'unreadable';
		}

		if (settings.apiKey === apiKey && settings.expiresAt === expiresAt) {
			return 'same';
		}

		apiKey = settings.apiKey;
		expiresAt = settings.expiresAt;
		for (const listener of [...listeners]) {
			listener();
		}

		return 'changed';
	}

	function readShared(): Promise<ReadResult> {
		// Callers at the same moment (a 401 on the list and one on the detail pane) share one read.
		reading ??= readOnce().finally(() => {
			reading = undefined;
		});
		return reading;
	}

	let watcher: FSWatcher | undefined;
	let debounce: NodeJS.Timeout | undefined;
	let recheck: NodeJS.Timeout | undefined;

	// The watch keeps the process alive on purpose: a stream waiting for a renewed login has nothing else to wait on.
	function startWatching() {
		// The directory, not the file: a writer that replaces the file by rename leaves a watch on the old one blind.
		try {
			watcher = watchDirectory(path.dirname(options.file), (_event, name) => {
				if (name !== null && name !== path.basename(options.file)) return;
				settleIn(debounceMs);
			});
			// A directory that goes away (moved aside to log in afresh) ends the watch; the timer carries on.
			watcher.on('error', () => {
				watcher?.close();
				watcher = undefined;
			});
		} catch {
			watcher = undefined;
		}

		recheck = setInterval(() => void readShared(), recheckMs);
	}

	function settleIn(delayMs: number, again = true) {
		clearTimeout(debounce);
		debounce = setTimeout(() => {
			void readShared().then(result => {
				// Caught mid-write: look once more shortly rather than wait for the slow timer.
				if (result === 'unreadable' && again && listeners.size > 0) settleIn(debounceMs * 5, false);
			});
		}, delayMs);
	}

	function stopWatching() {
		watcher?.close();
		watcher = undefined;
		clearTimeout(debounce);
		clearInterval(recheck);
	}

	return {
		source: options.source,
		watched: true,
		key: () => apiKey,
		expiresAt: () => expiresAt,
		reload: async () => (await readShared()) === 'changed',
		watch(onChange) {
			listeners.add(onChange);
			if (listeners.size === 1) startWatching();
			return () => {
				if (listeners.delete(onChange) && listeners.size === 0) stopWatching();
			};
		},
		close() {
			listeners.clear();
			stopWatching();
		},
	};
}

/** The credential for resolved credentials: a login when the key came from Letta Code's settings, else fixed. */
export function credentialFor(credentials: Credentials): Credential {
	const {login} = credentials;
	if (login && credentials.keySource) {
		return loginCredential({
			file: login.file,
			source: credentials.keySource,
			apiKey: credentials.apiKey,
			expiresAt: login.expiresAt,
		});
	}

	return fixedCredential(credentials.apiKey, credentials.keySource);
}

/**
 * `letta-fleet config`'s row for a login: its expiry (time and how long from
 * `now`), never the token. None for a key that is not a Letta Code login.
 */
export function loginRows(credentials: Credentials, now: number): Array<{name: string; value: string; source: string}> {
	const {login} = credentials;
	if (!login) return [];
	const state = judgeLogin(login.expiresAt, now);
	const value =
		state.kind === 'no-expiry'
			? 'not recorded (tokenExpiresAt missing or unreadable)'
			: describeExpiry(state.expiresAt, now);
	return [{name: 'login', value, source: `${credentials.keySource ?? '-'} tokenExpiresAt`}];
}
