/**
 * What the bundle changes in Ink 8 for speed and memory, and nothing else: an esbuild plugin. (Ink's string-width
 * imports are sent to src/view/cell-width.ts by scripts/build.mjs's alias.) In node_modules/ink/build/output.js:
 *
 * - Ink's Output keeps its caches (styled characters of a line, widths) for one frame only, and every frame tokenizes
 *   every line and measures every character again. Here they live across frames, started afresh when they hold
 *   OUTPUT_CACHE_ENTRIES texts or OUTPUT_CACHE_CHARACTERS styled characters. Ink neither mutates what they hold nor
 *   reads anything else through them, so a remembered line draws as a fresh one does. A styled character is an
 *   object with an array of its styles, about 100 bytes: 1 000 texts of a churning screen's lines held about 10 MB (a
 *   heap snapshot of the live view at 1 000 listeners, 90 s in), so characters are counted too.
 *   They are kept in two generations: every TURNOVER_FRAMES frames a new set starts, taking from the last one only
 *   what a frame asks for again, and the one before goes. A screen whose lines change a few a minute (the live view
 *   at 10 000 listeners) otherwise filled them for an hour before they started afresh: 0.6 MB at 5 minutes, 2.2 MB at
 *   45 (heap snapshots, docs/performance.md), growth the memory bench reads as not flat.
 * - Output.get fills every cell of the frame with a new blank cell object (with its own empty styles array) before
 *   it draws: 4 800 pairs of objects a frame at 120x40. Cells are only ever replaced, never written into (the caches
 *   above already hand the same cell objects to many frames), so one frozen blank serves them all. And a line still
 *   wholly that blank (the table's rows drawn beside Ink leave most lines so) is '' without being styled and trimmed.
 *
 * Ink's text measures and wraps (measure-text.js, wrap-text.js) remember every text they were asked about, up to 4 096
 * each (a QuickLRU keeps up to twice that): a churning fleet's screen shows new texts every tick (ages, counts), so
 * they filled over the first half hour and held about as much as the fleet's own data. A frame has a few dozen
 * texts; here each remembers TEXT_CACHE_ENTRIES.
 *
 * A patch that no longer matches Ink's source exactly once fails the build, so an upgrade of Ink is never silently
 * unpatched.
 */
import {readFile} from 'node:fs/promises';

/** Texts in Ink's three output caches together before they start afresh. */
const OUTPUT_CACHE_ENTRIES = 1_000;

/**
 * Styled characters in Ink's output caches before they start afresh (about 3 MB): several frames of Ink's own lines
 * at 200x60 (12 000 cells, fewer of them Ink's: the table's rows are drawn beside it, src/output/row-overlay.ts).
 */
export const OUTPUT_CACHE_CHARACTERS = 30_000;

/**
 * Frames (Ink outputs) a generation of the output caches serves before the next starts: what the caches hold is what
 * the last 100 to 200 frames drew (the last generation's characters are not counted in OUTPUT_CACHE_CHARACTERS, so
 * together they hold at most twice it).
 */
export const TURNOVER_FRAMES = 100;

/**
 * Texts each of Ink's measure and wrap caches keeps (QuickLRU's maxSize: it holds up to twice as many). The live view's
 * frame has fewer than a hundred of Ink's texts (the table's rows are not Ink's: src/output/row-overlay.ts).
 */
export const TEXT_CACHE_ENTRIES = 256;

/** Ink's modules whose text cache is bounded by TEXT_CACHE_ENTRIES. */
const TEXT_CACHE = 'new QuickLRU({ maxSize: 4096 })';
const TEXT_CACHE_MODULES = /[\\/]node_modules[\\/]ink[\\/]build[\\/](measure|wrap)-text\.js$/;

