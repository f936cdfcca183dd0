/**
 * What the bundle changes in Ink 8 for speed, and nothing else: an esbuild plugin. (Ink's string-width imports are
 * sent to src/view/cell-width.ts by scripts/build.mjs's alias.)
 *
 * Ink's Output keeps its caches (styled characters of a line, widths) for one frame only, and every frame tokenizes
 * every line and measures every character again. Here they live across frames, started afresh when they hold
 * OUTPUT_CACHE_ENTRIES texts. Ink neither mutates what they hold nor reads anything else through them
 * (node_modules/ink/build/output.js), so a remembered line draws as a fresh one does.
 *
 * A patch that no longer matches Ink's source fails the build, so an upgrade of Ink is never silently unpatched.
 */
import {readFile} from 'node:fs/promises';

/** Texts in Ink's three output caches together before they start afresh. */
const OUTPUT_CACHE_ENTRIES = 1_000;

const OUTPUT_CACHES_PER_FRAME = 'caches = new OutputCaches();';
const OUTPUT_CACHES_SHARED = `caches = sharedOutputCaches();`;
const SHARED_CACHES = `
let lettaFleetOutputCaches;
// letta-fleet (scripts/ink-patches.mjs): one set of caches across frames, started afresh when full.
function sharedOutputCaches() {
	const held = lettaFleetOutputCaches;
	if (held === undefined || held.widths.size + held.blockWidths.size + held.styledChars.size > ${OUTPUT_CACHE_ENTRIES}) {
		lettaFleetOutputCaches = new OutputCaches();
	}
	return lettaFleetOutputCaches;
}
`;

/** The esbuild plugin. */
export const inkPatches = {
	name: 'ink-patches',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]output\.js$/}, async args => {
			const source = await readFile(args.path, 'utf8');
			if (!source.includes(OUTPUT_CACHES_PER_FRAME)) {
				throw new Error(`scripts/ink-patches.mjs: ${args.path} no longer has "${OUTPUT_CACHES_PER_FRAME}"`);
			}

			return {
				contents: source.replace(OUTPUT_CACHES_PER_FRAME, OUTPUT_CACHES_SHARED) + SHARED_CACHES,
				loader: 'js',
			};
		});
	},
};
