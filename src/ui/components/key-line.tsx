/**
 * The header's first line: what is watched, where the key came from (never
 * the key), and a Letta Code login close to its expiry (yellow) or past it (red).
 */
import {Text} from 'ink';
import {judgeLogin, loginNote} from '../../credentials/login-expiry.js';

type Props = {
	label: string;
	keySource: string | undefined;
	/** The login's expiry (epoch ms), or null when the key has none. */
	loginExpiresAt: number | null;
	/** Local epoch ms: Letta Code wrote the expiry by the local clock. */
	now: number;
};

export function KeyLine({label, keySource, loginExpiresAt, now}: Props) {
	const login = judgeLogin(loginExpiresAt, now);
	const note = loginNote(login, now);
	return (
		<Text wrap="truncate">
			<Text bold color="cyan">
				letta-fleet
			</Text>
			<Text dimColor>{` ${label} · key: ${keySource ?? 'none'}`}</Text>
			{note ? (
				<Text
					color={login.kind === 'expired' ? 'red' : 'yellow'}
					bold={login.kind === 'expired'}
				>{` · ${note}`}</Text>
			) : null}
		</Text>
	);
}
