/**
 * Certificates the client refuses, over real TLS to the demo server (directly
 * and through a real CONNECT proxy), in process and from the built binary.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createClient} from '../../src/api/client.js';
import {ApiError} from '../../src/api/errors.js';
import {certificateFailure} from '../../src/api/request-errors.js';
import {startDemoServer, type DemoServer} from '../../src/demo/server.js';
import {runCli} from '../helpers/cli.js';
import {waitFor} from '../helpers/wait.js';
import {
	certificateDir,
	PROXIED_HOST,
	proxied,
	startProxy,
	type CertificateDir,
	type TestProxy,
} from './proxy-helpers.js';

const SECRET = 'sk-let-tls-secret-0123456789';
let certificates: CertificateDir;
let caFile: string;
/** Trusts the misnamed server's certificate: only its name is wrong. */
let misnamedCaFile: string;
let secure: DemoServer;
let misnamed: DemoServer;
let proxy: TestProxy;

beforeAll(async () => {
	certificates = certificateDir();
	const local = certificates.make('local', ['IP:127.0.0.1', 'DNS:localhost']);
	const other = certificates.make('other', ['DNS:other.example']);
	caFile = local.certPath;
	misnamedCaFile = other.certPath;
	[secure, misnamed, proxy] = await Promise.all([
		startDemoServer({
			seed: 4,
			size: 12,
			churnPerMinute: 0,
			apiKey: SECRET,
			tls: {key: local.key, cert: local.cert},
		}),
		startDemoServer({
			seed: 4,
			size: 12,
			churnPerMinute: 0,
			apiKey: SECRET,
			tls: {key: other.key, cert: other.cert},
		}),
		startProxy(),
	]);
});

afterAll(async () => {
	await Promise.all([secure?.close(), misnamed?.close(), proxy?.close()]);
	certificates?.remove();
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
	const error = await promise.then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(ApiError);
	return error as ApiError;
}

describe('a certificate the client refuses', () => {
	it('is a tls error naming the host and what failed, pointing at NODE_EXTRA_CA_CERTS, and not retried', async () => {
		const client = createClient({baseUrl: secure.url, apiKey: SECRET, proxyEnv: {}});
		const error = await failure(client.listEnvironments({}));
		expect(error.kind).toBe('tls');
		expect(error.retryable).toBe(false);
		expect(error.describe()).toBe(
			`tls: the TLS certificate of 127.0.0.1:${secure.port} is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT) ` +
				'(if a private CA signed it, set NODE_EXTRA_CA_CERTS to a PEM file holding that CA)',
		);
		// The handshake failed before any request: the server never saw one.
		expect(secure.requests()).toBe(0);
	});

	it('through a proxy, also says a TLS-intercepting proxy needs its CA there', async () => {
		const before = proxy.requests().length;
		const client = createClient({baseUrl: proxied(secure.url), apiKey: SECRET, proxyEnv: {HTTPS_PROXY: proxy.url}});
		const error = await failure(client.getEnvironment('any-device'));
		expect(error.kind).toBe('tls');
		expect(error.describe()).toContain(
			`requests go through the proxy ${proxy.url} (HTTPS_PROXY), and a proxy that intercepts TLS needs its CA in NODE_EXTRA_CA_CERTS`,
		);
		await waitFor(
			() => proxy.requests().slice(before).includes(`CONNECT ${PROXIED_HOST}:${secure.port}`),
			'the proxy to log the tunnel',
		);
	});

	it('from the binary: one line on stderr, the key nowhere', async () => {
		const result = await runCli(['--once', '--json'], {LETTA_BASE_URL: secure.url, LETTA_API_KEY: SECRET});
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(result.stderr).toMatch(/^letta-fleet: tls: .*self-signed.*NODE_EXTRA_CA_CERTS/);
		expect(result.stderr).not.toContain(SECRET);
	});

	it('from the binary: a trusted certificate for another name is refused too, and NODE_EXTRA_CA_CERTS is said not to help', async () => {
		const result = await runCli(['--once'], {
			LETTA_BASE_URL: misnamed.url,
			LETTA_API_KEY: SECRET,
			NODE_EXTRA_CA_CERTS: misnamedCaFile,
		});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(
			`letta-fleet: tls: the TLS certificate of 127.0.0.1:${misnamed.port} is for another host name (ERR_TLS_CERT_ALTNAME_INVALID) ` +
				'(NODE_EXTRA_CA_CERTS only adds trusted CAs, it cannot fix this certificate; check --base-url)\n',
		);
	});

	it('from the binary: the same server is fine once its CA is in NODE_EXTRA_CA_CERTS', async () => {
		const result = await runCli(['--once', '--json'], {
			LETTA_BASE_URL: secure.url,
			LETTA_API_KEY: SECRET,
			NODE_EXTRA_CA_CERTS: caFile,
		});
		expect(result.stderr).toBe('');
		expect((JSON.parse(result.stdout) as {connections: unknown[]}).connections).toHaveLength(
			secure.simulation.list().length,
		);
	});

	it('says what failed for each certificate error code Node gives', () => {
		const cases: Array<[string, RegExp]> = [
			['SELF_SIGNED_CERT_IN_CHAIN', /self-signed CA/],
			['DEPTH_ZERO_SELF_SIGNED_CERT', /is self-signed/],
			['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /not trusted here/],
			['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', /not trusted here/],
			['CERT_HAS_EXPIRED', /has expired/],
			['CERT_NOT_YET_VALID', /clock/],
			['ERR_TLS_CERT_ALTNAME_INVALID', /another host name/],
		];
		for (const [code, what] of cases) {
			expect(certificateFailure(code, 'api.letta.com'), code).toMatch(
				new RegExp(`^the TLS certificate of api\\.letta\\.com .*${what.source}.*\\(${code}\\)$`),
			);
		}

		expect(certificateFailure('ECONNRESET', 'api.letta.com')).toBeUndefined();
		expect(certificateFailure(undefined, 'api.letta.com')).toBeUndefined();
	});
});

describe('the detail refresh', () => {
	it('goes through the proxy like the list', async () => {
		const plain = await startDemoServer({seed: 2, size: 3, churnPerMinute: 0, apiKey: SECRET});
		try {
			const before = proxy.requests().length;
			const client = createClient({
				baseUrl: proxied(plain.url),
				apiKey: SECRET,
				proxyEnv: {http_proxy: proxy.url},
			});
			const deviceId = plain.simulation.list()[0]!.deviceId;
			const response = await client.getEnvironment(deviceId);
			expect((response.body as {deviceId: string}).deviceId).toBe(deviceId);
			await waitFor(() => proxy.requests().length > before, 'the proxy to log the request');
			expect(proxy.requests().slice(before)).toEqual([
				`GET http://${PROXIED_HOST}:${plain.port}/v1/environments/${encodeURIComponent(deviceId)}`,
			]);
		} finally {
			await plain.close();
		}
	});
});
