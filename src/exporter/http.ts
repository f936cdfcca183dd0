/**
 * The exporter's HTTP server, on node:http: GET /metrics (Prometheus text, or OpenMetrics when
 * the Accept header prefers it) and GET /healthz. It serves what the poller last saw and never
 * calls the API itself, so a scrape costs the fleet's API nothing. No key is in anything served.
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Exposition} from './exposition.js';

/** What /healthz says: the exporter is serving; whether its last poll reached the API. */
export type Health = {apiUp: boolean; lastSuccessAt: number | null};

export type ExporterServer = {
	/** `http://host:port`, the port the server really got (0 picks a free one). */
	url: string;
	port: number;
	close(): Promise<void>;
};

/**
 * Listens on `host`:`port`. Rejects with the listen error (EADDRINUSE, EACCES) when it cannot.
 * /healthz answers 200 while the process serves, also when the API is down: restarting the
 * exporter would not bring the API back, and `letta_fleet_api_up` already says so.
 */
export async function startExporterServer(host: string, port: number, exposition: Exposition, health: () => Health): Promise<ExporterServer> {
	const server: Server = createServer((request, response) => {
		const path = (request.url ?? '/').split('?')[0];
		if (request.method !== 'GET' && request.method !== 'HEAD') {
			response.writeHead(405, {allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8'}).end('only GET and HEAD\n');
			return;
		}

		if (path === '/metrics') {
			exposition.render(request.headers.accept).then(
				({contentType, body}) => response.writeHead(200, {'content-type': contentType}).end(request.method === 'HEAD' ? undefined : body),
				(error: unknown) => response.writeHead(500, {'content-type': 'text/plain; charset=utf-8'}).end(`metrics failed: ${(error as Error).message}\n`),
			);
		} else if (path === '/healthz') {
			const {apiUp, lastSuccessAt} = health();
			const body = JSON.stringify({status: 'ok', apiUp, lastSuccessAt: lastSuccessAt === null ? null : new Date(lastSuccessAt).toISOString()});
			response.writeHead(200, {'content-type': 'application/json'}).end(request.method === 'HEAD' ? undefined : `${body}\n`);
		} else if (path === '/') {
			response.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end('<html><body><h1>letta-fleet exporter</h1><p><a href="/metrics">/metrics</a> · <a href="/healthz">/healthz</a></p></body></html>\n');
		} else {
			response.writeHead(404, {'content-type': 'text/plain; charset=utf-8'}).end('not found: try /metrics or /healthz\n');
		}
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
		close: () =>
			new Promise<void>(resolve => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
