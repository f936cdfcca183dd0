/**
 * The built binary behind a real proxy process: plain http through it
 * (absolute-form), https through a CONNECT tunnel to a demo server with a
 * self-signed certificate, NO_PROXY, proxy authentication, and proxies that
 * cannot be used. The proxy's own log says what reached it.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {collect, runCli, startCli} from '../helpers/cli.js';
import {lettaHome} from '../helpers/letta-home.js';
import {waitFor} from '../helpers/wait.js';
import {
	certificateDir,
	PROXIED_HOST,
	proxied,
	startProxy,
	type CertificateDir,
	type TestProxy,
} from './proxy-helpers.js';

const SECRET = 'sk-let-proxy-secret-0123456789';
let certificates: CertificateDir;
let caFile: string;
let plain: DemoServer;
let secure: DemoServer;
/** Trusted, but its certificate names only localhost: wrong for https://api.fleet.test. */
let localhostOnly: DemoServer;
let localhostOnlyCa: string;
let proxy: TestProxy;
let guarded: TestProxy;

beforeAll(async () => {
	certificates = certificateDir();
	const local = certificates.make('local', ['IP:127.0.0.1', `DNS:${PROXIED_HOST}`]);
	const named = certificates.make('localhost', ['DNS:localhost']);
	caFile = local.certPath;
	localhostOnlyCa = named.certPath;
	[plain, secure, localhostOnly, proxy, guarded] = await Promise.all([
		startDemoServer({seed: 8, size: 30, churnPerMinute: 0, apiKey: SECRET}),
		startDemoServer({
			seed: 9,
			size: 40,
			churnPerMinute: 0,
			apiKey: SECRET,
			tls: {key: local.key, cert: local.cert},
		}),
		startDemoServer({seed: 9, size: 5, churnPerMinute: 0, apiKey: SECRET, tls: {key: named.key, cert: named.cert}}),
		startProxy(),
		startProxy({user: 'fleet', password: 'pr0xy-pass'}),
	]);
});

afterAll(async () => {
	await Promise.all([plain?.close(), secure?.close(), localhostOnly?.close(), proxy?.close(), guarded?.close()]);
	certificates?.remove();
});

function devices(stdout: string): number {
	return (JSON.parse(stdout) as {connections: unknown[]}).connections.length;
}

/** The requests the proxy received for the demo server on `port` since `before` of them. */
function seen(by: TestProxy, port: number, before = 0): string[] {
	return by
		.requests()
		.slice(before)
		.filter(line => line.includes(`${PROXIED_HOST}:${port}`));
}

