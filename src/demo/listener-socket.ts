/**
 * The listeners' WebSocket endpoint of the demo server, served by the `ws` package on the
 * demo server's own HTTP server (its `upgrade` event), at the wsUrl a registration hands out.
 * A real listener connects with `Authorization: Bearer <key>` and
 * `?deviceId=...&connectionName=...` added to wsUrl.
 */
import type {IncomingMessage, Server} from 'node:http';
import type {Duplex} from 'node:stream';
import {type RawData, WebSocketServer} from 'ws';
import {MAX_FRAME_BYTES} from './listener-bounds.js';
import {CLOSE_UNKNOWN_CONNECTION, SOCKET_PATH} from './listener-protocol.js';
import type {ListenerRegistry} from './listener-registry.js';
import {authorized} from './routes.js';

/** How a socket is closed when handling one of its messages threw: that listener only, never the server. */
export const CLOSE_INTERNAL_ERROR = {code: 1011, reason: 'Internal error'} as const;

export type ListenerSockets = {
	/** Ends every listener socket at once (the listeners see the connection drop) and stops accepting. */
	close(): void;
};

/** Refuses an upgrade with a plain HTTP answer in the platform's `{errorCode, message}` shape. */
function refuse(socket: Duplex, status: number, statusText: string, errorCode: string, message: string): void {
	const body = JSON.stringify({errorCode, message});
	socket.end(
		[
			`HTTP/1.1 ${status} ${statusText}`,
			'content-type: application/json',
			`content-length: ${Buffer.byteLength(body)}`,
			'connection: close',
			'',
			body,
		].join('\r\n'),
	);
}

/** The connectionId in an upgrade's path; undefined for any other path, or a target that is no URL (`//[`). */
function connectionIdOf(request: IncomingMessage): string | undefined {
	try {
		const match = SOCKET_PATH.exec(new URL(request.url ?? '/', 'http://demo.invalid').pathname);
		return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
	} catch {
		return undefined;
	}
}

/**
 * Serves listener sockets on `server`'s upgrade event: a wrong or missing key is refused with a
 * 401, a path other than SOCKET_PATH with a 404, an unknown connectionId is accepted and closed
 * with 1008; text frames and the close go to the registry's session.
 */
export function attachListenerSockets(
	server: Server,
	options: {apiKey: string; registry: ListenerRegistry},
): ListenerSockets {
	const sockets = new WebSocketServer({noServer: true, maxPayload: MAX_FRAME_BYTES});

	function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		socket.on('error', () => socket.destroy());
		const connectionId = connectionIdOf(request);
		if (connectionId === undefined) {
			refuse(socket, 404, 'Not Found', 'not_found', 'No WebSocket endpoint here');
			return;
		}

		if (!authorized(request.headers.authorization, options.apiKey)) {
			refuse(socket, 401, 'Unauthorized', 'unauthorized', 'Invalid or missing API key');
			return;
		}

		sockets.handleUpgrade(request, socket, head, ws => {
			ws.on('error', () => ws.terminate());
			/** An exception in one listener's handling closes that socket (1011) and goes no further. */
			const guarded = (handle: () => void): void => {
				try {
					handle();
				} catch {
					ws.close(CLOSE_INTERNAL_ERROR.code, CLOSE_INTERNAL_ERROR.reason);
				}
			};

			let session: ReturnType<ListenerRegistry['open']>;
			guarded(() => {
				session = options.registry.open(connectionId, {
					send: text => ws.send(text),
					close: (code, reason) => ws.close(code, reason),
				});
				if (!session) {
					// Accepted, then closed: only a close code makes a listener register again, where an HTTP error
					// would make it retry the same connectionId.
					ws.close(CLOSE_UNKNOWN_CONNECTION, 'Unknown connection');
				}
			});
			ws.on('message', (data, isBinary) => {
				if (session && !isBinary) {
					guarded(() => session?.message(frameText(data)));
				}
			});
			ws.on('close', () => {
				try {
					session?.closed();
				} catch {
					// The socket is gone already; its record stays as it was, and the server goes on.
				}
			});
		});
	}

	/** One upgrade's failure ends that socket alone. */
	function guardedUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		try {
			upgrade(request, socket, head);
		} catch {
			socket.destroy();
		}
	}

	server.on('upgrade', guardedUpgrade);
	return {
		close() {
			server.off('upgrade', guardedUpgrade);
			for (const ws of sockets.clients) {
				ws.terminate();
			}

			sockets.close();
		},
	};
}

/** A text frame's text: ws hands a frame over as one Buffer, a list of fragments, or an ArrayBuffer. */
function frameText(data: RawData): string {
	const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
	return bytes.toString('utf8');
}
