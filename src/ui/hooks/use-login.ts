/**
 * Follows the credential in the live view: when Letta Code writes a fresh
 * login token, the header shows its expiry and polling resumes at once (also
 * when it had stopped on the old token), with no key press.
 */
import {useEffect, useState} from 'react';
import type {Credential} from '../../credentials/live-credential.js';

/** The login's expiry (epoch ms) for the header, or null when none is known or there is no credential. */
export function useLogin(credential: Credential | undefined, pollNow: () => void): number | null {
	const [expiresAt, setExpiresAt] = useState(() => credential?.expiresAt() ?? null);
	useEffect(() => {
		if (!credential) return;
		setExpiresAt(credential.expiresAt());
		return credential.watch(() => {
			setExpiresAt(credential.expiresAt());
			pollNow();
		});
		// pollNow is the poller's, stable for the life of the view.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [credential]);
	return expiresAt;
}