describe('letta-fleet behind a proxy', () => {
	it('sends plain http through HTTP_PROXY (the proxy sees each request in absolute form)', async () => {
		const result = await runCli(['--once', '--json', '--allow-insecure-http'], {
			LETTA_BASE_URL: proxied(plain.url),
			LETTA_API_KEY: SECRET,
			HTTP_PROXY: proxy.url,
		});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(devices(result.stdout)).toBe(plain.simulation.list().length);
		const absolute = new RegExp(`^GET http://api\\.fleet\\.test:${plain.port}/v1/environments\\?`);
		await waitFor(() => seen(proxy, plain.port).some(line => absolute.test(line)), 'the proxy to log the request');
	});

	it('tunnels https through HTTPS_PROXY with CONNECT, trusting the CA in NODE_EXTRA_CA_CERTS', async () => {
		const before = proxy.requests().length;
		const env = {
			LETTA_BASE_URL: proxied(secure.url),
			LETTA_API_KEY: SECRET,
			HTTPS_PROXY: proxy.url,
			NODE_EXTRA_CA_CERTS: caFile,
		};
		const result = await runCli(['--once', '--json'], env);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(devices(result.stdout)).toBe(secure.simulation.list().length);
		// The proxy sees a tunnel opened, never a request inside it.
		const lines = await waitFor(
			() => seen(proxy, secure.port, before).length > 0 && seen(proxy, secure.port, before),
			'the proxy to log the tunnel',
		);
		expect(lines.every(line => line === `CONNECT ${PROXIED_HOST}:${secure.port}`)).toBe(true);
	});

	it('tunnels a Letta Code login to the server Letta Code logs in to, and to no other --base-url', async () => {
		// Most users have no API key: the token in ~/.letta/settings.json, for the server its LETTA_BASE_URL names.
		const home = lettaHome(SECRET, Date.now() + 3_600_000, proxied(secure.url));
		const other = lettaHome(SECRET, Date.now() + 3_600_000);
		try {
			const env = {HOME: home.home, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile};
			const result = await runCli(['--once', '--json'], env);
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(devices(result.stdout)).toBe(secure.simulation.list().length);
			// A login for Letta's API is not sent to a --base-url elsewhere: the server answers 401 for want of a key.
			const refused = await runCli(['--once', '--base-url', proxied(secure.url)], {...env, HOME: other.home});
			expect(refused.code).not.toBe(0);
			expect(refused.stderr).toContain('no API key');
			expect(refused.stdout + refused.stderr).not.toContain(SECRET);
		} finally {
			home.remove();
			other.remove();
		}
	});

	it("checks the certificate against the base URL's host through the tunnel too", async () => {
		const env = {
			LETTA_BASE_URL: proxied(localhostOnly.url),
			LETTA_API_KEY: SECRET,
			HTTPS_PROXY: proxy.url,
			NODE_EXTRA_CA_CERTS: localhostOnlyCa,
		};
		const result = await runCli(['--once'], env);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(
			new RegExp(
				`^letta-fleet: tls: the TLS certificate of api\\.fleet\\.test:${localhostOnly.port} is for another host name \\(ERR_TLS_CERT_ALTNAME_INVALID\\)`,
			),
		);
		await waitFor(
			() => seen(proxy, localhostOnly.port).includes(`CONNECT ${PROXIED_HOST}:${localhostOnly.port}`),
			'the proxy to log the tunnel',
		);
	});

	it('goes straight to a host NO_PROXY names: the proxy sees nothing', async () => {
		const before = proxy.requests().length;
		// Only the proxy can resolve api.fleet.test, so going direct ends in a DNS failure that names the host.
		for (const [url, extra] of [
			[proxied(plain.url), ['--allow-insecure-http']],
			[proxied(secure.url), []],
		] as const) {
			const env = {
				LETTA_BASE_URL: url,
				LETTA_API_KEY: SECRET,
				HTTP_PROXY: proxy.url,
				HTTPS_PROXY: proxy.url,
				NO_PROXY: 'localhost,fleet.test',
				NODE_EXTRA_CA_CERTS: caFile,
			};
			const result = await runCli(['--once', ...extra], env);
			expect(result.code).toBe(1);
			expect(result.stderr).toMatch(
				/^letta-fleet: network: could not resolve the host api\.fleet\.test \((ENOTFOUND|EAI_AGAIN)\)/,
			);
		}

		expect(proxy.requests().slice(before)).toEqual([]);
	});

	it('--events polls through the proxy too, over http, and over https keeping its tunnel from poll to poll', async () => {
		const before = proxy.requests().length;
		const child = startCli(['--events', '--interval', '2', '--allow-insecure-http'], {
			LETTA_BASE_URL: proxied(plain.url),
			LETTA_API_KEY: SECRET,
			HTTP_PROXY: proxy.url,
		});
		const done = collect(child);
		await waitFor(() => seen(proxy, plain.port, before).length >= 2, 'two polls through the proxy', 20_000);
		child.kill('SIGTERM');
		expect((await done).stderr).toBe('');

		const served = secure.requests();
		const tunnelled = startCli(['--events', '--interval', '1'], {
			LETTA_BASE_URL: proxied(secure.url),
			LETTA_API_KEY: SECRET,
			HTTPS_PROXY: proxy.url,
			NODE_EXTRA_CA_CERTS: caFile,
		});
		const finished = collect(tunnelled);
		await waitFor(() => secure.requests() - served >= 3, 'three polls through the tunnel', 20_000);
		tunnelled.kill('SIGTERM');
		expect((await finished).stderr).toBe('');
		// The agent keeps its socket alive: polls share a tunnel instead of opening one each.
		expect(seen(proxy, secure.port, before).length).toBeLessThan(secure.requests() - served);
	});

	it('authenticates to the proxy with the user and password in its URL', async () => {
		const url = `http://fleet:pr0xy-pass@127.0.0.1:${guarded.port}`;
		const result = await runCli(['--once', '--json'], {
			LETTA_BASE_URL: proxied(secure.url),
			LETTA_API_KEY: SECRET,
			HTTPS_PROXY: url,
			NODE_EXTRA_CA_CERTS: caFile,
		});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(devices(result.stdout)).toBe(secure.simulation.list().length);
		await waitFor(
			() => seen(guarded, secure.port).includes(`CONNECT ${PROXIED_HOST}:${secure.port}`),
			'the proxy to log the tunnel',
		);
	});

	it('says the proxy wants credentials, or refused them, in one line that never shows the password', async () => {
		const none = await runCli(['--once'], {
			LETTA_BASE_URL: proxied(secure.url),
			LETTA_API_KEY: SECRET,
			HTTPS_PROXY: guarded.url,
			NODE_EXTRA_CA_CERTS: caFile,
		});
		expect(none.code).toBe(1);
		expect(none.stderr).toBe(
			`letta-fleet: HTTP 407: the proxy ${guarded.url} (HTTPS_PROXY) asks for credentials (put them in HTTPS_PROXY as http://user:password@host:port)\n`,
		);
		const wrong = await runCli(['--once', '--allow-insecure-http'], {
			LETTA_BASE_URL: proxied(plain.url),
			LETTA_API_KEY: SECRET,
			http_proxy: `http://fleet:wrong-pass@127.0.0.1:${guarded.port}`,
		});
		expect(wrong.code).toBe(1);
		expect(wrong.stderr).toBe(
			`letta-fleet: HTTP 407: the proxy http://fleet:****@127.0.0.1:${guarded.port} (http_proxy) refused the user name and password in its URL (check them)\n`,
		);
		for (const output of [none.stdout, none.stderr, wrong.stdout, wrong.stderr]) {
			expect(output).not.toContain('wrong-pass');
			expect(output).not.toContain(SECRET);
		}
	});

	it('names the proxy it cannot reach', async () => {
		const closed = await startProxy();
		await closed.close();
		const result = await runCli(['--once'], {
			LETTA_BASE_URL: proxied(secure.url),
			LETTA_API_KEY: SECRET,
			HTTPS_PROXY: `http://fleet:pr0xy-pass@127.0.0.1:${closed.port}`,
		});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`letta-fleet: network: cannot reach the proxy http://fleet:****@127.0.0.1:${closed.port} (HTTPS_PROXY): ECONNREFUSED\n`,
		);
	});

	it('refuses a proxy it cannot use with one line naming the variable, before sending anything', async () => {
		const result = await runCli(['--once', '--allow-insecure-http'], {
			LETTA_BASE_URL: proxied(plain.url),
			LETTA_API_KEY: SECRET,
			ALL_PROXY: 'socks5://fleet:pr0xy-pass@127.0.0.1:1080',
		});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			'letta-fleet: proxy: ALL_PROXY=socks5://fleet:****@127.0.0.1:1080 cannot be used: SOCKS proxies are not supported; give an HTTP proxy (http://host:port)\n',
		);
	});

	it('never sends a loopback base URL through a proxy, whatever the variables say: the key stays on the machine', async () => {
		const before = proxy.requests().length;
		for (const url of [plain.url, plain.url.replace('127.0.0.1', 'localhost'), secure.url]) {
			const env = {
				LETTA_BASE_URL: url,
				LETTA_API_KEY: SECRET,
				HTTP_PROXY: proxy.url,
				HTTPS_PROXY: proxy.url,
				ALL_PROXY: proxy.url,
				NODE_EXTRA_CA_CERTS: caFile,
			};
			const result = await runCli(['--once', '--json'], env);
			expect(result.code, result.stderr).toBe(0);
		}

		expect(proxy.requests().slice(before)).toEqual([]);
	});

	it('--demo ignores proxy variables: its server is in the process, on loopback', async () => {
		const before = proxy.requests().length;
		const result = await runCli(['--demo', '--once', '--json', '--demo-size', '5'], {
			HTTP_PROXY: proxy.url,
			HTTPS_PROXY: proxy.url,
			ALL_PROXY: proxy.url,
		});
		expect(result.code, result.stderr).toBe(0);
		expect(devices(result.stdout)).toBeGreaterThan(0);
		expect(proxy.requests().slice(before)).toEqual([]);
	});
});

