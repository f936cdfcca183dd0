/**
 * One GET over Node's own HTTP client: `node:http`, or `node:https` for an https URL (loaded at the first such
 * request: a plain-http demo or loopback server needs no TLS). The body is left to the caller as the raw bytes that
 * came (api/body.ts inflates and caps them), no redirect is followed and nothing is retried (fleet/retry.ts decides).
 *
 * got sent these requests before. Its request (options cloned and merged from the instance's defaults, a Duplex
 * stream over the response, its timers and listeners) cost 2.4-2.8x the CPU of this one and a third of the live
 * view's idle CPU at 1 000 listeners, where a poll is 10 requests (docs/performance.md, "What got costs a poll";
 * `bench/transport-cost.ts`). The client already did the rest of what got would do for it itself.
 */
import http, {type Agent, type IncomingMessage, type OutgoingHttpHeaders} from 'node:http';

/** What sendGet needs besides the URL. */
export type GetOptions = {
	headers: OutgoingHttpHeaders;
	/** The proxy's agent for the URL's scheme (api/proxy.ts); Node's global keep-alive agent when undefined. */
	agent: Agent | undefined;
	/** Stops the request, or the body still coming, with RequestAbortedError. */
	signal: AbortSignal | undefined;
	/** How long the whole request may take, ms, from sending to the body's last byte. */
	timeoutMs: number;
};

/** A response as sendGet resolves it: Node always sets a client response's status code. */
export type HttpResponse = IncomingMessage & {statusCode: number};

/** The request took longer than its `timeoutMs` (ms), before its response or while its body came. */
export class RequestTimeoutError extends Error {
	readonly code = 'ETIMEDOUT';

	constructor(readonly timeoutMs: number) {
		super(`the request took more than ${timeoutMs} ms`);
		this.name = 'TimeoutError';
	}
}

/** The caller's AbortSignal stopped the request. */
export class RequestAbortedError extends Error {
	constructor() {
		super('request aborted');
		this.name = 'AbortError';
	}
}

let https: typeof import('node:https') | undefined;

/**
 * Sends GET `url` and resolves once the status and headers came, with the body unread (a stream the caller reads to
 * its end or destroys). Until the body ends, the timeout and the signal destroy it with their error, so its reader
 * fails with it.
 * @throws (rejects with) Node's error of a request that got no answer, its `code` as Node gives it (ECONNREFUSED,
 * ENOTFOUND, a TLS certificate's code, an HPE_ parse error…); RequestTimeoutError; RequestAbortedError; Node's
 * ERR_INVALID_CHAR for a header value that cannot be sent.
 */
export async function sendGet(url: URL, options: GetOptions): Promise<HttpResponse> {
	const client = url.protocol === 'https:' ? (https ??= await import('node:https')) : http;
	const {signal, timeoutMs} = options;
	if (signal?.aborted) throw new RequestAbortedError();
	return new Promise((resolve, reject) => {
		let response: IncomingMessage | undefined;
		const fail = (error: Error) => {
			// Before the response this rejects; after it, whoever reads the body sees the error.
			response?.destroy(error);
			request.destroy(error);
			reject(error);
		};

		const timer = setTimeout(() => fail(new RequestTimeoutError(timeoutMs)), timeoutMs);
		const onAbort = () => fail(new RequestAbortedError());
		const done = () => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
		};

		let request: http.ClientRequest;
		try {
			request = client.request(url, {method: 'GET', headers: options.headers, agent: options.agent}, incoming => {
				response = incoming;
				// Ended, or destroyed by its reader (a body over the cap) or by fail.
				incoming.once('close', done);
				resolve(incoming as HttpResponse);
			});
		} catch (error) {
			done();
			throw error;
		}

		signal?.addEventListener('abort', onAbort, {once: true});
		request.once('error', error => {
			done();
			reject(error);
		});
		request.end();
	});
}
