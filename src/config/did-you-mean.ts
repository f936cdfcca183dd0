/**
 * "Did you mean": the nearest of the known words to one mistyped, as git and kubectl suggest. Pure.
 * Near means at most two edits (an insertion, deletion, substitution or swap of neighbours), and
 * fewer than half the word's length, so `--x` suggests nothing rather than anything.
 */

/** The known word nearest to `typed`, or undefined when none is near enough. Ties go to the first in `known`. */
export function nearestWord(typed: string, known: readonly string[]): string | undefined {
	const limit = Math.min(2, Math.floor((typed.length - 1) / 2));
	let best: {word: string; distance: number} | undefined;
	for (const word of known) {
		const distance = editDistance(typed.toLowerCase(), word.toLowerCase(), limit);
		if (distance <= limit && (best === undefined || distance < best.distance)) best = {word, distance};
	}

	return best?.word;
}

/**
 * Optimal string alignment distance (Levenshtein with swaps of neighbours), cut short once every
 * cell of a row is past `limit` (then anything past it is returned). Inputs are short (flag and
 * command names), so the table is small; a long typed word is cut to 64 characters first.
 */
function editDistance(a: string, b: string, limit: number): number {
	const left = a.slice(0, 64);
	const right = b.slice(0, 64);
	if (Math.abs(left.length - right.length) > limit) return limit + 1;
	let before: number[] = [];
	let previous = Array.from({length: right.length + 1}, (_, index) => index);
	for (let i = 1; i <= left.length; i++) {
		const current = [i];
		let smallest = i;
		for (let j = 1; j <= right.length; j++) {
			const cost = left[i - 1] === right[j - 1] ? 0 : 1;
			let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			if (i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1]) {
				value = Math.min(value, before[j - 2]! + 1);
			}

			current.push(value);
			smallest = Math.min(smallest, value);
		}

		if (smallest > limit) return limit + 1;
		before = previous;
		previous = current;
	}

	return previous[right.length]!;
}
