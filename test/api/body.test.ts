/**
 * The capped body reader: each encoding inflated, both counts capped while
 * the body streams (the source is stopped, not drained), and what it refuses.
 */
import {Readable} from 'node:stream';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {BodyTooLargeError, readBoundedBody, UnknownEncodingError} from '../../src/api/body.js';
import {keyProblem} from '../../src/api/key-check.js';

const TEXT = Buffer.from(
	JSON.stringify({connections: Array.from({length: 200}, (_, index) => ({id: `env-${index}`}))}),
);
const headers = (contentEncoding?: string, contentLength?: number) => ({
	contentEncoding,
	contentLength: contentLength === undefined ? undefined : String(contentLength),
});

/** A source of `chunks`, counting how many were pulled from it. */
function source(chunks: Buffer[]): {stream: Readable; pulled: () => number} {
	let pulled = 0;
	const stream = new Readable({
		read() {
			const next = chunks[pulled++];
			this.push(next ?? null);
		},
	});
	return {stream, pulled: () => pulled};
}

/** A source that never ends: 64 KiB chunks of `byte` for as long as it is read. */
function endless(byte = 0x20): {stream: Readable; pulled: () => number} {
	let pulled = 0;
	const chunk = Buffer.alloc(64 * 1024, byte);
	return {
		stream: new Readable({
			read() {
				pulled++;
				this.push(chunk);
			},
		}),
		pulled: () => pulled,
	};
}

describe('readBoundedBody', () => {
	for (const [encoding, compress] of [
		[undefined, (data: Buffer) => data],
		['identity', (data: Buffer) => data],
		['gzip', zlib.gzipSync],
		['x-gzip', zlib.gzipSync],
		['deflate', zlib.deflateSync],
		['br', zlib.brotliCompressSync],
	] as const) {
		it(`reads a ${encoding ?? 'plain'} body whole`, async () => {
			const body = await readBoundedBody(source([compress(TEXT)]).stream, headers(encoding), 1024 * 1024);
			expect(Buffer.from(body).equals(TEXT)).toBe(true);
		});
	}

	it('takes a body of exactly the limit, refuses one byte more', async () => {
		await expect(readBoundedBody(source([TEXT]).stream, headers(), TEXT.length)).resolves.toHaveLength(TEXT.length);
		await expect(readBoundedBody(source([TEXT]).stream, headers(), TEXT.length - 1)).rejects.toMatchObject({
			side: 'wire',
		});
	});

	it('stops an endless body at the limit, without reading on', async () => {
		const {stream, pulled} = endless();
		const error = await readBoundedBody(stream, headers(), 1024 * 1024).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(BodyTooLargeError);
		expect(error).toMatchObject({side: 'wire', limitBytes: 1024 * 1024});
		expect(stream.destroyed).toBe(true);
		// 1 MiB is 16 chunks; a few more may be buffered in the pipe, never the rest of the stream.
		expect(pulled()).toBeLessThan(40);
	});

	it('stops a bomb at the inflated limit, having read a sliver of it', async () => {
		const member = zlib.gzipSync(Buffer.alloc(1024 * 1024, 0x20), {level: 9});
		const {stream, pulled} = source(Array.from({length: 1024}, () => member));
		const error = await readBoundedBody(stream, headers('gzip'), 8 * 1024 * 1024).catch(
			(caught: unknown) => caught,
		);
		expect(error).toMatchObject({side: 'inflated'});
		// Counted chunk by chunk: refused within one zlib chunk (16 KiB) of the limit, the rest never pulled.
		expect((error as BodyTooLargeError).bytes).toBeLessThanOrEqual(8 * 1024 * 1024 + 16 * 1024);
		expect(pulled()).toBeLessThan(512);
	});

	it('refuses a Content-Length over the limit without reading a byte', async () => {
		const {stream, pulled} = source([TEXT]);
		await expect(readBoundedBody(stream, headers(undefined, 10_000_000), 1024 * 1024)).rejects.toMatchObject({
			side: 'announced',
			bytes: 10_000_000,
		});
		expect(pulled()).toBe(0);
	});

	it('refuses an encoding it cannot inflate, stacked ones too', async () => {
		for (const encoding of ['zstd', 'gzip, br', 'compress']) {
			await expect(readBoundedBody(source([TEXT]).stream, headers(encoding), 1024 * 1024)).rejects.toBeInstanceOf(
				UnknownEncodingError,
			);
		}
	});
});

describe('keyProblem', () => {
	it('takes printable ASCII keys, and says what and where is wrong otherwise, never the character', () => {
		expect(keyProblem('sk-let-ABC_123.xyz~+/=')).toBeUndefined();
		expect(keyProblem('sk let')).toBe('it holds whitespace at position 3 of 6');
		expect(keyProblem('sk-let\u00A0x')).toBe('it holds whitespace at position 7 of 8');
		expect(keyProblem('sk-\r\nlet')).toBe('it holds whitespace at position 4 of 8');
		expect(keyProblem('sk-\u0000')).toBe('it holds a control character at position 4 of 4');
		expect(keyProblem('sk-\u200Bx')).toBe('it holds a non-ASCII character at position 4 of 5');
		expect(keyProblem('sk-😀')).toBe('it holds a non-ASCII character at position 4 of 4');
	});
});
