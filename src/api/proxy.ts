/**
 * Which proxy a request goes through, from the variables curl and npm read:
 * `https_proxy`/`HTTPS_PROXY` for https URLs, `http_proxy`/`HTTP_PROXY` for
 * http URLs, `all_proxy`/`ALL_PROXY` as the fallback, and `no_proxy`/`NO_PROXY`
 * for the hosts that go direct; lowercase wins over uppercase. got reads none
 * of them (reference: letta-environments-api.md, "Errors and limits").
 *
 * NO_PROXY matching is proxy-from-env's (exact host, `host:port`, `*`, and a
 * suffix for entries starting with `.` or `*`), with one widening: curl and npm
 * also let a bare `example.com` cover `api.example.com`, and curl lets
 * `.example.com` cover `example.com` itself, so every domain entry is given to
 * the library in both forms. IP entries match exactly; CIDR ranges are not
 * supported. A proxy value without a scheme means http://, as for curl (the
 * library would use the target's scheme, i.e. TLS to the proxy for https URLs,
 * which almost no corporate proxy speaks).
 *
 * A loopback host (localhost, 127.0.0.0/8, ::1) is never proxied, whatever the
 * variables say, as Go's net/http decides (`useProxy`): the key may go to it over
 * plain http only because it never leaves the machine.
 *
 * Tunnelling is https-proxy-agent (CONNECT, then TLS to the server through the
 * tunnel) for https URLs and http-proxy-agent (absolute-form requests) for http
 * URLs; both are loaded only when a proxy is in use.
 */
import type {ClientRequest, Agent as HttpAgent} from 'node:http';
import type {Agent as HttpsAgent} from 'node:https';
import {isIP} from 'node:net';
import type {PeerCertificate} from 'node:tls';
import type {HttpsProxyAgent} from 'https-proxy-agent';
import {getProxyForUrl} from 'proxy-from-env';
import {isLoopback} from './loopback.js';
import {sanitizeText} from './sanitize.js';
import {maskUserinfo} from './url-mask.js';

/** The environment variables read here; `process.env` or a test's own object. */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

export type ProxySelection =
	/** Straight to the server; `noProxy` says which NO_PROXY entry exempted the host, when that is why. */
	| {kind: 'direct'; noProxy?: {variable: string; entry: string}; loopback?: true}
	/** Through `url`; `display` is it with any password masked; `variable` set it (e.g. "HTTPS_PROXY"). */
	| {kind: 'proxy'; url: URL; display: string; variable: string}
	/** `variable` names a proxy that cannot be used; `message` is one line saying so (password masked). */
	| {kind: 'unusable'; variable: string; message: string};

/** got's `agent` option: only the entry for the target's scheme is set. */
export type ProxyAgents = {http?: HttpAgent; https?: HttpsAgent};

export type ProxyRoute = {
	selection: ProxySelection;
	/**
	 * The agents that tunnel through the selected proxy, made on the first call and
	 * shared after (their sockets are kept alive between polls); undefined when direct
	 * or unusable.
	 */
	agents(): Promise<ProxyAgents | undefined>;
};

/** Where a variable is set but empty it counts as unset, as for curl and proxy-from-env. */
function firstSet(env: ProxyEnv, names: readonly string[]): string | undefined {
	return names.find(name => Boolean(env[name]));
}

/**
 * proxy-from-env reads process.env and takes no other; it is synchronous, so the
 * swap below cannot be seen by any other code of this process.
 */
function libraryProxies(target: URL, env: Record<string, string>): boolean {
	const saved = process.env;
	process.env = env;
	try {
		return getProxyForUrl(target) !== '';
	} finally {
		process.env = saved;
	}
}

/**
 * Each domain entry both bare and with a leading dot (see the module comment); `*…` and IPs as
 * they are, and nothing widened for an IP target (curl matches IPs exactly: `0.0.1` is no suffix of `10.0.0.1`).
 */
function widenLikeCurl(list: string, target: URL): string {
	if (isIP(target.hostname) || target.hostname.startsWith('[')) {
		return list;
	}

	return list
		.split(/[,\s]+/)
		.filter(Boolean)
		.flatMap(entry => {
			if (entry.startsWith('*')) {
				return [entry];
			}

			const bare = entry.replace(/^\.+/, '');
			const host = bare.replace(/:\d+$/, '');
			return isIP(host) || host.startsWith('[') ? [bare] : [bare, `.${bare}`];
		})
		.join(',');
}

/** `user:pass@` in a proxy value, with or without a scheme, as `user:****@` (api/url-mask.ts). */
export const maskCredentials = maskUserinfo;

/** `http://user:****@proxy:3128`: the proxy URL as it may be shown, without its path. */
export function maskProxyUrl(url: URL): string {
	const auth = url.username || url.password ? `${url.username}${url.password ? ':****' : ''}@` : '';
	return `${url.protocol}//${auth}${url.host}`;
}

function unusable(variable: string, value: string, why: string): ProxySelection {
	return {
		kind: 'unusable',
		variable,
		message: sanitizeText(`${variable}=${maskCredentials(value)} cannot be used: ${why}`, 300),
	};
}

