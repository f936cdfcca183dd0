/**
 * The one place a demo-server response is written. Every status, body and
 * header goes through here, including the broken ones of fault injection
 * (slow, missing, cut short, not JSON), so the routes stay a pure function.
 */
import type {ServerResponse} from 'node:http';
import {writeEndless} from './fault-bodies.js';

export type Reply = {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
};

/** How a request is answered: a reply, or one of the ways a real server fails to give one. */
export type Delivery =
	| {kind: 'reply'; reply: Reply}
	/** A body that is not JSON, such as a proxy's maintenance page; `headers` such as a redirect's Location. */
	| {kind: 'text'; status: number; contentType: string; text: string; headers?: Record<string, string>}
	/** A compressed body sent as it is, with its Content-Encoding (a decompression bomb); made when asked. */
	| {kind: 'encoded'; encoding: string; body: () => Promise<Buffer>}
	/** A 200 JSON body that never ends. */
	| {kind: 'endless'}
	/** The reply's full Content-Length is announced, half the body sent, then the socket ends. */
	| {kind: 'truncated'; reply: Reply}
	/** `then` is asked only when the time is up, so the answer is as fresh as a slow server's. */
	| {kind: 'delayed'; ms: number; then: () => Delivery}
	/** No answer at all; the socket stays open until the client gives up or the server closes. */
	| {kind: 'hang'}
	/** The socket is reset without a response. */
	| {kind: 'reset'};

/** 1xx, 204 and 304 responses carry no body; node:http would drop it but keep a wrong Content-Length. */
function bodyless(status: number): boolean {
	return status < 200 || status === 204 || status === 304;
}

export function respond(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	if (bodyless(status)) {
		res.writeHead(status, headers);
		res.end();
		return;
	}

	const payload = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': String(Buffer.byteLength(payload)),
		...headers,
	});
	res.end(payload);
}

function truncated(res: ServerResponse, reply: Reply, headers: Record<string, string>): void {
	const payload = Buffer.from(JSON.stringify(reply.body));
	res.writeHead(reply.status, {
		'content-type': 'application/json',
		'content-length': String(payload.length),
		...headers,
		...reply.headers,
	});
	// End the socket, not the response: the client must see a body shorter than announced.
	res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.end());
}

/**
 * Writes a delivery; `date` is read when the headers go out, so a delayed answer carries its own
 * time. Never throws: a reply that cannot be written (JSON.stringify of a record nested past the
 * stack, issue 17) becomes the platform's 500 for this request alone, or, once headers are out,
 * a closed socket; the server goes on serving everyone else.
 */
export function deliver(res: ServerResponse, delivery: Delivery, date: () => string): void {
	try {
		write(res, delivery, date);
	} catch (error) {
		if (res.headersSent) {
			res.destroy();
			return;
		}

		const message = error instanceof Error ? error.message : String(error);
		try {
			respond(
				res,
				500,
				{errorCode: 'internal_error', message: `The response could not be written: ${message}`},
				{date: date()},
			);
		} catch {
			res.destroy();
		}
	}
}

function write(res: ServerResponse, delivery: Delivery, date: () => string): void {
	switch (delivery.kind) {
		case 'reply': {
			respond(res, delivery.reply.status, delivery.reply.body, {date: date(), ...delivery.reply.headers});
			return;
		}

		case 'text': {
			res.writeHead(delivery.status, {
				'content-type': delivery.contentType,
				'content-length': String(Buffer.byteLength(delivery.text)),
				date: date(),
				...delivery.headers,
			});
			res.end(delivery.text);
			return;
		}

		case 'encoded': {
			delivery.body().then(
				body => {
					if (res.destroyed) return;
					res.writeHead(200, {
						'content-type': 'application/json',
						'content-encoding': delivery.encoding,
						'content-length': String(body.length),
						date: date(),
					});
					res.end(body);
				},
				() => res.socket?.resetAndDestroy(),
			);
			return;
		}

		case 'endless': {
			writeEndless(res, date());
			return;
		}

		case 'truncated': {
			truncated(res, delivery.reply, {date: date()});
			return;
		}

		case 'delayed': {
			const timer = setTimeout(() => deliver(res, delivery.then(), date), delivery.ms);
			// A client that gives up, or a server that closes, must not leave the timer to write into a dead socket.
			res.once('close', () => clearTimeout(timer));
			return;
		}

		case 'hang': {
			return;
		}

		case 'reset': {
			res.socket?.resetAndDestroy();
			return;
		}
	}
}

export function errorReply(
	status: number,
	errorCode: string,
	message: string,
	headers?: Record<string, string>,
): Reply {
	return headers ? {status, body: {errorCode, message}, headers} : {status, body: {errorCode, message}};
}
