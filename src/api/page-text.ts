/**
 * Where each record of a list page lies in the page's body, without decoding or parsing it: the
 * structural scan that lets api/page-reader.ts keep a record whose bytes are the ones it read last
 * pass, instead of decoding and parsing them again (most records, between two heartbeats).
 *
 * The scan reads UTF-8 bytes: every character JSON gives structure to is ASCII, and no byte of a
 * multi-byte UTF-8 sequence is, so a quote, bracket or comma byte is that character wherever it is.
 *
 * The scan trusts nothing it finds: it only proposes spans. api/page-reader.ts accepts them only
 * when the page with every span replaced by `0` (the skeleton) parses as JSON and every span is a
 * record that parses on its own; then the page is valid JSON and parses to the skeleton's value with
 * the spans' values in its `connections` (a value may stand wherever a value stands). Anything the
 * scan does not expect (an escaped or repeated top-level `connections` key, no such array) answers
 * undefined, and the page is parsed whole, as before.
 */
import {UTF8} from './utf8.js';

/** The records of one page: `starts[i]`..`ends[i]` (byte offsets, end exclusive) is the body of record i. */
export type PageSpans = {starts: number[]; ends: number[]};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const ZERO = 0x30;

/** The key whose array holds the records (the API reference: `{connections, hasNextPage}`), as bytes. */
const RECORDS_KEY = new TextEncoder().encode('connections');

