/**
 * How many records to ask for per page. The server's largest `limit` is not
 * documented (reference: "GET /v1/environments"), and every page is one
 * request against a rate limit, so a session asks for big pages and learns
 * the server's cap: a page shorter than asked that says there are more is the
 * cap; a 400 for the size asked halves it. What was learned holds for the
 * session. `--page-size` (a flag or the config file) forces a size instead.
 */

/** The most a page asks for: the bound --page-size accepts. */
export const MAX_PAGE_SIZE = 1000;

/** `size`: records asked for per page; `forced`: a person chose it, so nothing is learned. */
export type PageSizing = {size: number; forced: boolean};

/** Big pages, shrunk to what the server allows. */
export function learnedPageSizing(): PageSizing {
	return {size: MAX_PAGE_SIZE, forced: false};
}

/** Exactly `size`, as --page-size asks. */
export function forcedPageSizing(size: number): PageSizing {
	return {size, forced: true};
}

/** After a page of `received` records asked with `asked`: a short page with more to come is the server's cap. */
export function sizingAfterPage(sizing: PageSizing, asked: number, received: number, hasNextPage: boolean): PageSizing {
	if (sizing.forced || !hasNextPage || received === 0 || received >= asked) {
		return sizing;
	}

	return {size: Math.min(sizing.size, received), forced: false};
}

/** After a 400 for a page of `asked`: half as much, or null when there is nothing to learn (a forced size, or 1). */
export function sizingAfterRejected(sizing: PageSizing, asked: number): PageSizing | null {
	if (sizing.forced || asked <= 1) {
		return null;
	}

	return {size: Math.max(1, Math.floor(asked / 2)), forced: false};
}
