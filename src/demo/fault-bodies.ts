/**
 * The bodies of the hostile-transport faults (bomb, endless, html, redirect):
 * what a broken or malicious server, or a proxy the client was not told about,
 * sends instead of the API's answer. Kept apart from the record-level faults so
 * a client's size caps and error wording can be tested over a real socket.
 */
import type {ServerResponse} from 'node:http';
import zlib from 'node:zlib';

/** How far a bomb inflates: 1 GiB, of JSON whitespace after an opening `{"connections": [`. */
export const BOMB_INFLATED_BYTES = 1024 * 1024 * 1024;

const MIB = 1024 * 1024;
const OPENING = Buffer.from('{"connections": [');
const bombs = new Map<'gzip' | 'br', Promise<Buffer>>();

/**
 * gzip: one member per MiB (gzip's ratio tops out near 1000:1, and concatenated members are
 * one valid body, RFC 1952 2.2), about 1 MB in all. Brotli has no such ceiling: one stream, about
 * 2 KB, made off the event loop (zlib's thread pool) in a few seconds the first time, then kept.
 */
async function makeBomb(encoding: 'gzip' | 'br'): Promise<Buffer> {
	const spaces = Buffer.alloc(MIB, 0x20);
	if (encoding === 'gzip') {
		const member = zlib.gzipSync(spaces, {level: 9});
		const members = Array.from({length: BOMB_INFLATED_BYTES / MIB}, () => member);
		return Buffer.concat([zlib.gzipSync(OPENING), ...members]);
	}

	const compressor = zlib.createBrotliCompress({
		params: {
			[zlib.constants.BROTLI_PARAM_QUALITY]: 5,
			[zlib.constants.BROTLI_PARAM_SIZE_HINT]: BOMB_INFLATED_BYTES,
		},
	});
	const chunks: Buffer[] = [];
	compressor.on('data', (chunk: Buffer) => chunks.push(chunk));
	const ended = new Promise<void>((resolve, reject) => {
		compressor.once('end', resolve);
		compressor.once('error', reject);
	});
	compressor.write(OPENING);
	for (let written = 0; written < BOMB_INFLATED_BYTES; written += MIB) {
		if (!compressor.write(spaces)) {
			await new Promise(resolve => compressor.once('drain', resolve));
		}
	}

	compressor.end();
	await ended;
	return Buffer.concat(chunks);
}

/** The compressed bomb for `encoding`, made once per process. */
export function bombBody(encoding: 'gzip' | 'br'): Promise<Buffer> {
	let bomb = bombs.get(encoding);
	if (!bomb) {
		bomb = makeBomb(encoding);
		bombs.set(encoding, bomb);
	}

	return bomb;
}

const RECORD = Buffer.from('{"id":"endless","connectionName":"endless","deviceId":"endless"},'.repeat(256));

/**
 * A 200 JSON body that never ends: chunked, a list opened and records written as fast as the client
 * reads them (back-pressure respected), until the client or the server closes the socket.
 */
export function writeEndless(res: ServerResponse, date: string): void {
	res.writeHead(200, {'content-type': 'application/json', date});
	res.write(OPENING);
	const pump = () => {
		while (!res.destroyed && !res.writableEnded) {
			if (!res.write(RECORD)) {
				res.once('drain', pump);
				return;
			}
		}
	};

	pump();
}

/** A transparent corporate proxy's block page, as such products send it (HTML whatever the status). */
export const BLOCK_PAGE =
	'<!DOCTYPE html>\n<html><head><title>Access Denied</title></head>\n' +
	"<body><h1>Access Denied</h1><p>The requested URL has been blocked by your organization's web filter " +
	'(category: Uncategorized). Contact your IT helpdesk.</p><hr><p>Web Gateway</p></body></html>\n';

/** Where the redirect fault points: another host, with credentials and a query to prove neither is shown. */
export const REDIRECT_LOCATION = 'https://sso-user:sso-secret@login.elsewhere.example/v1/environments?session=abc123';