describe('letta-fleet config', () => {
	it('shows the proxy for the base URL, the variable that set it and no password', async () => {
		const env = {
			LETTA_BASE_URL: proxied(secure.url),
			LETTA_API_KEY: SECRET,
			HTTPS_PROXY: `http://fleet:pr0xy-pass@127.0.0.1:${guarded.port}`,
		};
		const result = await runCli(['config'], env);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(
			new RegExp(
				`^proxy +http://fleet:\\*\\*\\*\\*@127\\.0\\.0\\.1:${guarded.port} \\(HTTPS_PROXY\\) +environment$`,
				'm',
			),
		);
		expect(result.stdout).not.toContain('pr0xy-pass');
		expect(result.stdout).not.toContain(SECRET);
	});

	it('shows none, and why when NO_PROXY is the reason', async () => {
		const direct = await runCli(['config'], {LETTA_BASE_URL: proxied(secure.url), LETTA_API_KEY: SECRET});
		expect(direct.stdout).toMatch(/^proxy +none +environment$/m);
		const exempt = await runCli(['config'], {
			LETTA_BASE_URL: proxied(secure.url),
			LETTA_API_KEY: SECRET,
			HTTPS_PROXY: proxy.url,
			no_proxy: 'localhost fleet.test',
		});
		expect(exempt.stdout).toMatch(/^proxy +none \(no_proxy matches fleet\.test\) +environment$/m);
		const loopback = await runCli(['config'], {
			LETTA_BASE_URL: secure.url,
			LETTA_API_KEY: SECRET,
			HTTPS_PROXY: proxy.url,
		});
		expect(loopback.stdout).toMatch(/^proxy +none \(loopback is never proxied\) +environment$/m);
	});
});