const SHARED_CACHES = `
let lettaFleetOutputCaches;
// letta-fleet (scripts/ink-patches.mjs): caches across frames, in two generations, started afresh when full.
function sharedOutputCaches() {
	const held = lettaFleetOutputCaches;
	if (
		held === undefined ||
		held.widths.size + held.blockWidths.size + held.styledChars.size > ${OUTPUT_CACHE_ENTRIES} ||
		held.heldCharacters > ${OUTPUT_CACHE_CHARACTERS}
	) {
		lettaFleetOutputCaches = new OutputCaches();
	} else if (++held.frames >= ${TURNOVER_FRAMES}) {
		held.older = undefined;
		lettaFleetOutputCaches = new OutputCaches();
		lettaFleetOutputCaches.older = held;
	}
	return lettaFleetOutputCaches;
}
`;

const BLANK_CELL = `
// letta-fleet (scripts/ink-patches.mjs): the blank every cell starts as, shared; cells are replaced, never written.
const lettaFleetBlankCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});
function lettaFleetBlankLine(line) {
	for (let index = 0; index < line.length; index++) if (line[index] !== lettaFleetBlankCell) return false;
	return true;
}
`;

/** Each patch to output.js: Ink's text, what replaces it, and what the module gains at its end. */
const OUTPUT_PATCHES = [
	{find: 'caches = new OutputCaches();', replace: 'caches = sharedOutputCaches();', append: SHARED_CACHES},
	// Where OutputCaches remembers a line's styled characters: the count of what it holds is kept there too.
	{
		find: 'styledChars = new Map();',
		replace: 'styledChars = new Map(); heldCharacters = 0; frames = 0; older = undefined;',
		append: '',
	},
	// A line or text the last generation already worked out is taken from it.
	{
		find: 'cached = styledCharsFromTokens(',
		replace: 'cached = this.older?.styledChars.get(line) ?? styledCharsFromTokens(',
		append: '',
	},
	{
		find: 'cached = stringWidth(text);',
		replace: 'cached = this.older?.widths.get(text) ?? stringWidth(text);',
		append: '',
	},
	{
		find: 'this.styledChars.set(line, cached);',
		replace: 'this.styledChars.set(line, cached); this.heldCharacters += cached.length;',
		append: '',
	},
	{
		find: `row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
		replace: 'row.push(lettaFleetBlankCell);',
		append: BLANK_CELL,
	},
	{
		find: `const lineWithoutEmptyItems = line.filter(item => item !== undefined);`,
		replace: `if (lettaFleetBlankLine(line)) return '';
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);`,
		append: '',
	},
];

/** The patch to measure-text.js and wrap-text.js. */
const TEXT_CACHE_PATCHES = [
	{find: TEXT_CACHE, replace: `new QuickLRU({ maxSize: ${TEXT_CACHE_ENTRIES} })`, append: ''},
];

/**
 * `source` with every patch of `patches` applied.
 * @param {string} source the module's text
 * @param {string} file its path, for the message
 * @param {ReadonlyArray<{find: string, replace: string, append: string}>} patches
 * @returns {string}
 * @throws {Error} when a patch's text is not found exactly once (an upgrade of Ink changed it)
 */
function applyPatches(source, file, patches) {
	let contents = source;
	let appended = '';
	for (const {find, replace, append} of patches) {
		const at = contents.indexOf(find);
		if (at === -1 || contents.indexOf(find, at + 1) !== -1) {
			throw new Error(`scripts/ink-patches.mjs: ${file} no longer has "${find.split('\n')[0]}" exactly once`);
		}

		contents = contents.slice(0, at) + replace + contents.slice(at + find.length);
		appended += append;
	}

	return contents + appended;
}

/** The esbuild plugin. */
export const inkPatches = {
	name: 'ink-patches',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]output\.js$/}, async args => ({
			contents: applyPatches(await readFile(args.path, 'utf8'), args.path, OUTPUT_PATCHES),
			loader: 'js',
		}));
		build.onLoad({filter: TEXT_CACHE_MODULES}, async args => ({
			contents: applyPatches(await readFile(args.path, 'utf8'), args.path, TEXT_CACHE_PATCHES),
			loader: 'js',
		}));
	},
};
