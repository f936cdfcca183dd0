/** Whether two arrays hold the same elements (by identity, `===`) in the same places: a memo's check of a new array. */
export function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) {
		if (a[index] !== b[index]) return false;
	}

	return true;
}
