/**
 * The fleet's defaults, each written once: the reducer's settings and the flags' defaults and
 * `--help` (config/flags.ts) read them here. Apart from the reducer, so that reading flags
 * loads none of the diff and reducer code.
 */

/** Two and a half 30 s heartbeat intervals: one late ping is noise, two is trouble (`--stale-after`, ms). */
export const DEFAULT_STALE_AFTER_MS = 75_000;

/** How long removed listeners and change marks stay on screen, ms (`--linger`). */
export const DEFAULT_LINGER_MS = 30_000;
