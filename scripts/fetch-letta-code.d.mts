/** Types of fetch-letta-code.mjs, for the tests that import its facts. */
/** The Letta Code release the end-to-end test runs, e.g. "0.32.18". */
export declare const LETTA_CODE_VERSION: string;
/** Absolute path of the unpacked letta.js under `root` (default: this project's root). */
export declare function lettaCodePath(root?: string): string;
