/**
 * An HTTP answer that is not the API's, or a body that did not arrive whole, as
 * an ApiError whose one line says what came back: a redirect (never followed,
 * since the key would go along) and where to; a page that is not the API's
 * (HTML, or JSON not of its error shape: a proxy or filter page), which wins
 * over what its status would mean, so a proxy's 403 is not "your key"; a body
 * cut off, or past --max-body-mib. A redirect's Location is shown without
 * credentials or query (either may hold a secret).
 */
import {BodyTooLargeError, MIB, UnknownEncodingError} from './body.js';
import {ApiError} from './errors.js';
import type {ProxySelection} from './proxy.js';
import {fromRequestError, type RequestContext} from './request-errors.js';
import {sanitizeText} from './sanitize.js';

type HeaderValue = string | string[] | undefined;

/** The first value of a header that may repeat. */
export function first(value: HeaderValue): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** The statuses that redirect (RFC 9110 15.4; 304 is a cache answer, not one). */
export const REDIRECTS: ReadonlySet<number> = new Set([300, 301, 302, 303, 307, 308]);

/** application/json or any +json type (problem+json); an absent type is judged by the body alone. */
export function isJsonType(contentType: string | undefined): boolean {
	const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
	return type === 'application/json' || type.endsWith('+json');
}

/**
 * Whether a response is the API's own. Source: letta-environments-api.md ("Errors and limits"): errors are
 * JSON objects with `errorCode`/`message` (429: `error`), and FastAPI's `detail` is kept for the self-hosted
 * server; successes are JSON (their shape is parse.ts's business). A declared non-JSON type (text/html) is
 * never the API's, whatever the body.
 */
export function isLettaAnswer(status: number, contentType: string | undefined, body: unknown): boolean {
	if (contentType !== undefined && contentType.trim() !== '' && !isJsonType(contentType)) {
		return false;
	}

	if (body === undefined) {
		return false;
	}

	if (status < 300) {
		return true;
	}

	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return false;
	}

	const fields = body as Record<string, unknown>;
	return ['errorCode', 'message', 'error', 'detail'].some(
		name => typeof fields[name] === 'string' || (name === 'detail' && Array.isArray(fields[name])),
	);
}

/** A response that is not the API's, e.g. a transparent proxy's HTML block page. */
export function notLettaError(status: number, contentType: string | undefined, proxy: ProxySelection): ApiError {
	const type = sanitizeText((contentType ?? 'no content type').split(';')[0]!.trim() || 'no content type', 60);
	const who =
		proxy.kind === 'proxy'
			? `likely the proxy ${proxy.display} (${proxy.variable}) itself, e.g. it could not reach the host or blocks it`
			: 'a proxy or filter between here and the API may be answering; check --base-url and the network';
	return new ApiError('not-letta', `not a Letta API response: looks like a proxy or filter page (${type})`, {
		status,
		hint: who,
	});
}

/** A 3xx, never followed: where it points, credentials and query dropped, and what to do if that is right. */
export function redirectError(
	response: {statusCode: number; headers: Record<string, HeaderValue>},
	baseUrl: string,
): ApiError {
	const location = first(response.headers.location);
	let where = 'nowhere (no Location header)';
	if (location) {
		try {
			const target = new URL(location, `${baseUrl}/`);
			target.search = '';
			target.hash = '';
			target.username = '';
			target.password = '';
			where = sanitizeText(target.href, 200);
		} catch {
			where = 'an address that is not a URL';
		}
	}

	return new ApiError(
		'redirect',
		`the API answered with a redirect to ${where}, which is not followed (the key would go along)`,
		{
			status: response.statusCode,
			hint: 'point --base-url at it if you trust it',
		},
	);
}

/** A byte count as a person reads it: 900 bytes, 1.6 KiB, 32 MiB. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < MIB) return `${(bytes / 1024).toFixed(1)} KiB`;
	return `${Number((bytes / MIB).toFixed(1))} MiB`;
}

const SIZE_HINT = '--max-body-mib N raises it, if the API really sends pages that large';

/** The ApiError for a body that failed after the status and headers came: `wireBytes` had arrived by then. */
export function fromBodyError(
	error: unknown,
	status: number,
	wireBytes: number,
	context: RequestContext,
	limitBytes: number,
): ApiError {
	if (error instanceof BodyTooLargeError) {
		const limit = formatBytes(limitBytes);
		const message =
			error.side === 'announced'
				? `the response body is ${formatBytes(error.bytes)} (Content-Length), over the ${limit} limit; it was not read`
				: error.side === 'wire'
					? `the response body passed the ${limit} limit and was still coming; the request was aborted`
					: `the response body inflated past the ${limit} limit from ${formatBytes(wireBytes)} on the wire (a decompression bomb?); the request was aborted`;
		return new ApiError('too-large', message, {status, hint: SIZE_HINT});
	}

	if (error instanceof UnknownEncodingError) {
		return new ApiError('not-letta', `not a Letta API response: ${sanitizeText(error.message, 80)}`, {
			status,
			hint: 'a proxy or filter may be answering; check --base-url',
		});
	}

	// The request's own timeout or abort (api/transport.ts), or the socket's timeout, while the body came.
	if (
		error instanceof Error &&
		(error.name === 'TimeoutError' ||
			error.name === 'AbortError' ||
			(error as NodeJS.ErrnoException).code === 'ETIMEDOUT')
	) {
		return fromRequestError(error, context);
	}

	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (typeof code === 'string' && code.startsWith('Z_')) {
		return new ApiError('not-letta', `the response body is not valid compressed data (${code})`, {
			status,
			hint: 'a proxy or filter may be answering; check --base-url',
		});
	}

	return new ApiError('truncated', `the response was cut off after ${wireBytes} bytes${code ? ` (${code})` : ''}`, {
		status,
	});
}
