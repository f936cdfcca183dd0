/**
 * A response body read with a cap on its size, both as it comes over the wire
 * and after it is inflated (gzip, deflate or brotli, as Content-Encoding says),
 * counted while it streams: the request is aborted the moment either count
 * passes the cap, so no more than the cap (plus one zlib chunk, 16 KiB) is ever
 * held. A sub-KiB brotli body can inflate to gigabytes, and a body can be
 * endless; neither may be taken in whole.
 */
import {finished, Transform, Writable, type Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import zlib from 'node:zlib';

export {DEFAULT_MAX_BODY_MIB} from './defaults.js';

/** One MiB, in bytes: the unit of --max-body-mib. */
export const MIB = 1024 * 1024;

/**
 * A body passed the cap: `side` says which count did (the wire's, the inflated one, or the
 * Content-Length announced before any byte was read); `bytes` is that count so far.
 */
export class BodyTooLargeError extends Error {
	constructor(
		readonly side: 'announced' | 'wire' | 'inflated',
		readonly bytes: number,
		readonly limitBytes: number,
	) {
		super(`the response body passed ${limitBytes} bytes (${side})`);
		this.name = 'BodyTooLargeError';
	}
}

/** Content-Encoding names nobody can inflate here; the body is refused instead of misread as JSON. */
export class UnknownEncodingError extends Error {
	constructor(readonly encoding: string) {
		super(`unsupported Content-Encoding ${encoding}`);
		this.name = 'UnknownEncodingError';
	}
}

/**
 * The response headers that shape the reading: Content-Length (a body announced over the cap is refused unread) and
 * Content-Encoding.
 */
export type BodyHeaders = {contentLength: string | undefined; contentEncoding: string | undefined};

/** The body so far and how many bytes came over the wire, for a message when the stream fails mid-way. */
export type BodyProgress = {wireBytes: number};

function inflater(encoding: string): Transform | undefined {
	// Sloppy ends are tolerated as browsers and got do: a body cut short surfaces as the socket's error, not zlib's.
	const options = {finishFlush: zlib.constants.Z_SYNC_FLUSH};
	switch (encoding) {
		case '':
		case 'identity': {
			return undefined;
		}

		case 'gzip':
		case 'x-gzip': {
			return zlib.createGunzip(options);
		}

		case 'deflate': {
			return zlib.createInflate(options);
		}

		case 'br': {
			return zlib.createBrotliDecompress({finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH});
		}

		default: {
			throw new UnknownEncodingError(encoding);
		}
	}
}

/**
 * The whole body of `stream` (the raw bytes of a response: Node's IncomingMessage, or got's stream with
 * `decompress: false`), inflated per its Content-Encoding, at most `limitBytes` (bytes) on either side.
 * @param progress updated as bytes arrive, so a caller can say how far a failed body got.
 * @throws BodyTooLargeError when either count passes the cap (the stream is destroyed, aborting the request);
 * UnknownEncodingError for an encoding other than gzip, x-gzip, deflate, br or identity;
 * else whatever the stream or zlib throws (a socket cut mid-body, a corrupt compressed body).
 */
export async function readBoundedBody(
	stream: Readable,
	headers: BodyHeaders,
	limitBytes: number,
	progress: BodyProgress = {wireBytes: 0},
): Promise<Uint8Array> {
	// Only one coding is understood; a stacked one ("gzip, br") is refused as unknown rather than half-inflated.
	let decoder: Transform | undefined;
	try {
		const announced = Number(headers.contentLength);
		if (headers.contentLength !== undefined && Number.isSafeInteger(announced) && announced > limitBytes) {
			throw new BodyTooLargeError('announced', announced, limitBytes);
		}

		decoder = inflater((headers.contentEncoding ?? '').trim().toLowerCase());
	} catch (error) {
		stream.destroy();
		throw error;
	}

	if (!decoder) return readPlain(stream, limitBytes, progress);
	const wire = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			progress.wireBytes += chunk.length;
			callback(
				progress.wireBytes > limitBytes ? new BodyTooLargeError('wire', progress.wireBytes, limitBytes) : null,
				chunk,
			);
		},
	});
	const chunks: Buffer[] = [];
	let inflated = 0;
	const sink = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			inflated += chunk.length;
			if (inflated > limitBytes) {
				callback(new BodyTooLargeError('inflated', inflated, limitBytes));
				return;
			}

			chunks.push(chunk);
			callback();
		},
	});
	await (decoder ? pipeline(stream, wire, decoder, sink) : pipeline(stream, wire, sink));
	return Buffer.concat(chunks, inflated);
}

/**
 * A body without Content-Encoding (most): the chunks as they come, counted and capped, without a
 * pipeline (whose clean-up builds an AbortError, stack trace and all, for every response).
 * Settles as pipeline did: the stream's own error, a premature close, or the cap (the stream destroyed).
 */
async function readPlain(stream: Readable, limitBytes: number, progress: BodyProgress): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let settled = false;
		const onData = (chunk: Buffer) => {
			progress.wireBytes += chunk.length;
			if (progress.wireBytes > limitBytes) {
				settled = true;
				stream.off('data', onData);
				stream.destroy();
				reject(new BodyTooLargeError('wire', progress.wireBytes, limitBytes));
				return;
			}

			chunks.push(chunk);
		};

		stream.on('data', onData);
		finished(stream, {readable: true, writable: false}, error => {
			if (settled) return;
			settled = true;
			if (error) {
				stream.destroy();
				reject(error);
			} else {
				resolve(Buffer.concat(chunks, progress.wireBytes));
			}
		});
	});
}
