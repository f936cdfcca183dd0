/**
 * Where each record of a list page lies in the page's text, without parsing it: the structural
 * scan that lets api/page-reader.ts keep a record whose text is byte-for-byte the one it read last
 * pass, instead of parsing it again (most records, between two heartbeats).
 *
 * The scan trusts nothing it finds: it only proposes spans. api/page-reader.ts accepts them only
 * when the page with every span replaced by `0` (the skeleton) parses as JSON and every span is a
 * text that parses on its own; then the page is valid JSON and parses to the skeleton's value with
 * the spans' values in its `connections` (a value may stand wherever a value stands). Anything the
 * scan does not expect (an escaped or repeated top-level `connections` key, no such array) answers
 * undefined, and the page is parsed whole, as before.
 */

/** The records of one page: `starts[i]`..`ends[i]` (UTF-16 offsets, end exclusive) is the text of record i. */
export type PageSpans = {starts: number[]; ends: number[]};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The key whose array holds the records (the API reference: `{connections, hasNextPage}`). */
const RECORDS_KEY = 'connections';

/** JSON's whitespace (RFC 8259 §2): space, tab, line feed, carriage return; nothing else. */
function isSpace(code: number): boolean {
	return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function skipSpace(text: string, index: number): number {
	while (index < text.length && isSpace(text.charCodeAt(index))) index++;
	return index;
}

/**
 * The index after the string that opens at `index` (a quote), or -1 when it never closes. Jumps from
 * quote to quote with indexOf (native, and most of a record is strings); a quote after an odd run of
 * backslashes is escaped.
 */
function skipString(text: string, index: number): number {
	let from = index + 1;
	for (;;) {
		const quote = text.indexOf('"', from);
		if (quote < 0) return -1;
		let before = quote - 1;
		while (text.charCodeAt(before) === BACKSLASH) before--;
		if ((quote - 1 - before) % 2 === 0) return quote + 1;
		from = quote + 1;
	}
}

/**
 * The index after the value that starts at `index`, or -1. Containers are skipped by counting
 * brackets (no recursion, so no nesting overflows anything); a primitive runs to the next
 * structural character or space. Validity is left to JSON.parse (above).
 */
function skipValue(text: string, index: number): number {
	const code = text.charCodeAt(index);
	if (code === QUOTE) return skipString(text, index);
	if (code !== OPEN_BRACE && code !== OPEN_BRACKET) {
		let at = index;
		for (; at < text.length; at++) {
			const next = text.charCodeAt(at);
			if (next === COMMA || next === CLOSE_BRACKET || next === CLOSE_BRACE || isSpace(next)) break;
		}

		return at > index ? at : -1;
	}

	let depth = 0;
	for (let at = index; at < text.length; at++) {
		const next = text.charCodeAt(at);
		if (next === QUOTE) {
			at = skipString(text, at) - 1;
			if (at < 0) return -1;
		} else if (next === OPEN_BRACE || next === OPEN_BRACKET) {
			depth++;
		} else if ((next === CLOSE_BRACE || next === CLOSE_BRACKET) && --depth === 0) {
			return at + 1;
		}
	}

	return -1;
}

/**
 * Where a caller expects record `index` (0-based in the page) that starts at `start` to end: the index after a
 * text it knows, when the page has that text there, else -1. A guess needs no scan; it is taken only when a comma
 * or the array's end follows it, and vouched for like any span (the skeleton and the record parse, above).
 */
export type SpanGuess = (index: number, start: number) => number;

/** The index after the element at `at` when a comma or the array's end follows it, else -1. */
function elementEnd(text: string, at: number, end: number): number {
	if (end < 0) return -1;
	const code = text.charCodeAt(skipSpace(text, end));
	return code === COMMA || code === CLOSE_BRACKET ? end : -1;
}

/** The elements of the array that opens at `index`: pushed to `spans`; returns the index after it, or -1. */
function scanRecords(text: string, index: number, spans: PageSpans, guess: SpanGuess | undefined): number {
	let at = skipSpace(text, index + 1);
	if (text.charCodeAt(at) === CLOSE_BRACKET) return at + 1;
	for (;;) {
		const guessed = guess ? elementEnd(text, at, guess(spans.starts.length, at)) : -1;
		const end = guessed >= 0 ? guessed : skipValue(text, at);
		if (end < 0) return -1;
		spans.starts.push(at);
		spans.ends.push(end);
		at = skipSpace(text, end);
		const code = text.charCodeAt(at);
		if (code === CLOSE_BRACKET) return at + 1;
		if (code !== COMMA) return -1;
		at = skipSpace(text, at + 1);
	}
}

/**
 * The spans of the records of a page's text (`{"connections": [...], ...}`), or undefined when the
 * text is not a top-level object with exactly one unescaped `connections` key holding an array.
 * Linear in the text, allocation only for the two offset arrays; never throws. `guess` spares the scan of a
 * record whose text the caller expects there.
 */
export function pageSpans(text: string, guess?: SpanGuess): PageSpans | undefined {
	let at = skipSpace(text, 0);
	if (text.charCodeAt(at) !== OPEN_BRACE) return undefined;
	at = skipSpace(text, at + 1);
	let spans: PageSpans | undefined;
	if (text.charCodeAt(at) === CLOSE_BRACE) return undefined;
	for (;;) {
		if (text.charCodeAt(at) !== QUOTE) return undefined;
		const keyEnd = skipString(text, at);
		if (keyEnd < 0) return undefined;
		// An escape could spell the key another way ("connection\u0073"): such a page is parsed whole.
		const key = text.slice(at + 1, keyEnd - 1);
		if (key.includes('\\')) return undefined;
		at = skipSpace(text, keyEnd);
		if (text.charCodeAt(at) !== COLON) return undefined;
		at = skipSpace(text, at + 1);
		if (key === RECORDS_KEY) {
			// JSON.parse keeps the last of repeated keys; rather than follow it, parse such a page whole.
			if (spans || text.charCodeAt(at) !== OPEN_BRACKET) return undefined;
			spans = {starts: [], ends: []};
			at = scanRecords(text, at, spans, guess);
		} else {
			at = skipValue(text, at);
		}

		if (at < 0) return undefined;
		at = skipSpace(text, at);
		const code = text.charCodeAt(at);
		if (code === CLOSE_BRACE) break;
		if (code !== COMMA) return undefined;
		at = skipSpace(text, at + 1);
	}

	return skipSpace(text, at + 1) === text.length ? spans : undefined;
}

/** The page's text with every record span replaced by `0`: what JSON.parse checks the rest of the page on. */
export function skeleton(text: string, spans: PageSpans): string {
	let result = '';
	let from = 0;
	for (let index = 0; index < spans.starts.length; index++) {
		result += text.slice(from, spans.starts[index]) + '0';
		from = spans.ends[index]!;
	}

	return result + text.slice(from);
}
