/** A one-line picture of heartbeat ages across polls: low bars are fresh, a full bar is stale. */
export function sparkline(values: ReadonlyArray<number | null>, ceiling: number, bars: readonly string[]): string {
	return values
		.map(value => {
			if (value === null) {
				return ' ';
			}

			const level = Math.min(bars.length - 1, Math.floor((Math.max(0, value) / ceiling) * (bars.length - 1)));
			return bars[level]!;
		})
		.join('');
}
