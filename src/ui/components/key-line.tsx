/**
 * The header's first line: what is watched, where the key came from (never
 * the key), and a Letta Code login close to its expiry (yellow) or past it (red).
 */
import {Text} from 'ink';
import {memo} from 'react';
import {judgeLogin, loginNote} from '../../credentials/login-expiry.js';
import {truncate} from '../../view/text.js';

type Props = {
	label: string;
	keySource: string | undefined;
	/** The login's expiry (epoch ms), or null when the key has none. */
	loginExpiresAt: number | null;
	/** Local epoch ms: Letta Code wrote the expiry by the local clock. */
	now: number;
	/** The config context watched; first after the name, so a short line keeps it. Undefined: none shown. */
	context?: string;
};

/** A context's name is the config file's word: past this many cells it is cut. */
export const MAX_CONTEXT_CELLS = 32;

/** Memoized: the header passes a fixed `now` when there is no expiry to judge, and the line is left as drawn. */
export const KeyLine = memo(function KeyLine({label, keySource, loginExpiresAt, now, context}: Props) {
	const login = judgeLogin(loginExpiresAt, now);
	const note = loginNote(login, now);
	return (
		<Text wrap="truncate">
			<Text bold color="cyan">
				letta-fleet
			</Text>
			{context === undefined ? null : <Text bold>{` context ${truncate(context, MAX_CONTEXT_CELLS)} ·`}</Text>}
			<Text dimColor>{` ${label} · key: ${keySource ?? 'none'}`}</Text>
			{note ? (
				<Text
					color={login.kind === 'expired' ? 'red' : 'yellow'}
					bold={login.kind === 'expired'}
				>{` · ${note}`}</Text>
			) : null}
		</Text>
	);
});
