/**
 * Version drift at a glance, for the header's extras: `versions 0.14.2 ×31 · 0.14.1 ×6 · 0.13.0 ×3`,
 * the Letta Code versions the whole fleet's listeners report (not the scope or filter: the header's
 * counts are the whole fleet's too), newest first, with how many run each. Those behind the newest
 * are in the warning tone; as many as fit, then `+N more`. The order is fleet/versions.ts's.
 */
import type {Connection} from '../api/connection.js';
import {type VersionCount, versionCounts} from '../fleet/versions.js';
import type {Run} from './header-fit.js';
import {truncate} from './text.js';

/** The most versions the header names before `+N more`: a long list is `--group-by version`'s job. */
export const MAX_HEADER_VERSIONS = 6;
/** A reported version is the listener's own word: past this many cells it is cut (real ones are < 20). */
export const MAX_VERSION_CELLS = 16;

/** What help's legend says of the header's versions (help-lines.ts). */
export const VERSIONS_MEANS =
	'in the header: the Letta Code versions of the whole fleet (not the scope or filter, like the counts), newest first, ×N listeners each; those behind the newest in yellow, as many as fit, then +N more; none: listeners that report no version';

/** How a version is named: `none` for listeners that report no version. */
export function versionLabel(version: string | null): string {
	return version === null ? 'none' : truncate(version, MAX_VERSION_CELLS);
}

/**
 * The drift's forms for the header, longest first: every version up to MAX_HEADER_VERSIONS, then one
 * fewer at a time down to the newest alone, each with `+N more` for the versions left out. No forms
 * (nothing to show) for a fleet without listeners. Counted once per snapshot's list (kept per array, which a
 * snapshot never changes), not per frame: 50 000 listeners cost 8 ms a count; and a poll's new list whose every
 * listener reports the version it did at the same place in the last one (a quiet poll) takes the last forms without
 * counting. The forms are shared: read only.
 */
export function versionDriftForms(connections: readonly Connection[]): Run[][] {
	let forms = formsByList.get(connections);
	if (forms === undefined) {
		forms =
			lastCounted && sameVersions(lastCounted.connections, connections)
				? lastCounted.forms
				: driftForms(versionCounts(connections.map(connection => connection.lettaCodeVersion)));
		formsByList.set(connections, forms);
		lastCounted = {connections, forms};
	}

	return forms;
}

const formsByList = new WeakMap<readonly Connection[], Run[][]>();
let lastCounted: {connections: readonly Connection[]; forms: Run[][]} | undefined;

function sameVersions(a: readonly Connection[], b: readonly Connection[]): boolean {
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) {
		if (a[index]!.lettaCodeVersion !== b[index]!.lettaCodeVersion) return false;
	}

	return true;
}

/** versionDriftForms from counts already made (newest first, as versionCounts gives them). */
export function driftForms(counts: readonly VersionCount[]): Run[][] {
	const forms: Run[][] = [];
	for (let shown = Math.min(counts.length, MAX_HEADER_VERSIONS); shown >= 1; shown--) {
		const runs: Run[] = [{text: 'versions ', tone: 'dim'}];
		counts.slice(0, shown).forEach(({version, count}, index) => {
			if (index > 0) runs.push({text: ' · ', tone: 'dim'});
			runs.push({text: `${versionLabel(version)} ×${count}`, tone: index === 0 ? 'plain' : 'warning'});
		});
		const more = counts.length - shown;
		if (more > 0) runs.push({text: ` +${more} more`, tone: 'warning'});
		forms.push(runs);
	}

	return forms;
}
