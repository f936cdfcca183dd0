/**
 * URLs as they may be shown: a base URL or a proxy URL can carry
 * `user:password@`, and the password must never reach a message, a header
 * label or `letta-fleet config`, whatever characters it holds (`@`, `:`, `%40`,
 * non-ASCII). The user name stays, as curl shows it, so a person can tell
 * which account is meant.
 */

/**
 * `text` with the password of its URL replaced by `****`; a text that does not parse, or
 * parses without a password, is masked by text (maskUserinfo).
 */
export function maskUrl(text: string): string {
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
 * masking a path's `@` too costs nothing. A text with no ':' before that `@` has no password.
 */
export function maskUserinfo(text: string): string {
	const schemeEnd = /^[a-z][\w+.-]*:\/\//i.exec(text)?.[0].length ?? 0;
	const at = text.lastIndexOf('@');
	if (at < schemeEnd) {
		return text;
	}

	const userinfo = text.slice(schemeEnd, at);
	const colon = userinfo.indexOf(':');
	return colon < 0 ? text : `${text.slice(0, schemeEnd)}${userinfo.slice(0, colon)}:****${text.slice(at)}`;
}