function parseProxy(variable: string, raw: string): ProxySelection {
	const value = raw.trim();
	let url: URL;
	try {
		url = new URL(value.includes('://') ? value : `http://${value}`);
	} catch {
		return unusable(variable, value, 'it is not a URL (expected http://[user:password@]host:port)');
	}

	if (url.protocol.startsWith('socks')) {
		return unusable(variable, value, 'SOCKS proxies are not supported; give an HTTP proxy (http://host:port)');
	}

	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return unusable(
			variable,
			value,
			`${url.protocol}// proxies are not supported; give an http:// or https:// proxy`,
		);
	}

	if (!url.hostname) {
		return unusable(variable, value, 'it names no host (expected http://[user:password@]host:port)');
	}

	return {kind: 'proxy', url, display: sanitizeText(maskProxyUrl(url), 200), variable};
}

/**
 * The proxy for requests to `target` (an http or https URL) under `env`; never throws.
 * @throws TypeError only when `target` is not a URL at all (callers pass a validated base URL).
 */
export function selectProxy(target: string | URL, env: ProxyEnv): ProxySelection {
	const url = typeof target === 'string' ? new URL(target) : target;
	// As Go's net/http: the key sent to loopback never leaves the machine, which is why plain http is allowed
	// there (credentials/credential-sources.ts); a proxy would carry it off, in clear text over http.
	if (isLoopback(url.hostname)) {
		return {kind: 'direct', loopback: true};
	}

	const scheme = url.protocol.slice(0, -1).toLowerCase();
	const variable = firstSet(env, [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, 'all_proxy', 'ALL_PROXY']);
	if (variable === undefined) {
		return {kind: 'direct'};
	}

	const value = env[variable] ?? '';
	const noProxyVariable = firstSet(env, ['no_proxy', 'NO_PROXY']);
	const noProxy = noProxyVariable === undefined ? '' : (env[noProxyVariable] ?? '');
	// The library is asked with only the chosen variable set, so its answer is about NO_PROXY alone.
	const proxied = (list: string) => libraryProxies(url, {[variable]: value, no_proxy: widenLikeCurl(list, url)});
	if (noProxyVariable !== undefined && !proxied(noProxy)) {
		const entry = noProxy.split(/[,\s]+/).find(candidate => candidate !== '' && !proxied(candidate)) ?? noProxy;
		return {kind: 'direct', noProxy: {variable: noProxyVariable, entry: sanitizeText(entry, 100)}};
	}

	return parseProxy(variable, value);
}

/**
 * What `letta-fleet config` shows for the proxy of `baseUrl`: `http://user:****@proxy:3128 (HTTPS_PROXY)`,
 * `none`, `none (NO_PROXY matches .example.com)`, or the reason a set proxy cannot be used.
 */
export function describeProxy(baseUrl: string, env: ProxyEnv): string {
	let selection: ProxySelection;
	try {
		selection = selectProxy(baseUrl, env);
	} catch {
		return 'none (the base URL is not a URL)';
	}

	switch (selection.kind) {
		case 'direct': {
			return selection.loopback
				? 'none (loopback is never proxied)'
				: selection.noProxy
					? `none (${selection.noProxy.variable} matches ${selection.noProxy.entry})`
					: 'none';
		}

		case 'proxy': {
			return `${selection.display} (${selection.variable})`;
		}

		case 'unusable': {
			return `error: ${selection.message}`;
		}
	}
}

/**
 * The route for every request of one client. The choice is made once, for the base URL:
 * a client only ever talks to that one origin (redirects are not followed), so one
 * decision and one pair of agents serve all its requests.
 */
export function proxyRoute(baseUrl: string, env: ProxyEnv): ProxyRoute {
	const selection = selectProxy(baseUrl, env);
	let made: Promise<ProxyAgents> | undefined;
	return {
		selection,
		agents() {
			if (selection.kind !== 'proxy') {
				return Promise.resolve(undefined);
			}

			made ??= makeAgents(selection.url, new URL(baseUrl).protocol === 'https:');
			return made;
		},
	};
}

async function makeAgents(proxy: URL, secure: boolean): Promise<ProxyAgents> {
	// keepAlive: one tunnel (or one connection to the proxy) serves poll after poll.
	if (secure) {
		// node:tls only here: a launch against an http base URL (the demo, a local server) never loads it.
		const [tunnels, {checkServerIdentity}] = await Promise.all([import('https-proxy-agent'), import('node:tls')]);
		/**
		 * https-proxy-agent 9 hands TLS no host for an IP target, so Node checked the server's
		 * certificate against "localhost" (a certificate for 127.0.0.1 refused, one for localhost
		 * accepted). The check is put back here, at connect time: given per request (got's
		 * https.checkServerIdentity) it would also make Node 24 pool each request's socket apart,
		 * a new tunnel per poll.
		 */
		class TargetCheckingAgent extends tunnels.HttpsProxyAgent<string> {
			override connect(request: ClientRequest, options: Parameters<HttpsProxyAgent<string>['connect']>[1]) {
				if (!options.secureEndpoint) {
					return super.connect(request, options);
				}

				const host = options.host ?? '';
				return super.connect(request, {
					...options,
					checkServerIdentity: (_hostname: string, certificate: PeerCertificate) =>
						checkServerIdentity(host, certificate),
				});
			}
		}

		return {https: new TargetCheckingAgent(proxy.href, {keepAlive: true})};
	}

	const {HttpProxyAgent} = await import('http-proxy-agent');
	return {http: new HttpProxyAgent(proxy, {keepAlive: true})};
}
