/**
 * A source's base URL as history keys it: scheme and host lower case, no default port, no user or
 * password (never stored), no query or fragment, no trailing slash. The embedded demo server
 * listens on a new port each run, so every demo run is one source, DEMO_SOURCE.
 */

/** The base URL recorded for `--demo`, whatever port its server took. */
export const DEMO_SOURCE = 'demo:';

/** `baseUrl` normalized; a string that is not a URL is kept as given, trimmed of trailing slashes. */
export function sourceBaseUrl(baseUrl: string): string {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return baseUrl.replace(/\/+$/, '');
	}

	url.username = '';
	url.password = '';
	url.search = '';
	url.hash = '';
	return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
