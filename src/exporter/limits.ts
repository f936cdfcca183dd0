/**
 * How much of the exporter one client may hold, written once. A scrape is served from the body
 * rendered once per poll (exposition.ts), so a slot is held only while bytes go out; these bound
 * the clients that send or read slowly, or never.
 */
export type ExporterLimits = {
	/** Connections open at once; one more is answered 503 at once and closed. */
	maxConnections: number;
	/**
	 * A request's headers must have arrived within this (ms), else 408 and the socket closes (node:http's
	 * headersTimeout).
	 */
	headersTimeoutMs: number;
	/** A whole request must have arrived within this (ms); node:http's requestTimeout. */
	requestTimeoutMs: number;
	/**
	 * A socket with no bytes either way for this long (ms) is closed: a client that stops reading its scrape included.
	 */
	idleTimeoutMs: number;
	/** How often node:http checks the two request timeouts (ms): their resolution. */
	checkIntervalMs: number;
};

/**
 * 128 connections: ten Prometheus servers scraping each other's exporters are a handful of
 * keep-alive connections; 100 parallel scrapes plus a probe still fit. 10 s for headers and 30 s
 * of silence are far beyond any scraper on a network that works (Prometheus's own scrape timeout
 * defaults to 10 s).
 */
export const EXPORTER_LIMITS: ExporterLimits = {
	maxConnections: 128,
	headersTimeoutMs: 10_000,
	requestTimeoutMs: 15_000,
	idleTimeoutMs: 30_000,
	checkIntervalMs: 1000,
};
