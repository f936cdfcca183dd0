/**
 * A real HTTP/CONNECT proxy in its own process (the `proxy` package's CLI,
 * TooTallNate's), whose debug log says every request it receives, and
 * self-signed certificates made with openssl in a temporary directory.
 */
import {execFileSync, spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {NODE, ROOT} from '../helpers/cli.js';
import {waitFor} from '../helpers/wait.js';

const PROXY_CLI = path.join(ROOT, 'node_modules', 'proxy', 'dist', 'bin', 'proxy.js');
const FAKE_DNS = path.join(ROOT, 'test', 'api', 'fake-dns.cjs');

/**
 * The host name the test proxy resolves to 127.0.0.1 (fake-dns.cjs): not loopback to letta-fleet, which never proxies
 * loopback.
 */
export const PROXIED_HOST = 'api.fleet.test';

/** A local server's URL (http://127.0.0.1:PORT) under PROXIED_HOST, so requests to it go through a proxy. */
export function proxied(url: string): string {
	const parsed = new URL(url);
	parsed.hostname = PROXIED_HOST;
	return parsed.href.replace(/\/$/, '');
}

export type TestProxy = {
	/** http://127.0.0.1:PORT */
	url: string;
	port: number;
	/**
	 * What it received so far, one request line each: "CONNECT api.fleet.test:4000", "GET
	 * http://api.fleet.test:4000/v1/environments?…".
	 */
	requests(): string[];
	close(): Promise<void>;
};

/**
 * Starts the proxy on a free port. `credentials`: it then answers 407 unless the
 * Proxy-Authorization header carries exactly this user and password.
 */
export async function startProxy(credentials?: {user: string; password: string}): Promise<TestProxy> {
	const args = ['--require', FAKE_DNS, PROXY_CLI, '--port', '0'];
	// The CLI runs this through /bin/sh with the parsed header in PROXY_AUTH_USERNAME / PROXY_AUTH_PASSWORD.
	const env: Record<string, string> = {PATH: process.env['PATH'] ?? '/usr/bin:/bin', DEBUG: 'proxy*'};
	if (credentials) {
		args.push(
			'--authenticate',
			'[ "$PROXY_AUTH_USERNAME" = "$WANT_USER" ] && [ "$PROXY_AUTH_PASSWORD" = "$WANT_PASSWORD" ]',
		);
		env['WANT_USER'] = credentials.user;
		env['WANT_PASSWORD'] = credentials.password;
	}

	const child = spawn(NODE, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let log = '';
	child.stdout.on('data', chunk => (stdout += String(chunk)));
	child.stderr.on('data', chunk => (log += String(chunk)));
	const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
	const port = Number(
		await waitFor(
			() => /listening on port (\d+)/.exec(stdout)?.[1],
			`the proxy to listen (stderr: ${log.slice(0, 300)})`,
		),
	);
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		// The debug namespace "proxy ← ← ←" logs each request line as it arrives, before authentication.
		requests: () => [...log.matchAll(/proxy ← ← ← ([A-Z]+) (\S+) HTTP\//g)].map(match => `${match[1]} ${match[2]}`),
		async close() {
			child.kill();
			await exited;
		},
	};
}

export type Certificate = {key: string; cert: string; certPath: string};

export type CertificateDir = {
	/** A self-signed certificate (its own CA), e.g. make('local', ['IP:127.0.0.1', 'DNS:localhost']). */
	make(name: string, altNames: string[]): Certificate;
	/** The temporary directory holding the files. */
	dir: string;
	remove(): void;
};

export function certificateDir(): CertificateDir {
	const dir = mkdtempSync(path.join(tmpdir(), 'letta-fleet-tls-'));
	return {
		dir,
		make(name, altNames) {
			const keyPath = path.join(dir, `${name}.key`);
			const certPath = path.join(dir, `${name}.pem`);
			execFileSync(
				'/usr/bin/openssl',
				[
					'req',
					'-x509',
					'-newkey',
					'ec',
					'-pkeyopt',
					'ec_paramgen_curve:prime256v1',
					'-nodes',
					'-keyout',
					keyPath,
					'-out',
					certPath,
					'-days',
					'2',
					'-subj',
					`/CN=${name}`,
					'-addext',
					`subjectAltName=${altNames.join(',')}`,
				],
				{stdio: 'ignore'},
			);
			return {key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath};
		},
		remove() {
			rmSync(dir, {recursive: true, force: true});
		},
	};
}
