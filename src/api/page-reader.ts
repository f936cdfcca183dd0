/**
 * A poller's list pages read from their bodies' bytes, keeping every record whose bytes are exactly
 * the ones at the same place of the last pass: that record keeps its Connection without being
 * decoded, parsed, bounded, compared or sanitized again. Between two heartbeats most records come
 * back byte for byte, so a quiet poll decodes and parses only what changed (docs/performance.md,
 * "Issue 21: poll" and "Pages read as bytes").
 *
 * The answer is always parsePage's on JSON.parse of the whole body decoded (a property test holds
 * it to that): the same record bytes give the same Connection, and a page is taken only once the
 * rest of it (its skeleton, page-text.ts) and every changed record have parsed. Anything else
 * answers undefined and the caller decodes and parses the page whole, as before, its errors
 * included.
 */
import {Buffer} from 'node:buffer';
import type {Connection} from './connection.js';
import {pageSpans, skeleton} from './page-text.js';
import {cursorOf, hasNextPage, type ParsedPage, readItem} from './parse.js';
import {UTF8} from './utf8.js';

/**
 * One record of a pass: where its bytes are (`body[start..end)`, a page of the latest pass that listed it), and
 * what it was read as.
 */
type Entry = {body: Buffer; start: number; end: number; connection: Connection; cursor: string | null};

/**
 * Reads the pages of one pass after another. Holds the bodies of the last good pass's pages (about the size of
 * the fleet's JSON: 8.5 MB at 10 000 demo listeners, outside V8's heap) and what each record was read as, less the
 * records this pass has already read and found changed: their pages go as the pass goes, not at its end.
 */
export type PageReader = {
	/**
	 * A pass begins: its records count from 0. `reuse` and `strings` as parsePage's (the last
	 * snapshot's connections by row key; the pass's string pool).
	 */
	startPass(reuse: ReadonlyMap<string, Connection> | undefined, strings: Map<string, string> | undefined): void;
	/**
	 * The page `body` (a whole 2xx body's bytes, not to be written to after) read as
	 * parsePage(JSON.parse(new TextDecoder().decode(body)), reuse, strings) would, or undefined
	 * when it cannot say so (not the expected shape, not valid JSON): then parse it whole and tell
	 * `skipped`. Never throws.
	 */
	read(body: Uint8Array): ParsedPage | undefined;
	/** A page of `count` records was parsed whole: their places in the pass are kept empty. */
	skipped(count: number): void;
	/**
	 * The pass succeeded: its records' bytes are what the next pass compares with. A pass never ended is forgotten,
	 * but the records it found changed stay let go: the next pass reads those afresh.
	 */
	endPass(): void;
};

export function createPageReader(): PageReader {
	let previous: Array<Entry | undefined> = [];
	let current: Array<Entry | undefined> = [];
	let reuse: ReadonlyMap<string, Connection> | undefined;
	let strings: Map<string, string> | undefined;
	return {
		startPass(nextReuse, nextStrings) {
			current = [];
			reuse = nextReuse;
			strings = nextStrings;
		},
		read(bytes) {
			// A view, not a copy: Buffer's compare takes ranges of both sides without making either.
			const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
			const offset = current.length;
			const same = (before: Entry | undefined, start: number, end: number) =>
				before !== undefined &&
				end - start === before.end - before.start &&
				end <= body.length &&
				body.compare(before.body, before.start, before.end, start, end) === 0;
			// A record as it was last pass is found by comparing, not scanning: most of a page's bytes.
			const spans = pageSpans(body, (index, start) => {
				const before = previous[offset + index];
				if (!before) return -1;
				const end = start + before.end - before.start;
				return same(before, start, end) ? end : -1;
			});
			if (!spans) return undefined;
			let shape: unknown;
			try {
				shape = JSON.parse(skeleton(body, spans));
			} catch {
				return undefined;
			}

			const count = spans.starts.length;
			if (typeof shape !== 'object' || shape === null || Array.isArray(shape)) return undefined;
			const list = (shape as Record<string, unknown>)['connections'];
			// Each record's place holds the 0 put there: the records are the array JSON.parse would give.
			if (!Array.isArray(list) || list.length !== count || !list.every(value => value === 0)) return undefined;
			const entries: Entry[] = [];
			const connections: Connection[] = [];
			let lastId: string | null = null;
			for (let index = 0; index < count; index++) {
				const before = previous[offset + index];
				const start = spans.starts[index]!;
				const end = spans.ends[index]!;
				let entry: Entry;
				if (same(before, start, end)) {
					// The same bytes, now in this page: the last pass's page can go. Moved in place, so a pass that
					// fails after this still holds equal bytes for each record it names.
					entry = before!;
					entry.body = body;
					entry.start = start;
					entry.end = end;
				} else {
					let item: unknown;
					try {
						item = JSON.parse(UTF8.decode(body.subarray(start, end)));
					} catch {
						return undefined;
					}

					entry = {body, start, end, connection: readItem(item, reuse, strings), cursor: cursorOf(item)};
				}

				entries.push(entry);
				connections.push(entry.connection);
				lastId = entry.cursor ?? lastId;
			}

			for (let index = 0; index < count; index++) {
				// A place whose record changed lets the last pass's entry go: held to the pass's end, it kept that
				// page's whole body alive, and at 600 changes a minute nearly every page has one, so both passes'
				// bodies (8.5 MB each at 10 000) were alive at every pass's end. Compared with nothing, a record is
				// read afresh, which a changed one was anyway.
				if (previous[offset + index] !== entries[index]) previous[offset + index] = undefined;
				current.push(entries[index]);
			}

			return {connections, hasNextPage: hasNextPage(shape as Record<string, unknown>), lastId};
		},
		skipped(count) {
			const offset = current.length;
			for (let index = 0; index < count; index++) {
				previous[offset + index] = undefined;
				current.push(undefined);
			}
		},
		endPass() {
			previous = current;
			current = [];
			reuse = undefined;
			strings = undefined;
		},
	};
}
