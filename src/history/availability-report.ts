/**
 * The answer of `letta-fleet availability`, whoever computes it: the embedded history file or a
 * Prometheus that scrapes the exporter. "Availability" is the SRE term: the share of the observed
 * time a listener was online ("uptime" here already means a session's age, the UP column).
 */

/** One listener's share of a window, named as the API names it (never the session-local row key). */
export type ListenerAvailability = {
	/** The record's `id` as the API sent it. */
	id: string;
	deviceId: string | null;
	listenerInstanceId: string | null;
	connectionName: string;
	/** Online share of the observed time, 0 to 1; null when none of the window was observed. */
	availability: number | null;
	/** Stale share of the observed time (online socket, heartbeat older than the threshold), 0 to 1; null as above. */
	staleShare: number | null;
	/** Seconds of the window the monitor watched this listener; time nobody watched is unknown, not up or down. */
	observedSeconds: number;
	/** Times it went offline within the window. */
	disconnects: number;
	/** The longest offline stretch within the window, in seconds (observed time only). */
	longestOutageSeconds: number;
	/** The last time it was seen online, epoch ms; null if never. */
	lastSeenAt: number | null;
};

/** `availability --json` prints this with times as ISO strings: `{since, until, listeners: [...]}`. */
export type AvailabilityReport = {
	/** The window, epoch ms. */
	since: number;
	until: number;
	listeners: ListenerAvailability[];
	/**
	 * What the numbers cannot see, in words, for the table's footer and stderr of `--json` (for
	 * example: a disconnect shorter than Prometheus's scrape interval is missed).
	 */
	caveats: string[];
};
