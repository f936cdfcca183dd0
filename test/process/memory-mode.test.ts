import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {
	FAVOUR_MEMORY_FROM_BYTES,
	FAVOUR_MEMORY_UNTIL_BYTES,
	MEMORY_MODE_CHECK_MS,
	shouldFavourMemory,
	watchMemoryMode,
} from '../../src/process/memory-mode.js';
import {FAVOUR_MEMORY_FLAG, FAVOUR_MEMORY_OFF_FLAG} from '../../src/process/v8-flags.js';

const MB = 1024 * 1024;

describe('shouldFavourMemory', () => {
	it('turns the mode on for a large heap and off only once it is well below', () => {
		expect(shouldFavourMemory(27 * MB, false)).toBe(false);
		expect(shouldFavourMemory(FAVOUR_MEMORY_FROM_BYTES, false)).toBe(true);
		// Between the two lines the mode stays as it is.
		expect(shouldFavourMemory(40 * MB, false)).toBe(false);
		expect(shouldFavourMemory(40 * MB, true)).toBe(true);
		expect(shouldFavourMemory(FAVOUR_MEMORY_UNTIL_BYTES - 1, true)).toBe(false);
	});
});

describe('watchMemoryMode', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('sets nothing at launch, then follows the heap, setting a flag only when the answer changes', () => {
		let committed = 80 * MB;
		const set: string[][] = [];
		const stop = watchMemoryMode({
			committedBytes: () => committed,
			setV8Flags: flags => set.push([...flags]),
			on: FAVOUR_MEMORY_FLAG,
			off: FAVOUR_MEMORY_OFF_FLAG,
		});
		vi.advanceTimersByTime(MEMORY_MODE_CHECK_MS - 1);
		expect(set).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(set).toEqual([[FAVOUR_MEMORY_FLAG]]);
		vi.advanceTimersByTime(MEMORY_MODE_CHECK_MS * 5);
		expect(set).toHaveLength(1);
		// The fleet shrank: once the heap is well below the line, the mode goes off, once.
		committed = 40 * MB;
		vi.advanceTimersByTime(MEMORY_MODE_CHECK_MS * 3);
		expect(set).toHaveLength(1);
		committed = 20 * MB;
		vi.advanceTimersByTime(MEMORY_MODE_CHECK_MS * 3);
		expect(set).toEqual([[FAVOUR_MEMORY_FLAG], [FAVOUR_MEMORY_OFF_FLAG]]);
		stop();
		committed = 100 * MB;
		vi.advanceTimersByTime(MEMORY_MODE_CHECK_MS * 3);
		expect(set).toHaveLength(2);
	});

	it('never turns the mode on for a small heap', () => {
		const set: string[][] = [];
		const stop = watchMemoryMode({
			committedBytes: () => 27 * MB,
			setV8Flags: flags => set.push([...flags]),
			on: FAVOUR_MEMORY_FLAG,
			off: FAVOUR_MEMORY_OFF_FLAG,
		});
		vi.advanceTimersByTime(MEMORY_MODE_CHECK_MS * 100);
		expect(set).toEqual([]);
		stop();
	});
});
