/**
 * Whether an API key can go in an Authorization header at all. A key is
 * printable ASCII without spaces (Letta's are `sk-let-…`); a space, a control
 * character or a non-ASCII one inside it is a paste or file mistake, and Node
 * would refuse (or mangle) the header. The problem is described by kind and
 * position only: the key, and even the offending character, are never shown.
 */

/** Which characters a key may hold: printable ASCII, no space (RFC 6750's b64token is narrower still). */
const KEY_CHARACTER = /^[\u0021-\u007E]$/u;

function what(character: string): string {
	if (/\s/u.test(character)) return 'whitespace';
	if (/\p{Cc}/u.test(character)) return 'a control character';
	return 'a non-ASCII character';
}

/**
 * Undefined when `key` can be sent, else one line saying what is wrong and where (1-based
 * position in characters), e.g. "it holds whitespace at position 12"; never the key itself.
 */
export function keyProblem(key: string): string | undefined {
	let position = 0;
	for (const character of key) {
		position++;
		if (!KEY_CHARACTER.test(character)) {
			return `it holds ${what(character)} at position ${position} of ${[...key].length}`;
		}
	}

	return undefined;
}
