/**
 * Letta Code versions as numbers, for the "older than the fleet's newest" alert: PromQL cannot
 * compare version strings, so the exporter says how many minor versions each listener is behind.
 */

/** A version's major, minor and patch; prerelease and build suffixes are ignored. */
export type Version = {major: number; minor: number; patch: number};

/** `0.32.18`, `v0.32.18-beta.1` → its numbers; null for anything else (missing, drifted). */
export function parseVersion(text: string | null): Version | null {
	const match = text === null ? null : /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
	return match ? {major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3])} : null;
}

/** The newest readable version among `versions`, or null when none is readable. */
export function newestVersion(versions: Iterable<string | null>): Version | null {
	let newest: Version | null = null;
	for (const text of versions) {
		const version = parseVersion(text);
		if (version && (!newest || compare(version, newest) > 0)) newest = version;
	}

	return newest;
}

/**
 * Minor versions from `version` up to `newest`: 0.30.x against 0.32.y is 2. A major version
 * counts as 1000 minors, so any listener a major behind is far past every sane threshold.
 * Null when either is unreadable.
 */
export function minorVersionsBehind(text: string | null, newest: Version | null): number | null {
	const version = parseVersion(text);
	if (!version || !newest) return null;
	return Math.max(0, (newest.major - version.major) * 1000 + newest.minor - version.minor);
}

function compare(a: Version, b: Version): number {
	return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}
