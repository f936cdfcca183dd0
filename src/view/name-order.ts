/**
 * The order names and other text cells sort in, as a person reads them: `host-2` before `host-10`
 * (a number is a number), yet hex-ish ids (`a3f9c2`, `ff50`, `1e3d77`) character by character, as
 * they are written. A collator's numeric mode reads the digits inside an id as numbers, so
 * `agent-ff9a` sorted before `agent-ff50` and `1e3d77` before `12ab00` (issue 20). Pure.
 *
 * A text is cut into words (runs of letters and digits) and the runs between them. A word made only
 * of hex digits, with at least one digit and one letter, is an id: one piece, compared as text.
 * Any other word is cut into digit runs (numbers, compared by value) and letter runs (text).
 * Texts compare piece by piece: a number before text, numbers by value, text by a collator that
 * ignores case and accents. Each piece's kind depends on its own text only, so this is a total
 * order (fast-check holds it to that in test/view/name-order.test.ts).
 */

/**
 * `folded`: the text lowercased when it is only ASCII letters and digits, where code-unit order of the lowercase
 * is the collator's order (base sensitivity), at a fraction of its cost; undefined for any other text.
 */
export type Piece = {number: true; digits: string} | {number: false; text: string; folded: string | undefined};

const ASCII_WORD = /^[0-9A-Za-z]+$/;

function textPiece(text: string): Piece {
	return {number: false, text, folded: ASCII_WORD.test(text) ? text.toLowerCase() : undefined};
}

// Made at the first text that needs it: making one loads ICU's collation data, about 10 ms of a launch (and the
// command line's checks load this module), while a fleet of ASCII names never needs it.
let collator: Intl.Collator | undefined;

/** A word of hex digits with both a digit and a letter in it: an id, not a name with a number. */
const HEX_ID = /^(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]+$/i;

/**
 * `text` cut into pieces: by `asciiPieces` when every character is ASCII (a fleet's usual names: the regular
 * expressions below took about 80 ms of a one-shot's sort of 10 000 names), else by `unicodePieces`. Both cut an
 * ASCII text alike (a property test holds them to it).
 */
export function pieces(text: string): Piece[] {
	return NON_ASCII.test(text) ? unicodePieces(text) : asciiPieces(text);
}

const NON_ASCII = /[^\u0000-\u007F]/;

/** A letter or digit, for ASCII: what `\p{L}` and `\p{N}` match below U+0080. */
function isAsciiWordCode(code: number): boolean {
	return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDigitCode(code: number): boolean {
	return code >= 48 && code <= 57;
}

/** unicodePieces for a text of ASCII characters, by character codes. */
export function asciiPieces(text: string): Piece[] {
	const result: Piece[] = [];
	for (let start = 0; start < text.length;) {
		const word = isAsciiWordCode(text.charCodeAt(start));
		let end = start + 1;
		while (end < text.length && isAsciiWordCode(text.charCodeAt(end)) === word) end++;
		const run = text.slice(start, end);
		if (!word || HEX_ID.test(run)) {
			result.push(textPiece(run));
		} else {
			for (let from = 0; from < run.length;) {
				const digits = isDigitCode(run.charCodeAt(from));
				let to = from + 1;
				while (to < run.length && isDigitCode(run.charCodeAt(to)) === digits) to++;
				const part = run.slice(from, to);
				result.push(digits ? {number: true, digits: stripZeros(part)} : textPiece(part));
				from = to;
			}
		}

		start = end;
	}

	return result;
}

/** Any text cut into pieces (the module's comment says how). */
export function unicodePieces(text: string): Piece[] {
	const result: Piece[] = [];
	for (const [run, word] of text.matchAll(/([\p{L}\p{N}]+)|[^\p{L}\p{N}]+/gu)) {
		if (word === undefined || HEX_ID.test(word)) {
			result.push(textPiece(run));
			continue;
		}

		for (const [part, digits] of word.matchAll(/(\d+)|\D+/g)) {
			// Leading zeros do not change a number's value: "007" is 7.
			result.push(digits === undefined ? textPiece(part) : {number: true, digits: stripZeros(digits)});
		}
	}

	return result;
}

function stripZeros(digits: string): string {
	return digits.replace(/^0+(?=\d)/, '');
}

/**
 * Texts already cut, by text: a sort of 10 000 rows compares each name about 14 times. Two generations, so the
 * names of listeners long gone are let go: a lookup finds a text in `recent`, or moves it there from `older`; every
 * TURNOVER_LOOKUPS lookups, or when `recent` is full, `recent` becomes `older` and the old `older` goes. A text the
 * sorts keep using stays; one no row has any more is gone after two turnovers. A single map emptied when full kept
 * every name a churning fleet ever had until the limit: at 10 000 listeners, hours of growth (docs/performance.md).
 */
let recent = new Map<string, Piece[]>();
let older = new Map<string, Piece[]>();
let lookups = 0;
/** Lookups a generation serves: about two full sorts of 10 000 rows (some 133 000 comparisons, two lookups each). */
export const TURNOVER_LOOKUPS = 500_000;
/** Texts one generation holds at most, so two hold at most twice this. */
export const GENERATION_TEXTS = 50_000;

function piecesOf(text: string): Piece[] {
	if (++lookups >= TURNOVER_LOOKUPS || recent.size >= GENERATION_TEXTS) turnOver();
	let found = recent.get(text);
	if (found === undefined) {
		found = older.get(text) ?? pieces(text);
		recent.set(text, found);
	}

	return found;
}

function turnOver(): void {
	older = recent;
	recent = new Map();
	lookups = 0;
}

/** How many texts the name order holds cut (both generations; a text may be in both), for tests. */
export function cutTextCount(): number {
	return recent.size + older.size;
}

function comparePieces(a: Piece, b: Piece): number {
	if (a.number && b.number) {
		return a.digits.length - b.digits.length || (a.digits < b.digits ? -1 : a.digits > b.digits ? 1 : 0);
	}

	if (a.number || b.number) return a.number ? -1 : 1;
	if (a.folded !== undefined && b.folded !== undefined) {
		return a.folded < b.folded ? -1 : a.folded > b.folded ? 1 : 0;
	}

	collator ??= new Intl.Collator(undefined, {sensitivity: 'base'});
	return collator.compare(a.text, b.text);
}

/**
 * Negative when `a` sorts before `b`, positive after, 0 when a person would call them the same
 * (case and accents aside: `Ana` and `ana`). A total order, safe for Array.prototype.sort.
 */
export function compareNames(a: string, b: string): number {
	if (a === b) return 0;
	const left = piecesOf(a);
	const right = piecesOf(b);
	const length = Math.min(left.length, right.length);
	for (let index = 0; index < length; index++) {
		const order = comparePieces(left[index]!, right[index]!);
		if (order !== 0) return order;
	}

	return left.length - right.length;
}
