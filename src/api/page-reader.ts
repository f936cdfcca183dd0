/**
 * A poller's list pages read from their text, keeping every record whose text is exactly the one
 * at the same place of the last pass: that record keeps its Connection without being parsed,
 * bounded, compared or sanitized again. Between two heartbeats most records come back byte for
 * byte, so a quiet poll parses only what changed (docs/performance.md, "Issue 21: poll").
 *
 * The answer is always parsePage's on JSON.parse of the whole text (a property test holds it to
 * that): the same record text gives the same Connection, and a page is taken only once the rest of
 * it (its skeleton, page-text.ts) and every changed record have parsed. Anything else answers
 * undefined and the caller parses the page whole, as before, its errors included.
 */
import type {Connection} from './connection.js';
import {pageSpans, skeleton} from './page-text.js';
import {cursorOf, hasNextPage, type ParsedPage, readItem} from './parse.js';

/** One record of a pass: its text (a copy of its own, see ownCopy), and what it was read as. */
type Entry = {text: string; connection: Connection; cursor: string | null};

/**
 * Reads the pages of one pass after another. Holds the text of each record of the last good pass
 * (about the size of the fleet's JSON: 8.5 MB at 10 000 demo listeners) and what it was read as.
 */
export type PageReader = {
	/**
	 * A pass begins: its records count from 0. `reuse` and `strings` as parsePage's (the last
	 * snapshot's connections by row key; the pass's string pool).
	 */
	startPass(reuse: ReadonlyMap<string, Connection> | undefined, strings: Map<string, string> | undefined): void;
	/**
	 * The page `text` (a whole 2xx body, decoded) read as parsePage(JSON.parse(text), reuse,
	 * strings) would, or undefined when it cannot say so (not the expected shape, not valid JSON):
	 * then parse it whole and tell `skipped`. Never throws.
	 */
	read(text: string): ParsedPage | undefined;
	/** A page of `count` records was parsed whole: their places in the pass are kept empty. */
	skipped(count: number): void;
	/** The pass succeeded: its texts are what the next pass compares with. A pass never ended is forgotten. */
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
		read(text) {
			const offset = current.length;
			// A record as it was last pass is found by comparing, not scanning: most of a page's text.
			const spans = pageSpans(text, (index, start) => {
				const before = previous[offset + index];
				if (!before) return -1;
				const end = start + before.text.length;
				return text.slice(start, end) === before.text ? end : -1;
			});
			if (!spans) return undefined;
			let shape: unknown;
			try {
				shape = JSON.parse(skeleton(text, spans));
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
				// Compared whole: a memory compare in V8 (startsWith at an offset goes character by character).
				const piece = text.slice(spans.starts[index], spans.ends[index]);
				let entry: Entry;
				if (before?.text === piece) {
					entry = before;
				} else {
					let item: unknown;
					try {
						item = JSON.parse(piece);
					} catch {
						return undefined;
					}

					entry = {text: ownCopy(piece), connection: readItem(item, reuse, strings), cursor: cursorOf(item)};
				}

				entries.push(entry);
				connections.push(entry.connection);
				lastId = entry.cursor ?? lastId;
			}

			for (let index = 0; index < count; index++) current.push(entries[index]);
			return {connections, hasNextPage: hasNextPage(shape as Record<string, unknown>), lastId};
		},
		skipped(count) {
			for (let index = 0; index < count; index++) current.push(undefined);
		},
		endPass() {
			previous = current;
			current = [];
			reuse = undefined;
			strings = undefined;
		},
	};
}

/**
 * `piece` (a slice of a page's text) as a string that does not hold the page: V8 makes a long slice a view of
 * its parent, which would keep every page a kept record came from alive, pass after pass. Flattening a
 * concatenation copies the characters once (about the record's size).
 */
function ownCopy(piece: string): string {
	return ` ${piece}`.slice(1);
}
