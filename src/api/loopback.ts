/**
 * Loopback hosts: the key sent to one never leaves the machine. Both the
 * plain-http exception (credentials/credential-sources.ts) and the proxy bypass (proxy.ts) rest on
 * this one test, as Go's net/http decides it (httpproxy `useProxy`: "localhost"
 * and any loopback IP go direct).
 */

/** `hostname` as URL.hostname gives it (IPv6 in brackets): localhost, 127.0.0.0/8 or ::1. */
export function isLoopback(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
