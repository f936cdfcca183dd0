/**
 * Letta Code versions in the order "who is behind" reads them: newest first. A listener reports its
 * version as `metadata.lettaCodeVersion`, an npm package version (`0.14.3`, `0.15.0-next.2`), but it is
 * the listener's own word, so anything else sorts after every version that parses (alphabetically), and a
 * listener that reports none comes last. Comparison is SemVer 2.0 precedence (the `semver` package, as
 * npm compares them), so `0.10.0` is newer than `0.9.9` and a prerelease is older than its release.
 */
// The two functions, not the package's index, which loads all of semver (ranges, comparators, every function): the
// live view and the command line's checks load this module at every launch.
import parse from 'semver/functions/parse.js';
import rcompare from 'semver/functions/rcompare.js';
import type {SemVer} from 'semver';

/** A version's place in the order: parsed when it is SemVer, raw otherwise, null when none was reported. */
type Ranked = {semver: SemVer | null; raw: string | null};

/** Bounded so that a hostile 1 MiB "version" costs nothing to rank; real versions are under 40 characters. */
const MAX_VERSION_LENGTH = 256;

/**
 * Each text parsed once: a sort of 10 000 rows compares about 140 000 times over the few versions a fleet runs, and
 * parsing on every call cost 580 ms. Bounded, and emptied when full, so a fleet of ever-new strings cannot grow it.
 */
const parsed = new Map<string, SemVer | null>();
const PARSED_LIMIT = 10_000;

function rank(version: string | null): Ranked {
	if (version === null) return {semver: null, raw: null};
	let semver = parsed.get(version);
	if (semver === undefined) {
		if (parsed.size >= PARSED_LIMIT) parsed.clear();
		semver = version.length <= MAX_VERSION_LENGTH ? parse(version, {loose: true}) : null;
		parsed.set(version, semver);
	}

	return {semver, raw: version};
}

/** Whether a reported version parses as SemVer, so it sorts among the versions rather than after them. */
export function isSemverVersion(version: string | null): boolean {
	return rank(version).semver !== null;
}

function compareRanked(a: Ranked, b: Ranked): number {
	if (a.semver && b.semver) return rcompare(a.semver, b.semver) || (a.raw! < b.raw! ? -1 : a.raw! > b.raw! ? 1 : 0);
	if (a.semver) return -1;
	if (b.semver) return 1;
	if (a.raw === null || b.raw === null) return a.raw === b.raw ? 0 : a.raw === null ? 1 : -1;
	return a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0;
}

/**
 * Compares two reported versions, newest first: negative when `a` is newer than `b` (or `a` parses and
 * `b` does not, or only `b` is null). Two spellings of one version (`v1.2.3`, `1.2.3`) keep a stable
 * order by their text. A total order, so it is safe for Array.prototype.sort.
 */
export function compareVersionsNewestFirst(a: string | null, b: string | null): number {
	return compareRanked(rank(a), rank(b));
}

/** One version and how many listeners report it. `version` null: listeners that report none. */
export type VersionCount = {version: string | null; count: number};

/**
 * How many listeners run each version, newest first (compareVersionsNewestFirst): the fleet's version
 * drift at a glance. `versions` is one entry per listener (its `lettaCodeVersion`). O(n + k log k) for k
 * distinct versions.
 */
export function versionCounts(versions: Iterable<string | null>): VersionCount[] {
	const counts = new Map<string | null, number>();
	for (const version of versions) counts.set(version, (counts.get(version) ?? 0) + 1);
	const ranked = [...counts].map(([version, count]) => ({version, count, ranked: rank(version)}));
	ranked.sort((a, b) => compareRanked(a.ranked, b.ranked));
	return ranked.map(({version, count}) => ({version, count}));
}