/** JSON's whitespace (RFC 8259 §2): space, tab, line feed, carriage return; nothing else. */
function isSpace(code: number): boolean {
	return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function skipSpace(body: Uint8Array, index: number): number {
	while (index < body.length && isSpace(body[index]!)) index++;
	return index;
}

/** The byte at `index`, or -1 past the end (where a string's charCodeAt gives NaN). */
function at(body: Uint8Array, index: number): number {
	return index < body.length ? body[index]! : -1;
}

/**
 * The index after the string that opens at `index` (a quote), or -1 when it never closes. Jumps from
 * quote to quote with indexOf (native, and most of a record is strings); a quote after an odd run of
 * backslashes is escaped.
 */
function skipString(body: Uint8Array, index: number): number {
	let from = index + 1;
	for (;;) {
		const quote = body.indexOf(QUOTE, from);
		if (quote < 0) return -1;
		let before = quote - 1;
		while (body[before] === BACKSLASH) before--;
		if ((quote - 1 - before) % 2 === 0) return quote + 1;
		from = quote + 1;
	}
}

/**
 * The index after the value that starts at `index`, or -1. Containers are skipped by counting
 * brackets (no recursion, so no nesting overflows anything); a primitive runs to the next
 * structural character or space. Validity is left to JSON.parse (above).
 */
function skipValue(body: Uint8Array, index: number): number {
	const code = at(body, index);
	if (code === QUOTE) return skipString(body, index);
	if (code !== OPEN_BRACE && code !== OPEN_BRACKET) {
		let end = index;
		for (; end < body.length; end++) {
			const next = body[end]!;
			if (next === COMMA || next === CLOSE_BRACKET || next === CLOSE_BRACE || isSpace(next)) break;
		}

		return end > index ? end : -1;
	}

	let depth = 0;
	for (let end = index; end < body.length; end++) {
		const next = body[end]!;
		if (next === QUOTE) {
			end = skipString(body, end) - 1;
			if (end < 0) return -1;
		} else if (next === OPEN_BRACE || next === OPEN_BRACKET) {
			depth++;
		} else if ((next === CLOSE_BRACE || next === CLOSE_BRACKET) && --depth === 0) {
			return end + 1;
		}
	}

	return -1;
}

/**
 * Where a caller expects record `index` (0-based in the page) that starts at `start` to end: the index after the
 * bytes of a record it knows, when the page has those bytes there, else -1. A guess needs no scan; it is taken only
 * when a comma or the array's end follows it, and vouched for like any span (the skeleton and the record parse,
 * above).
 */
export type SpanGuess = (index: number, start: number) => number;

/** The index after the element at `at` when a comma or the array's end follows it, else -1. */
function elementEnd(body: Uint8Array, end: number): number {
	if (end < 0) return -1;
	const code = at(body, skipSpace(body, end));
	return code === COMMA || code === CLOSE_BRACKET ? end : -1;
}

/** The elements of the array that opens at `index`: pushed to `spans`; returns the index after it, or -1. */
function scanRecords(body: Uint8Array, index: number, spans: PageSpans, guess: SpanGuess | undefined): number {
	let start = skipSpace(body, index + 1);
	if (at(body, start) === CLOSE_BRACKET) return start + 1;
	for (;;) {
		const guessed = guess ? elementEnd(body, guess(spans.starts.length, start)) : -1;
		const end = guessed >= 0 ? guessed : skipValue(body, start);
		if (end < 0) return -1;
		spans.starts.push(start);
		spans.ends.push(end);
		start = skipSpace(body, end);
		const code = at(body, start);
		if (code === CLOSE_BRACKET) return start + 1;
		if (code !== COMMA) return -1;
		start = skipSpace(body, start + 1);
	}
}

/** Whether `body[from..to)` holds exactly `key`'s bytes. */
function isKey(body: Uint8Array, from: number, to: number, key: Uint8Array): boolean {
	if (to - from !== key.length) return false;
	for (let index = 0; index < key.length; index++) if (body[from + index] !== key[index]) return false;
	return true;
}

/**
 * The spans of the records of a page's body (UTF-8 of `{"connections": [...], ...}`), or undefined when
 * the body is not a top-level object with exactly one `connections` key, written without escapes, holding an
 * array (a byte-order mark, which JSON.parse would not take either, answers undefined). Linear in the body,
 * allocation only for the two offset arrays; never throws. `guess` spares the scan of a record whose bytes the
 * caller expects there.
 */
export function pageSpans(body: Uint8Array, guess?: SpanGuess): PageSpans | undefined {
	let index = skipSpace(body, 0);
	if (at(body, index) !== OPEN_BRACE) return undefined;
	index = skipSpace(body, index + 1);
	let spans: PageSpans | undefined;
	if (at(body, index) === CLOSE_BRACE) return undefined;
	for (;;) {
		if (at(body, index) !== QUOTE) return undefined;
		const keyEnd = skipString(body, index);
		if (keyEnd < 0) return undefined;
		// Compared byte for byte, so an escape that spells the key another way ("connection\u0073") is some other
		// key, and JSON.parse would read it as this one: such a page is parsed whole.
		const keyStart = index + 1;
		if (body.subarray(keyStart, keyEnd - 1).includes(BACKSLASH)) return undefined;
		const isRecords = isKey(body, keyStart, keyEnd - 1, RECORDS_KEY);
		index = skipSpace(body, keyEnd);
		if (at(body, index) !== COLON) return undefined;
		index = skipSpace(body, index + 1);
		if (isRecords) {
			// JSON.parse keeps the last of repeated keys; rather than follow it, parse such a page whole.
			if (spans || at(body, index) !== OPEN_BRACKET) return undefined;
			spans = {starts: [], ends: []};
			index = scanRecords(body, index, spans, guess);
		} else {
			index = skipValue(body, index);
		}

		if (index < 0) return undefined;
		index = skipSpace(body, index);
		const code = at(body, index);
		if (code === CLOSE_BRACE) break;
		if (code !== COMMA) return undefined;
		index = skipSpace(body, index + 1);
	}

	return skipSpace(body, index + 1) === body.length ? spans : undefined;
}

/**
 * The page's body with every record span replaced by `0`, decoded as the whole body would be (api/utf8.ts): what
 * JSON.parse checks the rest of the page on.
 */
export function skeleton(body: Uint8Array, spans: PageSpans): string {
	const count = spans.starts.length;
	let length = body.length + count;
	for (let index = 0; index < count; index++) length -= spans.ends[index]! - spans.starts[index]!;
	const bytes = new Uint8Array(length);
	let written = 0;
	let from = 0;
	// Byte by byte: what lies between records is a comma or a little space, and a view of each would be an object.
	for (let index = 0; index <= count; index++) {
		const to = index < count ? spans.starts[index]! : body.length;
		while (from < to) bytes[written++] = body[from++]!;
		if (index === count) break;
		bytes[written++] = ZERO;
		from = spans.ends[index]!;
	}

	return UTF8.decode(bytes);
}
