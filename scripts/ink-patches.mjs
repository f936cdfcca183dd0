/**
 * What the bundle changes in Ink 8 for speed, and nothing else: an esbuild plugin. (Ink's string-width imports are
 * sent to src/view/cell-width.ts by scripts/build.mjs's alias.) Each patch is to node_modules/ink/build/output.js:
 *
 * - Ink's Output keeps its caches (styled characters of a line, widths) for one frame only, and every frame tokenizes
 *   every line and measures every character again. Here they live across frames, started afresh when they hold
 *   OUTPUT_CACHE_ENTRIES texts. Ink neither mutates what they hold nor reads anything else through them, so a
 *   remembered line draws as a fresh one does.
 * - Output.get fills every cell of the frame with a new blank cell object (with its own empty styles array) before
 *   it draws: 4 800 pairs of objects a frame at 120x40. Cells are only ever replaced, never written into (the caches
 *   above already hand the same cell objects to many frames), so one frozen blank serves them all. And a line still
 *   wholly that blank (the table's rows drawn beside Ink leave most lines so) is '' without being styled and trimmed.
 *
 * A patch that no longer matches Ink's source fails the build, so an upgrade of Ink is never silently unpatched.
 */
import {readFile} from 'node:fs/promises';

/** Texts in Ink's three output caches together before they start afresh. */
const OUTPUT_CACHE_ENTRIES = 1_000;

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

const BLANK_CELL = `
// letta-fleet (scripts/ink-patches.mjs): the blank every cell starts as, shared; cells are replaced, never written.
const lettaFleetBlankCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});
function lettaFleetBlankLine(line) {
	for (let index = 0; index < line.length; index++) if (line[index] !== lettaFleetBlankCell) return false;
	return true;
}
`;

/** Each patch: Ink's text, what replaces it, and what the module gains at its end. */
const PATCHES = [
	{find: 'caches = new OutputCaches();', replace: 'caches = sharedOutputCaches();', append: SHARED_CACHES},
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

/**
 * Ink's output.js with every patch applied.
 * @param {string} source the module's text
 * @param {string} file its path, for the message
 * @returns {string}
 * @throws {Error} when a patch's text is not found exactly once (an upgrade of Ink changed it)
 */
export function patchInkOutput(source, file) {
	let contents = source;
	let appended = '';
	for (const {find, replace, append} of PATCHES) {
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
			contents: patchInkOutput(await readFile(args.path, 'utf8'), args.path),
			loader: 'js',
		}));
	},
};
