/** proxy-from-env 2 ships no types. */
declare module 'proxy-from-env' {
	/**
	 * The proxy URL for `url` from process.env (`<scheme>_proxy`, then `all_proxy`, each lowercase
	 * before uppercase), or '' when none applies or NO_PROXY/no_proxy matches the host.
	 */
	export function getProxyForUrl(url: string | URL): string;
}
