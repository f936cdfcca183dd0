/**
 * The one place a demo-server response is written. Keeping every status, body
 * and header on this path means a fault-injection layer (slow replies, 429s,
 * broken bodies) can later be put here without touching the routes.
 */
import type {ServerResponse} from 'node:http';

export type Reply = {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
};

export function respond(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const payload = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': String(Buffer.byteLength(payload)),
		...headers,
	});
	res.end(payload);
}

export function errorReply(status: number, errorCode: string, message: string, headers?: Record<string, string>): Reply {
	return headers ? {status, body: {errorCode, message}, headers} : {status, body: {errorCode, message}};
}
