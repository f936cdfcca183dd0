/**
 * What the bundle changes in Ink 8 for speed, and nothing else: an esbuild plugin. (Ink's string-width imports are
 * sent to src/view/cell-width.ts by scripts/build.mjs's alias.)
 *
 * Ink's Output keeps its caches (styled characters of a line, widths) for one frame only, and every frame tokenizes
 * every line and measures every character again. Here they live across frames, started afresh when they hold
 * OUTPUT_CACHE_ENTRIES texts or OUTPUT_CACHE_CHARACTERS styled characters. Ink neither mutates what they hold nor
 * reads anything else through them (node_modules/ink/build/output.js), so a remembered line draws as a fresh one does.
 * A styled character is an object with an array of its styles, about 100 bytes: 1 000 texts of a churning screen's
 * lines held about 10 MB (a heap snapshot of the live view at 1 000 listeners, 90 s in), so characters are counted too.
 *
 * Ink's text measures and wraps (measure-text.js, wrap-text.js) remember every text they were asked about, up to 4 096
 * each (a QuickLRU keeps up to twice that): a churning fleet's screen shows new texts every tick (ages, counts), so
 * they filled over the first half hour and held about as much as the fleet's own data. A frame has a few dozen
 * texts; here each remembers TEXT_CACHE_ENTRIES.
 *
 * A patch that no longer matches Ink's source fails the build, so an upgrade of Ink is never silently unpatched.
 */
import {readFile} from 'node:fs/promises';

/** Texts in Ink's three output caches together before they start afresh. */
const OUTPUT_CACHE_ENTRIES = 1_000;

/**
 * Styled characters in Ink's output caches before they start afresh (about 3 MB): several frames of Ink's own lines
 * at 200x60 (12 000 cells, fewer of them Ink's: the table's rows are drawn beside it, src/output/row-overlay.ts).
 */
export const OUTPUT_CACHE_CHARACTERS = 30_000;

/** Where Ink's OutputCaches remembers a line's styled characters: the count of what it holds is kept there too. */
const STYLED_CHARS_FIELD = 'styledChars = new Map();';
const STYLED_CHARS_SET = 'this.styledChars.set(line, cached);';

/**
 * Texts each of Ink's measure and wrap caches keeps (QuickLRU's maxSize: it holds up to twice as many). The live view's
 * frame has fewer than a hundred of Ink's texts (the table's rows are not Ink's: src/output/row-overlay.ts).
 */
export const TEXT_CACHE_ENTRIES = 256;

/** Ink's modules whose text cache is bounded by TEXT_CACHE_ENTRIES. */
const TEXT_CACHE = 'new QuickLRU({ maxSize: 4096 })';
const TEXT_CACHE_MODULES = /[\\/]node_modules[\\/]ink[\\/]build[\\/](measure|wrap)-text\.js$/;

const OUTPUT_CACHES_PER_FRAME = 'caches = new OutputCaches();';
const OUTPUT_CACHES_SHARED = `caches = sharedOutputCaches();`;
const SHARED_CACHES = `
let lettaFleetOutputCaches;
// letta-fleet (scripts/ink-patches.mjs): one set of caches across frames, started afresh when full.
function sharedOutputCaches() {
	const held = lettaFleetOutputCaches;
	if (
		held === undefined ||
		held.widths.size + held.blockWidths.size + held.styledChars.size > ${OUTPUT_CACHE_ENTRIES} ||
		held.heldCharacters > ${OUTPUT_CACHE_CHARACTERS}
	) {
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
			for (const expected of [OUTPUT_CACHES_PER_FRAME, STYLED_CHARS_FIELD, STYLED_CHARS_SET]) {
				if (!source.includes(expected)) {
					throw new Error(`scripts/ink-patches.mjs: ${args.path} no longer has "${expected}"`);
				}
			}

			const patched = source
				.replace(OUTPUT_CACHES_PER_FRAME, OUTPUT_CACHES_SHARED)
				.replace(STYLED_CHARS_FIELD, `${STYLED_CHARS_FIELD} heldCharacters = 0;`)
				.replace(STYLED_CHARS_SET, `${STYLED_CHARS_SET} this.heldCharacters += cached.length;`);
			return {contents: patched + SHARED_CACHES, loader: 'js'};
		});
		build.onLoad({filter: TEXT_CACHE_MODULES}, async args => {
			const source = await readFile(args.path, 'utf8');
			if (!source.includes(TEXT_CACHE)) {
				throw new Error(`scripts/ink-patches.mjs: ${args.path} no longer has "${TEXT_CACHE}"`);
			}

			return {
				contents: source.replace(TEXT_CACHE, `new QuickLRU({ maxSize: ${TEXT_CACHE_ENTRIES} })`),
				loader: 'js',
			};
		});
	},
};
