/**
 * A seeded PRNG (mulberry32), so a demo fleet and its churn replay exactly from
 * a seed. Not for anything security-related.
 */

export type Random = {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform integer in [min, max], both inclusive. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	chance(probability: number): boolean;
	/** One of the values, by weights that sum to 1. */
	weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
	/** `length` lowercase hex digits. */
	hex(length: number): string;
	/** A version-4-shaped UUID built from this generator, not from crypto. */
	uuid(): string;
};

const BYTE_HEX = Array.from({length: 256}, (_, byte) => byte.toString(16).padStart(2, '0'));

export function createRandom(seed: number): Random {
	let state = seed >>> 0;

	function next(): number {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	}

	function int(min: number, max: number): number {
		return min + Math.floor(next() * (max - min + 1));
	}

	function pick<T>(items: readonly T[]): T {
		if (items.length === 0) {
			throw new RangeError('pick() from an empty list');
		}

		return items[Math.floor(next() * items.length)] as T;
	}

	function hex(length: number): string {
		// A byte table rather than toString(16): ids for 50 000 devices are built at startup.
		let out = '';
		while (out.length < length) {
			const word = Math.floor(next() * 0x1_0000_0000);
			out += `${BYTE_HEX[word >>> 24]}${BYTE_HEX[(word >>> 16) & 0xff]}${BYTE_HEX[(word >>> 8) & 0xff]}${BYTE_HEX[word & 0xff]}`;
		}

		return out.length === length ? out : out.slice(0, length);
	}

	function uuid(): string {
		const digits = hex(32);
		const variant = ((Number.parseInt(digits[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
		return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-4${digits.slice(13, 16)}-${variant}${digits.slice(17, 20)}-${digits.slice(20, 32)}`;
	}

	function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
		let r = next();
		for (const [value, weight] of entries) {
			r -= weight;
			if (r < 0) {
				return value;
			}
		}

		// Rounding can leave r a hair above zero.
		return pick(entries)[0];
	}

	return {next, int, pick, chance: probability => next() < probability, weighted, hex, uuid};
}
