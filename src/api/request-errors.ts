/**
 * A request that got no HTTP answer (refused, timed out, a certificate refused,
 * a proxy out of reach) as an ApiError whose one line says what failed, at
 * which host or proxy, and what to do. Proxy URLs are shown with the password
 * masked; nothing here can carry the API key (it is only ever in a header).
 */
import {ApiError} from './errors.js';
import type {ProxySelection} from './proxy.js';

/** What failed with each certificate error code Node's TLS gives, said of the server's certificate. */
const CERTIFICATE_FAILURES: Readonly<Record<string, {what: string; trust: boolean}>> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: {what: 'is self-signed', trust: true},
	SELF_SIGNED_CERT_IN_CHAIN: {what: 'chains up to a self-signed CA that is not trusted here', trust: true},
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
		what: 'is signed by a CA that is not trusted here (cannot verify the first certificate)',
		trust: true,
	},
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {what: 'is issued by a CA that is not trusted here', trust: true},
	UNABLE_TO_GET_ISSUER_CERT: {what: 'is issued by a CA that is not trusted here', trust: true},
	CERT_UNTRUSTED: {what: 'is not trusted', trust: true},
	CERT_SIGNATURE_FAILURE: {what: 'has a bad signature', trust: false},
	CERT_HAS_EXPIRED: {what: 'has expired', trust: false},
	CERT_NOT_YET_VALID: {what: "is not valid yet (is this machine's clock right?)", trust: false},
	ERR_TLS_CERT_ALTNAME_INVALID: {what: 'is for another host name', trust: false},
	CERT_REVOKED: {what: 'has been revoked', trust: false},
};

/** Codes of a connection that never reached the other end: with a proxy in use, that end is the proxy. */
const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export type RequestContext = {
	/** The base URL, e.g. https://api.letta.com. */
	baseUrl: string;
	proxy: ProxySelection;
	/** How long one request may take, ms: a timeout says it, and the flag that changes it. */
	timeoutMs: number;
};

/** The one-line description of a certificate failure, or undefined when `code` is not one. */
export function certificateFailure(code: string | undefined, host: string): string | undefined {
	const failure = code === undefined ? undefined : CERTIFICATE_FAILURES[code];
	return failure && `the TLS certificate of ${host} ${failure.what} (${code})`;
}

function tlsHint(code: string, proxy: ProxySelection): string {
	const trust = CERTIFICATE_FAILURES[code]?.trust ?? true;
	const hint = trust
		? 'if a private CA signed it, set NODE_EXTRA_CA_CERTS to a PEM file holding that CA'
		: 'NODE_EXTRA_CA_CERTS only adds trusted CAs, it cannot fix this certificate; check --base-url';
	return proxy.kind === 'proxy'
		? `${hint}; requests go through the proxy ${proxy.display} (${proxy.variable}), and a proxy that intercepts TLS needs its CA in NODE_EXTRA_CA_CERTS`
		: hint;
}

/**
 * The ApiError for a failed request to `context.baseUrl`; `error` is what api/transport.ts rejected with (Node's
 * error, by its `code`, or its own timeout or abort).
 */
export function fromRequestError(error: unknown, context: RequestContext): ApiError {
	const {proxy} = context;
	if (error instanceof Error && error.name === 'AbortError') {
		return new ApiError('network', 'request aborted');
	}

	if (error instanceof Error) {
		const {code} = error as NodeJS.ErrnoException;
		if (error.name === 'TimeoutError' || code === 'ETIMEDOUT') {
			const through = proxy.kind === 'proxy' ? ` (through the proxy ${proxy.display})` : '';
			return new ApiError('timeout', `the API did not answer within ${context.timeoutMs / 1000}s${through}`, {
				hint: '--timeout SECONDS waits longer',
			});
		}

		const host = new URL(context.baseUrl).host;
		const certificate = certificateFailure(code, host);
		if (certificate && code) {
			return new ApiError('tls', certificate, {hint: tlsHint(code, proxy)});
		}

		if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO') {
			// Through an https:// proxy the handshake that failed may be the proxy's own; through an http:// one it is
			// the server's.
			const proxyTls = proxy.kind === 'proxy' && proxy.url.protocol === 'https:';
			const who = proxyTls ? `the proxy ${proxy.display} (${proxy.variable})` : host;
			return new ApiError(
				'tls',
				`the TLS handshake with ${who} failed (${code}): it may not speak TLS on that port`,
				{
					hint: proxyTls
						? 'most proxies are http:// even for https URLs'
						: 'check --base-url (http:// or https://)',
				},
			);
		}

		const reason = code ?? error.message;
		if (proxy.kind === 'proxy') {
			return code !== undefined && CONNECT_FAILURES.has(code)
				? new ApiError('network', `cannot reach the proxy ${proxy.display} (${proxy.variable}): ${reason}`)
				: new ApiError(
						'network',
						`cannot reach the API through the proxy ${proxy.display} (${proxy.variable}): ${reason}`,
					);
		}

		const url = new URL(context.baseUrl);
		if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
			// EAI_AGAIN is the resolver not answering (offline, DNS down): waiting may help, so it stays 'network' too.
			return new ApiError('network', `could not resolve the host ${url.hostname} (${code})`, {
				hint: "check --base-url and this machine's DNS or network",
			});
		}

		if (code === 'ECONNREFUSED') {
			const port = url.port || (url.protocol === 'https:' ? '443' : '80');
			return new ApiError('network', `connection refused by ${url.hostname}:${port} (ECONNREFUSED)`, {
				hint: "is the server running, and is --base-url's port right?",
			});
		}

		return new ApiError('network', `cannot reach the API at ${host} (${reason})`);
	}

	return new ApiError('network', String(error));
}

/** A 407: the proxy wants credentials, or refused the ones in its URL. */
export function proxyAuthError(proxy: ProxySelection): ApiError {
	const status = 407;
	if (proxy.kind !== 'proxy') {
		return new ApiError('proxy', 'a proxy asks for credentials, but none is configured here', {status});
	}

	const sent = proxy.url.username !== '' || proxy.url.password !== '';
	return new ApiError(
		'proxy',
		sent
			? `the proxy ${proxy.display} (${proxy.variable}) refused the user name and password in its URL`
			: `the proxy ${proxy.display} (${proxy.variable}) asks for credentials`,
		{
			status,
			hint: sent ? 'check them' : `put them in ${proxy.variable} as http://user:password@host:port`,
		},
	);
}
