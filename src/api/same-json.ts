/**
 * Deep equality of two values parsed from JSON (objects, arrays, strings,
 * numbers, booleans, null). Key order is ignored, as JSON readers do.
 */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) {
		return true;
	}

	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
		return false;
	}

	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) {
			return false;
		}

		for (let index = 0; index < a.length; index++) {
			if (!sameJson(a[index], b[index])) {
				return false;
			}
		}

		return true;
	}

	if (Array.isArray(b)) {
		return false;
	}

	let count = 0;
	for (const key in a) {
		if (!Object.hasOwn(b, key) || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) {
			return false;
		}

		count++;
	}

	for (const key in b) {
		if (--count < 0) {
			return false;
		}
	}

	return true;
}
