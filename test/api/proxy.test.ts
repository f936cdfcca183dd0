import {HttpProxyAgent} from 'http-proxy-agent';
import {HttpsProxyAgent} from 'https-proxy-agent';
import {describe, expect, it} from 'vitest';
import {describeProxy, maskCredentials, proxyRoute, selectProxy, type ProxyEnv} from '../../src/api/proxy.js';

const API = 'https://api.letta.com';

/** The proxy URL chosen for `target`, '' when direct, or the error when unusable. */
function chosen(target: string, env: ProxyEnv): string {
	const selection = selectProxy(target, env);
	switch (selection.kind) {
		case 'direct':
			return '';
		case 'proxy':
			return `${selection.display} ${selection.variable}`;
		case 'unusable':
			return `error: ${selection.message}`;
	}
}

describe('which proxy a request takes', () => {
	it('takes HTTPS_PROXY for https URLs and HTTP_PROXY for http URLs, never the other', () => {
		const env = {HTTPS_PROXY: 'http://secure-proxy:3128', HTTP_PROXY: 'http://plain-proxy:8080'};
		expect(chosen(API, env)).toBe('http://secure-proxy:3128 HTTPS_PROXY');
		expect(chosen('http://letta.internal:8283', env)).toBe('http://plain-proxy:8080 HTTP_PROXY');
		expect(chosen(API, {HTTP_PROXY: 'http://plain-proxy:8080'})).toBe('');
	});

	it('falls back to ALL_PROXY, and prefers lowercase to uppercase as curl does', () => {
		expect(chosen(API, {ALL_PROXY: 'http://all:1'})).toBe('http://all:1 ALL_PROXY');
		expect(chosen(API, {all_proxy: 'http://lower-all:1', ALL_PROXY: 'http://upper-all:1'})).toBe(
			'http://lower-all:1 all_proxy',
		);
		expect(chosen(API, {https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1'})).toBe(
			'http://lower:1 https_proxy',
		);
		expect(chosen(API, {HTTPS_PROXY: 'http://scheme:1', all_proxy: 'http://all:1'})).toBe(
			'http://scheme:1 HTTPS_PROXY',
		);
		// Set but empty counts as unset.
		expect(chosen(API, {https_proxy: '', HTTPS_PROXY: 'http://upper:1'})).toBe('http://upper:1 HTTPS_PROXY');
	});

	it('goes direct when nothing is set', () => {
		expect(selectProxy(API, {})).toEqual({kind: 'direct'});
		expect(describeProxy(API, {})).toBe('none');
	});

	it('reads http:// into a value without a scheme, as curl does, even for https URLs', () => {
		expect(chosen(API, {HTTPS_PROXY: 'proxy.corp:3128'})).toBe('http://proxy.corp:3128 HTTPS_PROXY');
	});

	it('turns an unusable proxy value into one line naming the variable, password masked', () => {
		expect(chosen(API, {ALL_PROXY: 'socks5://user:hunter2@proxy:1080'})).toBe(
			'error: ALL_PROXY=socks5://user:****@proxy:1080 cannot be used: SOCKS proxies are not supported; give an HTTP proxy (http://host:port)',
		);
		expect(chosen(API, {HTTPS_PROXY: 'http://[not a host'})).toMatch(
			/^error: HTTPS_PROXY=http:\/\/\[not a host cannot be used: it is not a URL/,
		);
		expect(chosen(API, {https_proxy: 'ftp://proxy:21'})).toMatch(
			/^error: https_proxy=ftp:\/\/proxy:21 cannot be used: ftp:\/\/ proxies are not supported/,
		);
		expect(chosen(API, {HTTPS_PROXY: 'user:hunter2@proxy:3128:99'})).toMatch(
			/^error: HTTPS_PROXY=user:\*\*\*\*@proxy:3128:99 cannot be used/,
		);
		for (const env of [
			{ALL_PROXY: 'socks5://user:hunter2@proxy:1080'},
			{HTTPS_PROXY: 'user:hunter2@proxy:3128:99'},
		]) {
			expect(describeProxy(API, env)).not.toContain('hunter2');
		}
	});
});

describe('NO_PROXY', () => {
	const proxy = {HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'http://proxy:3128'};
	const direct = (target: string, noProxy: string) =>
		selectProxy(target, {...proxy, NO_PROXY: noProxy}).kind === 'direct';

	it('exempts an exact host, and only that host', () => {
		expect(direct('https://api.letta.com', 'api.letta.com')).toBe(true);
		expect(direct('https://api.letta.com', 'app.letta.com')).toBe(false);
		expect(direct('https://notletta.com', 'letta.com')).toBe(false);
	});

	it('lets .example.com and example.com both cover the domain and its subdomains, as curl and npm do', () => {
		for (const entry of ['.letta.com', 'letta.com', '*.letta.com']) {
			expect(direct('https://api.letta.com', entry), entry).toBe(true);
			expect(direct('https://deep.api.letta.com', entry), entry).toBe(true);
			expect(direct('https://api.letta.com.evil.net', entry), entry).toBe(false);
		}

		expect(direct('https://letta.com', '.letta.com')).toBe(true);
		expect(direct('https://letta.com', 'letta.com')).toBe(true);
	});

	it('* exempts everything', () => {
		expect(direct('https://api.letta.com', '*')).toBe(true);
		expect(direct('http://10.1.2.3:8283', '*')).toBe(true);
	});

	it("host:port exempts that port only, the scheme's default port counting when the URL has none", () => {
		expect(direct('http://letta.internal:8283', 'letta.internal:8283')).toBe(true);
		expect(direct('http://letta.internal:9000', 'letta.internal:8283')).toBe(false);
		expect(direct('https://api.letta.com', 'api.letta.com:443')).toBe(true);
		expect(direct('https://api.letta.com', 'api.letta.com:8443')).toBe(false);
	});

	it('matches IP addresses exactly', () => {
		expect(direct('http://10.0.0.1:8283', '10.0.0.1')).toBe(true);
		expect(direct('http://10.0.0.10:8283', '10.0.0.1')).toBe(false);
		expect(direct('http://10.0.0.1:8283', '0.0.1')).toBe(false);
	});

	it('takes entries separated by commas or spaces, in any case, and lowercase no_proxy before NO_PROXY', () => {
		expect(direct('https://api.letta.com', 'localhost, 127.0.0.1  API.Letta.com')).toBe(true);
		const lowerWins = {...proxy, no_proxy: 'other.example', NO_PROXY: 'api.letta.com'};
		expect(selectProxy(API, lowerWins).kind).toBe('proxy');
	});

	it('says which entry of which variable exempted the host', () => {
		expect(describeProxy(API, {...proxy, no_proxy: 'localhost,.letta.com'})).toBe(
			'none (no_proxy matches .letta.com)',
		);
		expect(selectProxy('http://10.1.2.3:4000', {...proxy, NO_PROXY: 'localhost 10.1.2.3'})).toEqual({
			kind: 'direct',
			noProxy: {variable: 'NO_PROXY', entry: '10.1.2.3'},
		});
	});

	it("never proxies loopback, whatever the variables say (as Go's net/http): the key stays on the machine", () => {
		const everything = {
			HTTP_PROXY: 'http://proxy.corp:3128',
			HTTPS_PROXY: 'http://proxy.corp:3128',
			ALL_PROXY: 'http://proxy.corp:3128',
			NO_PROXY: '',
		};
		for (const url of [
			'http://localhost:8283',
			'http://LOCALHOST:1',
			'https://127.0.0.1',
			'http://127.255.0.9:80',
			'http://[::1]:8283',
			'http://[0:0:0:0:0:0:0:1]/',
			'http://127.1:9',
		]) {
			expect(selectProxy(url, everything), url).toEqual({kind: 'direct', loopback: true});
			expect(describeProxy(url, everything)).toBe('none (loopback is never proxied)');
		}

		for (const url of ['http://localhost.example:1', 'http://128.0.0.1', 'http://[::2]/', 'http://10.0.0.1']) {
			expect(selectProxy(url, everything).kind, url).toBe('proxy');
		}
	});

	it('never touches the real environment', () => {
		const before = {...process.env};
		selectProxy(API, {...proxy, NO_PROXY: 'api.letta.com'});
		expect(process.env).toEqual(before);
	});
});

describe('showing a proxy', () => {
	it('masks the password and keeps the user', () => {
		expect(describeProxy(API, {HTTPS_PROXY: 'http://fleet:p%40ss@proxy.corp:3128'})).toBe(
			'http://fleet:****@proxy.corp:3128 (HTTPS_PROXY)',
		);
		expect(describeProxy(API, {HTTPS_PROXY: 'http://fleet@proxy.corp:3128/'})).toBe(
			'http://fleet@proxy.corp:3128 (HTTPS_PROXY)',
		);
		expect(maskCredentials('user:secret@host:1')).toBe('user:****@host:1');
		expect(maskCredentials('http://host:1')).toBe('http://host:1');
	});
});

describe('the agents of a route', () => {
	it('tunnel with CONNECT for https targets and absolute-form for http targets, made once per client', async () => {
		const secure = proxyRoute(API, {HTTPS_PROXY: 'http://proxy:3128'});
		const agents = await secure.agents();
		expect(agents?.https).toBeInstanceOf(HttpsProxyAgent);
		expect(agents?.http).toBeUndefined();
		expect(await secure.agents()).toBe(agents);
		const plain = await proxyRoute('http://letta.internal:8283', {HTTP_PROXY: 'http://proxy:3128'}).agents();
		expect(plain?.http).toBeInstanceOf(HttpProxyAgent);
		expect(await proxyRoute(API, {}).agents()).toBeUndefined();
		expect(await proxyRoute(API, {HTTPS_PROXY: 'socks://proxy'}).agents()).toBeUndefined();
	});
});
