/**
 * The exporter's HTTP server, on node:http: GET /metrics (Prometheus text, or OpenMetrics when
 * the Accept header prefers it) and GET /healthz. It serves what the poller last saw and never
 * calls the API itself, so a scrape costs the fleet's API nothing. No key is in anything served.
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import type {Exposition} from './exposition.js';
import {EXPORTER_LIMITS, type ExporterLimits} from './limits.js';

/**
 * What /healthz says. `halted`: polling stopped on an error waiting cannot fix (a rejected key, a
 * wrong URL; the poller's `halted`, kept in the reducer's health), with that error's kind.
 */
export type Health = {apiUp: boolean; lastSuccessAt: number | null; halted: boolean; errorKind: string | null};

export type ExporterServer = {
	/** `http://host:port`, the port the server really got (0 picks a free one). */
	url: string;
	port: number;
	/** Connections open now (for tests). */
	connections(): number;
	close(): Promise<void>;
};

const TEXT = 'text/plain; charset=utf-8';

/**
 * Listens on `host`:`port`. Rejects with the listen error (EADDRINUSE, EACCES) when it cannot.
 * /healthz is answered at once from `health()`, never behind a render: 200 while polling goes
 * on, also when the API is down (restarting the exporter would not bring the API back, and
 * `letta_fleet_api_up` already says so); 503 once polling has halted, which only a person, or a
 * probe restarting the exporter after the fix, can undo. `limits` (default EXPORTER_LIMITS)
 * bound connections and slow clients.
 */
export async function startExporterServer(
	host: string,
	port: number,
	exposition: Exposition,
	health: () => Health,
	limits: ExporterLimits = EXPORTER_LIMITS,
): Promise<ExporterServer> {
	/** Sockets over the cap, answered 503 already: a request node:http still parses on one gets nothing more. */
	const refused = new WeakSet<Socket>();
	const server: Server = createServer(
		{
			headersTimeout: limits.headersTimeoutMs,
			requestTimeout: limits.requestTimeoutMs,
			connectionsCheckingInterval: limits.checkIntervalMs,
		},
		(request, response) => {
			if (refused.has(request.socket)) return;
			const path = (request.url ?? '/').split('?')[0];
			if (request.method !== 'GET' && request.method !== 'HEAD') {
				response.writeHead(405, {allow: 'GET, HEAD', 'content-type': TEXT}).end('only GET and HEAD\n');
				return;
			}

			if (path === '/metrics') {
				exposition.render(request.headers.accept).then(
					({contentType, bytes}) =>
						response
							.writeHead(200, {'content-type': contentType, 'content-length': String(bytes.length)})
							.end(request.method === 'HEAD' ? undefined : bytes),
					(error: unknown) =>
						response
							.writeHead(500, {'content-type': TEXT})
							.end(`metrics failed: ${(error as Error).message}\n`),
				);
			} else if (path === '/healthz') {
				const {apiUp, lastSuccessAt, halted, errorKind} = health();
				const body = JSON.stringify({
					status: halted ? 'halted' : 'ok',
					apiUp,
					lastSuccessAt: lastSuccessAt === null ? null : new Date(lastSuccessAt).toISOString(),
					...(halted
						? {
								error: errorKind,
								message:
									"polling has stopped on an error waiting cannot fix; see the exporter's stderr, fix it and restart the exporter",
							}
						: {}),
				});
				response
					.writeHead(halted ? 503 : 200, {'content-type': 'application/json'})
					.end(request.method === 'HEAD' ? undefined : `${body}\n`);
			} else if (path === '/') {
				response
					.writeHead(200, {'content-type': 'text/html; charset=utf-8'})
					.end(
						'<html><body><h1>letta-fleet exporter</h1><p><a href="/metrics">/metrics</a> · <a href="/healthz">/healthz</a></p></body></html>\n',
					);
			} else {
				response.writeHead(404, {'content-type': TEXT}).end('not found: try /metrics or /healthz\n');
			}
		},
	);
	// A client that stops reading (or sending) is let go, and its slot with it.
	server.timeout = limits.idleTimeoutMs;
	server.keepAliveTimeout = Math.min(5000, limits.idleTimeoutMs);

	const open = new Set<Socket>();
	server.on('connection', (socket: Socket) => {
		if (open.size >= limits.maxConnections) {
			// Answered before its request is read: the point is to spend nothing on it.
			refused.add(socket);
			const body = `letta-fleet exporter: too many connections (${limits.maxConnections} open); try again\n`;
			socket.on('error', () => socket.destroy());
			socket.end(
				`HTTP/1.1 503 Service Unavailable\r\ncontent-type: ${TEXT}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nretry-after: 1\r\nconnection: close\r\n\r\n${body}`,
				() => socket.destroy(),
			);
			return;
		}

		open.add(socket);
		socket.once('close', () => open.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	return {
		url: `http://${shownHost}:${address.port}`,
		port: address.port,
		connections: () => open.size,
		close: () =>
			new Promise<void>(resolve => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
