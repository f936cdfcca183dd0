/**
 * URLs as they may be shown: a base URL or a proxy URL can carry
 * `user:password@`, and the password must never reach a message, a header
 * label or `letta-fleet config`, whatever characters it holds (`@`, `:`, `%40`,
 * non-ASCII). The user name stays, as curl shows it, so a person can tell
 * which account is meant.
 */

/**
 * The schemes a base URL or a proxy URL is written with. Before any other `name://`, `name:` may be a user name and
 * `//...` the start of its password (`HTTPS_PROXY=fleet://s3cret@proxy:3128`, a proxy written without a scheme):
 * such a text is masked as one without a scheme.
 */
const URL_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'socks', 'socks4', 'socks4a', 'socks5', 'socks5h']);

/** The length of `text`'s `scheme://` when the scheme is one of URL_SCHEMES, else 0. */
function knownSchemeLength(text: string): number {
	const scheme = /^([a-z][\w+.-]*):\/\//i.exec(text);
	return scheme && URL_SCHEMES.has(scheme[1]!.toLowerCase()) ? scheme[0].length : 0;
}

/**
 * `text` with the password of its URL replaced by `****`; a text that does not parse, parses
 * without a password, or starts with a scheme not in URL_SCHEMES, is masked by text (maskUserinfo).
 */
export function maskUrl(text: string): string {
	if (knownSchemeLength(text) === 0) return maskUserinfo(text);
	try {
		const url = new URL(text);
		if (url.password === '') {
			// No password as URL reads it, yet a raw '/', '?' or '#' in one (http://u:12/x@host) parses as a path.
			return maskUserinfo(text);
		}

		url.password = '****';
		// URL adds a '/' path to a bare origin; the text as typed did not have it.
		return url.pathname === '/' && !text.endsWith('/') && url.search === '' && url.hash === ''
			? url.href.slice(0, -1)
			: url.href;
	} catch {
		return maskUserinfo(text);
	}
}

/**
 * The userinfo of a URL-like text (with or without a scheme) as `user:****@`. The userinfo runs
 * to the last `@` of the whole text: a raw `@`, `/`, `?` or `#` may sit inside a password, and
 * masking a path's `@` too costs nothing. A text with no ':' before that `@` has no password. A
 * scheme not in URL_SCHEMES counts as a user name (`a://x@host` is `a:****@host`).
 */
export function maskUserinfo(text: string): string {
	const schemeEnd = knownSchemeLength(text);
	const at = text.lastIndexOf('@');
	if (at < schemeEnd) {
		return text;
	}

	const userinfo = text.slice(schemeEnd, at);
	const colon = userinfo.indexOf(':');
	return colon < 0 ? text : `${text.slice(0, schemeEnd)}${userinfo.slice(0, colon)}:****${text.slice(at)}`;
}
